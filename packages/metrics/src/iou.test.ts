import { fromTotals } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { iou, iouMetric } from './iou.js';

describe('iou', () => {
  it('matches the scikit-learn jaccard_score documentation example (average=None)', () => {
    // sklearn.metrics.jaccard_score docs: y_true = [0, 1, 2, 2], y_pred = [0, 2, 1, 2] → [1, 0, 1/3].
    expect(list(iou(countsOf(3, [0, 2, 1, 2], [0, 1, 2, 2])))).toEqual([1, 0, 1 / 3]);
  });

  it('keeps false positives and negatives exact above 2^32', () => {
    const tp = 2 ** 40 + 1;
    const counts = fromTotals(
      Float64Array.of(tp),
      Float64Array.of(tp + 2 ** 34),
      Float64Array.of(tp + 2 ** 33),
    );
    expect(counts.fp[0]).toBe(2 ** 33);
    expect(counts.fn[0]).toBe(2 ** 34);
    expect(iou(counts)[0]).toBe(tp / (tp + 2 ** 33 + 2 ** 34));
  });

  it('does not modify its input', () => {
    const counts = countsOf(2, [0, 1], [1, 1]);
    const before = list(counts.tp);
    iou(counts, { zeroDivision: 0 });
    expect(list(counts.tp)).toEqual(before);
  });

  it('is described in the registry as a per-class metric yielding mIoU', () => {
    expect(iouMetric).toMatchObject({
      id: 'iou',
      kind: 'per-class',
      higherIsBetter: true,
      summaryIds: ['mIoU'],
    });
    expect(iouMetric.compute).toBe(iou);
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(iouMetric, {
  perfectOneClass: [1],
  perfect: [1, 1, 1],
  allWrong: [0, 0],
  predictedOnly: [0.5, 0],
  gtOnly: [0.5, 0],
  absentBoth: [1, 1, N],
  allIgnored: [N, N],
  ignoreInside: [N, 0.5, 1],
  ignoreOutside: [0, 1],
});
