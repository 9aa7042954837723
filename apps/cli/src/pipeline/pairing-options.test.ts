import { describe, expect, it } from 'vitest';
import { pairingDifference, pairingOptions } from './pairing-options.js';

describe('pairingOptions', () => {
  it('pairingOptions records flags not given as null and the globs sorted, without repeats', () => {
    expect(pairingOptions({ include: ['b/*', 'a/*', 'b/*'] })).toEqual({
      gtSuffix: null,
      predSuffix: null,
      gtPattern: null,
      predPattern: null,
      matchBy: 'path',
      include: ['a/*', 'b/*'],
      exclude: [],
    });
  });
});

describe('pairingDifference', () => {
  it('pairingDifference names the first option that differs and both values', () => {
    const a = pairingOptions({ predSuffix: '_A.png' });
    expect(pairingDifference(a, pairingOptions({ predSuffix: '_B.png' }))).toEqual({
      option: '--pred-suffix',
      values: ['"_A.png"', '"_B.png"'],
    });
    expect(pairingDifference(a, pairingOptions({}))).toEqual({
      option: '--pred-suffix',
      values: ['"_A.png"', 'not given'],
    });
    expect(pairingDifference(pairingOptions({}), pairingOptions({ matchBy: 'basename' }))).toMatchObject({
      option: '--match-by',
    });
  });

  it('pairingDifference is null for the same pairing, whatever the order of the globs', () => {
    expect(
      pairingDifference(
        pairingOptions({ include: ['a/*', 'b/*'], matchBy: 'path' }),
        pairingOptions({ include: ['b/*', 'a/*'] }),
      ),
    ).toBeNull();
  });
});
