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
});
