import { describe, expect, it } from 'vitest';
import { comparisonDirection } from './comparison-direction.js';

describe('comparisonDirection', () => {
  it('points where the interval and the estimate agree, and nowhere when they disagree', () => {
    expect(comparisonDirection(0.01, [0.002, 0.02])).toBe(1);
    expect(comparisonDirection(-0.01, [-0.02, -0.002])).toBe(-1);
    // A percentile interval on the other side of 0 than its estimate: no evidence either way.
    expect(comparisonDirection(-0.001, [0.0005, 0.002])).toBe(0);
    expect(comparisonDirection(0.001, [-0.002, -0.0005])).toBe(0);
    expect(comparisonDirection(0.01, [-0.001, 0.02])).toBe(0);
    expect(comparisonDirection(0, [0, 0])).toBe(0);
    expect(comparisonDirection(Number.NaN, [0.1, 0.2])).toBe(0);
    expect(comparisonDirection(0.01, null)).toBe(0);
  });

  it('with alpha, also needs a p-value at most alpha', () => {
    expect(comparisonDirection(0.01, [0.002, 0.02], 0.04, 0.05)).toBe(1);
    expect(comparisonDirection(0.01, [0.002, 0.02], 0.06, 0.05)).toBe(0);
    expect(comparisonDirection(0.01, [0.002, 0.02], null, 0.05)).toBe(0);
  });

  it('counts a p-value of exactly 1 − level at every level, whatever the rounding of 1 − level', () => {
    // 1 − 0.9 = 0.09999999999999998 and 1 − 0.8 = 0.19999999999999996 in binary floating point: the
    // smallest p-values of 9 and 4 resamples, 1/10 and 1/5, lie exactly at the documented threshold.
    for (const [level, resamples] of [
      [0.9, 9],
      [0.8, 4],
      [0.95, 19],
      [0.99, 99],
      [0.5, 1],
    ] as const) {
      const p = 1 / (resamples + 1);
      expect(comparisonDirection(-0.01, [-0.02, -0.001], p, 1 - level)).toBe(-1);
      // The next p-value up is not.
      expect(comparisonDirection(-0.01, [-0.02, -0.001], 2 / (resamples + 1), 1 - level)).toBe(0);
    }
  });
});
