import { describe, expect, it } from 'vitest';
import { canonicalJson, displayValue, firstDifference } from './canonical-json.js';

describe('canonicalJson', () => {
  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('drops undefined members and keeps array order', () => {
    expect(canonicalJson({ a: undefined, b: [2, 1] })).toBe('{"b":[2,1]}');
  });
});

describe('firstDifference', () => {
  it('names the first differing setting by its dotted path, arrays as a whole', () => {
    const a = { matrixOptions: { ignoreIndex: [255], numClasses: 19 }, report: { beta: null } };
    const b = { matrixOptions: { numClasses: 19, ignoreIndex: [0, 255] }, report: { beta: null } };
    expect(firstDifference(a, b)).toEqual({
      path: 'matrixOptions.ignoreIndex',
      left: [255],
      right: [0, 255],
    });
    expect(firstDifference(a, structuredClone(a))).toBeNull();
  });

  it('reports a member present on one side only', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 'x' })).toEqual({ path: 'b', left: undefined, right: 'x' });
  });
});

describe('displayValue', () => {
  it('prints JSON with spaces after commas and marks a missing value', () => {
    expect(displayValue([0, 255])).toBe('[0, 255]');
    expect(displayValue(undefined)).toBe('(none)');
  });
});
