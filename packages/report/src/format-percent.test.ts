import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, groupThousands, UNDEFINED_VALUE } from './format-percent.js';

describe('groupThousands', () => {
  it("prints integers as toLocaleString('en-US') does (property)", () => {
    const integers = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.maxSafeInteger(),
      fc.double({ min: -1e22, max: 1e22, noNaN: true }).map(Math.round),
      fc.constantFrom(0, -0, 999, 1000, -1000, 999_999, 1e20, 1e21, -1e21, 2 ** 53),
    );
    fc.assert(
      fc.property(integers, (n) => {
        expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 2000 },
    );
  });

  it('groups by three from the right', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(12)).toBe('12');
    expect(groupThousands(1234)).toBe('1,234');
    expect(groupThousands(-1234567)).toBe('-1,234,567');
    expect(groupThousands(100_000)).toBe('100,000');
  });
});

describe('formatCount', () => {
  it('rounds, groups, and shows NaN as an em dash', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(Number.NaN)).toBe(UNDEFINED_VALUE);
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe(UNDEFINED_VALUE);
  });
});
