import { ConfusionMatrix, classCounts } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describeSummaryEdgeCases } from '../test/edge-cases.js';
import { countsOf } from '../test/helpers.js';
import { pixelAccuracy, pixelAccuracyMetric } from './pixel-accuracy.js';

describe('pixelAccuracy', () => {
  it('is correct pixels over counted pixels (scikit-learn accuracy_score example: 0.5)', () => {
    // sklearn.metrics.accuracy_score docs: y_pred = [0, 2, 1, 3], y_true = [0, 1, 2, 3] → 0.5.
    expect(pixelAccuracy(countsOf(4, [0, 2, 1, 3], [0, 1, 2, 3]))).toBe(0.5);
  });

  it('counts predictions of the ignore label as wrong and ignored ground truth not at all', () => {
    expect(pixelAccuracy(countsOf(2, [0, 255, 1, 0], [0, 0, 1, 255], 255))).toBe(2 / 3);
  });

  it('is 0/0 (NaN, or zeroDivision) when nothing is counted', () => {
    const empty = classCounts(new ConfusionMatrix({ numClasses: 2 }));
    expect(pixelAccuracy(empty)).toBeNaN();
    expect(pixelAccuracy(empty, { zeroDivision: 0 })).toBe(0);
    expect(pixelAccuracy(countsOf(2, [0, 1], [255, 255], 255))).toBeNaN();
  });

  it('is registered as the aAcc summary', () => {
    expect(pixelAccuracyMetric).toMatchObject({ id: 'aAcc', kind: 'summary' });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describeSummaryEdgeCases(pixelAccuracyMetric, {
  empty: N,
  perfectOneClass: 1,
  perfect: 1,
  allWrong: 0,
  predictedOnly: 0.5,
  gtOnly: 0.5,
  absentBoth: 1,
  allIgnored: N,
  ignoreInside: 2 / 3,
  ignoreOutside: 0.5,
});
