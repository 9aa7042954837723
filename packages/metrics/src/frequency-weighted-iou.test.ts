import { ConfusionMatrix, classCounts } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describeSummaryEdgeCases } from '../test/edge-cases.js';
import { countsOf } from '../test/helpers.js';
import { frequencyWeightedIoU, frequencyWeightedIoUMetric } from './frequency-weighted-iou.js';

describe('frequencyWeightedIoU', () => {
  it('weights each IoU by its ground-truth support (scikit-learn jaccard_score docs data, weighted)', () => {
    // y_true = [0, 1, 2, 2], y_pred = [0, 2, 1, 2]: IoU [1, 0, 1/3], support [1, 1, 2] → (1 + 2/3) / 4.
    expect(frequencyWeightedIoU(countsOf(3, [0, 2, 1, 2], [0, 1, 2, 2]))).toBe((1 + 2 / 3) / 4);
  });

  it('ignores absent and predicted-only classes (weight 0) and honours include', () => {
    const counts = countsOf(4, [0, 0, 3], [0, 1, 1]);
    expect(frequencyWeightedIoU(counts)).toBe((1 * 0.5 + 2 * 0) / 3);
    expect(frequencyWeightedIoU(counts, { include: [true, false, true, true] })).toBe(0.5);
  });

  it('is 0/0 (NaN, or zeroDivision) without ground truth', () => {
    const empty = classCounts(new ConfusionMatrix({ numClasses: 2 }));
    expect(frequencyWeightedIoU(empty)).toBeNaN();
    expect(frequencyWeightedIoU(empty, { zeroDivision: 1 })).toBe(1);
  });

  it('is registered as the fwIoU summary', () => {
    expect(frequencyWeightedIoUMetric).toMatchObject({ id: 'fwIoU', kind: 'summary' });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
// predicted-only: IoU0 1/2 (support 2) → 0.5; gt-only: IoU0 1/2, IoU1 0 (support 1 each) → 0.25;
// ignore inside: IoU1 1/2 (support 2), IoU2 1 (support 1) → 2/3.
describeSummaryEdgeCases(frequencyWeightedIoUMetric, {
  empty: N,
  perfectOneClass: 1,
  perfect: 1,
  allWrong: 0,
  predictedOnly: 0.5,
  gtOnly: 0.25,
  absentBoth: 1,
  allIgnored: N,
  ignoreInside: 2 / 3,
  ignoreOutside: 0.5,
});
