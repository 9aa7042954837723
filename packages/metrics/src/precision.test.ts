import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { precision, precisionMetric } from './precision.js';

describe('precision', () => {
  it('matches the scikit-learn precision_score documentation example (average=None)', () => {
    // sklearn.metrics.precision_score docs: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]
    // → [0.66666667, 0, 0].
    expect(list(precision(countsOf(3, [0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2])))).toEqual([2 / 3, 0, 0]);
  });

  it("takes zeroDivision for a class never predicted (scikit-learn's zero_division)", () => {
    expect(list(precision(countsOf(2, [0, 0], [0, 1]), { zeroDivision: 1 }))).toEqual([0.5, 1]);
  });

  it('is described in the registry as a per-class metric yielding mPrecision', () => {
    expect(precisionMetric).toMatchObject({ id: 'precision', summaryIds: ['mPrecision'] });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(precisionMetric, {
  perfectOneClass: [1],
  perfect: [1, 1, 1],
  allWrong: [0, 0],
  predictedOnly: [1, 0],
  gtOnly: [0.5, N],
  absentBoth: [1, 1, N],
  allIgnored: [N, N],
  ignoreInside: [N, 1, 1],
  ignoreOutside: [N, 1],
});
