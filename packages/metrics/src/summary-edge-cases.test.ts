/**
 * STYLE.md's edge cases for the summary metrics (aAcc, fwIoU, kappa). Expected values follow from each
 * metric's formula (see its TSDoc), worked out by hand.
 */
import { ConfusionMatrix, classCounts, ErrorCode, fromTotals } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { countsOf } from '../test/helpers.js';
import { cohenKappa } from './cohen-kappa.js';
import { frequencyWeightedIoU } from './frequency-weighted-iou.js';
import { pixelAccuracy } from './pixel-accuracy.js';
import type { MetricOptions } from './types.js';

const N = Number.NaN;
type Fn = (counts: ReturnType<typeof countsOf>, options?: MetricOptions) => number;

// [empty, one class perfect, perfect (3 classes), all wrong, predicted-only, gt-only, absent both,
//  all ignored, ignore inside [0, C), ignore outside]
const cases: [string, Fn, number[]][] = [
  ['pixelAccuracy', pixelAccuracy, [N, 1, 1, 0, 0.5, 0.5, 1, N, 2 / 3, 0.5]],
  // fwIoU: predicted-only gt [0,0] pred [0,1]: IoU0 1/2 (support 2) → 0.5; gt-only gt [0,1] pred [0,0]:
  // IoU0 1/2 (support 1), IoU1 0 (support 1) → 0.25; ignore inside: IoU1 1/2 (support 2), IoU2 1 (1) → 2/3.
  ['frequencyWeightedIoU', frequencyWeightedIoU, [N, 1, 1, 0, 0.5, 0.25, 1, N, 2 / 3, 0.5]],
  // kappa: one class filling gt and prediction is 0/0; predicted-only: N 2, agree 1, Σs·p = 2·1 → (2−2)/(4−2) = 0;
  // gt-only: Σs·p = 1·2 → 0; ignore inside: N 3, agree 2, Σs·p = 2·1 + 1·1 = 3 → (6−3)/(9−3) = 1/2;
  // ignore outside (gt [255,0,1], pred [0,255,1]): N 2, agree 1, Σs·p = 1·0 + 1·1 → (2−1)/(4−1) = 1/3.
  ['cohenKappa', cohenKappa, [N, N, 1, -1, 0, 0, 1, N, 0.5, 1 / 3]],
];

describe.each(cases)('%s edge cases', (name, metric, e) => {
  const inputs = [
    () => classCounts(new ConfusionMatrix({ numClasses: 3 })),
    () => countsOf(1, [0, 0, 0], [0, 0, 0]),
    () => countsOf(3, [0, 1, 2, 2], [0, 1, 2, 2]),
    () => countsOf(2, [1, 1, 0, 0], [0, 0, 1, 1]),
    () => countsOf(2, [0, 1], [0, 0]),
    () => countsOf(2, [0, 0], [0, 1]),
    () => countsOf(3, [0, 1], [0, 1]),
    () => countsOf(2, [0, 1, 1], [255, 255, 255], 255),
    () => countsOf(3, [1, 1, 0, 2], [0, 1, 1, 2], 0),
    () => countsOf(2, [0, 255, 1], [255, 0, 1], 255),
  ];
  const labels = [
    'empty input',
    'one class, perfect',
    'perfect prediction',
    'every pixel wrong',
    'class predicted but not in the ground truth',
    'class in the ground truth but never predicted',
    'class absent from both',
    'every pixel ignored',
    'ignore label inside [0, C)',
    'ignore label outside [0, C)',
  ];
  labels.forEach((label, i) => {
    it(`${name}: ${label}`, () => {
      const value = metric(inputs[i]!());
      if (Number.isNaN(e[i]!)) expect(value).toBeNaN();
      else expect(value).toBeCloseTo(e[i]!, 15);
    });
  });

  it(`${name}: 0/0 takes the zeroDivision value`, () => {
    expect(metric(inputs[0]!(), { zeroDivision: 0.25 })).toBe(0.25);
  });

  it(`${name}: counts above 2^32 scale exactly (ratio unchanged by a 2^33 factor)`, () => {
    const s = 2 ** 33;
    const small = fromTotals(Float64Array.of(3, 1), Float64Array.of(4, 2), Float64Array.of(4, 2));
    const big = fromTotals(
      Float64Array.of(3 * s, s),
      Float64Array.of(4 * s, 2 * s),
      Float64Array.of(4 * s, 2 * s),
    );
    expect(big.fp[0]).toBe(s);
    expect(metric(big)).toBe(metric(small));
  });

  it(`${name}: labels >= numClasses and mismatched shapes are rejected before counting`, () => {
    const matrix = new ConfusionMatrix({ numClasses: 2 });
    expect(() => matrix.update([0, 2], [0, 1])).toThrow(
      expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }),
    );
    expect(() => matrix.update([0], [0, 1])).toThrow(
      expect.objectContaining({ code: ErrorCode.SHAPE_MISMATCH }),
    );
    expect(metric(classCounts(matrix))).toBeNaN();
  });
});
