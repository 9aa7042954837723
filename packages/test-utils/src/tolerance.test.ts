import { describe, expect, it } from 'vitest';
import { expectAllClose, expectClose, isClose } from './tolerance.js';

describe('isClose', () => {
  it('accepts values within the absolute tolerance and rejects values outside it', () => {
    expect(isClose(0.5 + 5e-10, 0.5, 1e-9)).toBe(true);
    expect(isClose(0.5 + 5e-9, 0.5, 1e-9)).toBe(false);
  });

  it('matches NaN only with null or NaN', () => {
    expect(isClose(Number.NaN, null, 1e-9)).toBe(true);
    expect(isClose(null, Number.NaN, 1e-9)).toBe(true);
    expect(isClose(0, null, 1e-9)).toBe(false);
    expect(isClose(Number.NaN, 0, 1e-9)).toBe(false);
  });

  it('matches infinities only with themselves', () => {
    expect(isClose(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1)).toBe(true);
    expect(isClose(Number.POSITIVE_INFINITY, 1e300, 1)).toBe(false);
  });
});

describe('expectClose', () => {
  it('throws an error naming the label, the expected and the actual value', () => {
    expect(() => expectClose(0.7, 0.75, 1e-6, 'mIoU')).toThrow(/mIoU: expected 0.75 ± 0.000001, got 0.7/);
    expect(() => expectClose(0.75, 0.75)).not.toThrow();
  });
});

describe('expectAllClose', () => {
  it('names the first differing index', () => {
    expect(() => expectAllClose([1, 0.5, Number.NaN], [1, 0.5, 0], 1e-9, 'IoU')).toThrow(/IoU\[2\]/);
    expect(() => expectAllClose(new Float64Array([1, Number.NaN]), [1, null])).not.toThrow();
  });

  it('rejects arrays of different lengths', () => {
    expect(() => expectAllClose([1], [1, 2])).toThrow(/expected 2 values, got 1/);
  });
});
