import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { specificity, specificityMetric } from './specificity.js';

describe('specificity', () => {
  it('is TN / (TN + FP) on the scikit-learn precision_score example data', () => {
    // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]: class 0 has TN 3, FP 1 → 3/4;
    // class 1: TN 2, FP 2 → 1/2; class 2: TN 3, FP 1 → 3/4 (worked out by hand from the formula).
    expect(list(specificity(countsOf(3, [0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2])))).toEqual([0.75, 0.5, 0.75]);
  });

  it('is described in the registry as higher-is-better', () => {
    expect(specificityMetric).toMatchObject({ id: 'specificity', higherIsBetter: true });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(specificityMetric, {
  perfectOneClass: [N],
  perfect: [1, 1, 1],
  allWrong: [0, 0],
  predictedOnly: [N, 0.5],
  gtOnly: [0, 1],
  absentBoth: [1, 1, 1],
  allIgnored: [N, N],
  ignoreInside: [1, 1, 1],
  ignoreOutside: [1, 1],
});
