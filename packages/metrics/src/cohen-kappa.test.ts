import { ConfusionMatrix, classCounts, fromTotals } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describeSummaryEdgeCases } from '../test/edge-cases.js';
import { countsOf } from '../test/helpers.js';
import { cohenKappa, cohenKappaMetric } from './cohen-kappa.js';

describe('cohenKappa', () => {
  it("gives 0.4 on the textbook 2×2 table [[20, 5], [10, 15]] (Wikipedia, Cohen's kappa, simple example)", () => {
    // rows = ground truth: tp [20, 15], support [25, 25], predicted [30, 20]; p_o 0.7, p_e 0.5.
    const counts = fromTotals(Float64Array.of(20, 15), Float64Array.of(25, 25), Float64Array.of(30, 20));
    expect(cohenKappa(counts)).toBeCloseTo(0.4, 15);
  });

  it('is 1 for a perfect prediction with two classes and negative for systematic disagreement', () => {
    expect(cohenKappa(countsOf(2, [0, 1, 1], [0, 1, 1]))).toBe(1);
    expect(cohenKappa(countsOf(2, [1, 1, 0, 0], [0, 0, 1, 1]))).toBe(-1);
  });

  it('is 0/0 when one class fills both ground truth and prediction, or nothing is counted', () => {
    expect(cohenKappa(countsOf(3, [1, 1], [1, 1]))).toBeNaN();
    expect(cohenKappa(classCounts(new ConfusionMatrix({ numClasses: 2 })), { zeroDivision: 0 })).toBe(0);
  });

  it('treats pixels predicted as ignore as agreeing with no class', () => {
    // gt [0, 1], pred [0, ignore]: p_o = 1/2, p_e = (1·1 + 1·0) / 4 = 1/4 → (1/2 − 1/4) / (3/4) = 1/3.
    expect(cohenKappa(countsOf(2, [0, 255], [0, 1], 255))).toBeCloseTo(1 / 3, 15);
  });

  it('is registered as the kappa summary', () => {
    expect(cohenKappaMetric).toMatchObject({ id: 'kappa', kind: 'summary', higherIsBetter: true });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
// One class filling gt and prediction is 0/0; predicted-only: N 2, agree 1, Σs·p = 2·1 → (2−2)/(4−2) = 0;
// gt-only: Σs·p = 1·2 → 0; ignore inside: N 3, agree 2, Σs·p = 2·1 + 1·1 = 3 → (6−3)/(9−3) = 1/2;
// ignore outside (gt [255,0,1], pred [0,255,1]): N 2, agree 1, Σs·p = 1·0 + 1·1 → (2−1)/(4−1) = 1/3.
describeSummaryEdgeCases(cohenKappaMetric, {
  empty: N,
  perfectOneClass: N,
  perfect: 1,
  allWrong: -1,
  predictedOnly: 0,
  gtOnly: 0,
  absentBoth: 1,
  allIgnored: N,
  ignoreInside: 0.5,
  ignoreOutside: 1 / 3,
});
