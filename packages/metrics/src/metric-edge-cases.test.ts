/**
 * STYLE.md's edge cases for every per-class ratio metric: empty input, one class, perfect, all wrong,
 * class absent from gt / from pred / from both, everything ignored, ignore label inside and outside
 * [0, C), labels >= numClasses, counts above 2^32, mismatched shapes. Expected values follow from each
 * metric's formula (see its TSDoc), worked out by hand.
 */
import { ConfusionMatrix, classCounts, ErrorCode, fromTotals, SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { countsOf, list } from '../test/helpers.js';
import { dice } from './dice.js';
import { fscore } from './fscore.js';
import { iou } from './iou.js';
import { precision } from './precision.js';
import { recall } from './recall.js';
import { specificity } from './specificity.js';
import { tversky } from './tversky.js';
import type { MetricOptions } from './types.js';

const N = Number.NaN;
type Fn = (counts: ReturnType<typeof countsOf>, options?: MetricOptions) => Float64Array;

interface Expectations {
  perfectOneClass: number[];
  allWrong: number[];
  /** gt [0, 0], pred [0, 1]: class 1 predicted only. */
  predictedOnly: number[];
  /** gt [0, 1], pred [0, 0]: class 1 never predicted. */
  gtOnly: number[];
  /** C = 3, gt = pred = [0, 1]: class 2 absent from both. */
  absentBoth: number[];
  /** C = 3, ignore 0 inside [0, C): gt [0, 1, 1, 2], pred [1, 1, 0, 2]. */
  ignoreInside: number[];
  /** ignore 255: gt [255, 0, 1], pred [0, 255, 1]. */
  ignoreOutside: number[];
}

const cases: [string, Fn, Expectations][] = [
  [
    'iou',
    iou,
    {
      perfectOneClass: [1],
      allWrong: [0, 0],
      predictedOnly: [0.5, 0],
      gtOnly: [0.5, 0],
      absentBoth: [1, 1, N],
      ignoreInside: [N, 0.5, 1],
      ignoreOutside: [0, 1],
    },
  ],
  [
    'dice',
    dice,
    {
      perfectOneClass: [1],
      allWrong: [0, 0],
      predictedOnly: [2 / 3, 0],
      gtOnly: [2 / 3, 0],
      absentBoth: [1, 1, N],
      ignoreInside: [N, 2 / 3, 1],
      ignoreOutside: [0, 1],
    },
  ],
  [
    'fscore',
    fscore,
    {
      perfectOneClass: [1],
      allWrong: [0, 0],
      predictedOnly: [2 / 3, 0],
      gtOnly: [2 / 3, 0],
      absentBoth: [1, 1, N],
      ignoreInside: [N, 2 / 3, 1],
      ignoreOutside: [0, 1],
    },
  ],
  [
    'precision',
    precision,
    {
      perfectOneClass: [1],
      allWrong: [0, 0],
      predictedOnly: [1, 0],
      gtOnly: [0.5, N],
      absentBoth: [1, 1, N],
      ignoreInside: [N, 1, 1],
      ignoreOutside: [N, 1],
    },
  ],
  [
    'recall',
    recall,
    {
      perfectOneClass: [1],
      allWrong: [0, 0],
      predictedOnly: [0.5, N],
      gtOnly: [1, 0],
      absentBoth: [1, 1, N],
      ignoreInside: [N, 0.5, 1],
      ignoreOutside: [0, 1],
    },
  ],
  [
    'specificity',
    specificity,
    {
      perfectOneClass: [N],
      allWrong: [0, 0],
      predictedOnly: [N, 0.5],
      gtOnly: [0, 1],
      absentBoth: [1, 1, 1],
      ignoreInside: [1, 1, 1],
      ignoreOutside: [1, 1],
    },
  ],
  [
    'tversky',
    tversky,
    {
      perfectOneClass: [1],
      allWrong: [0, 0],
      predictedOnly: [2 / 3, 0],
      gtOnly: [2 / 3, 0],
      absentBoth: [1, 1, N],
      ignoreInside: [N, 2 / 3, 1],
      ignoreOutside: [0, 1],
    },
  ],
];

describe.each(cases)('%s edge cases', (name, metric, e) => {
  it(`${name} is 0/0 (NaN by default) for every class of an empty matrix`, () => {
    const counts = classCounts(new ConfusionMatrix({ numClasses: 3 }));
    expect(list(metric(counts))).toEqual([N, N, N]);
    expect(list(metric(counts, { zeroDivision: 0 }))).toEqual([0, 0, 0]);
  });

  it(`${name} of a single-class perfect prediction`, () => {
    expect(list(metric(countsOf(1, [0, 0, 0], [0, 0, 0])))).toEqual(e.perfectOneClass);
  });

  it(`${name} is 1 for every class of a perfect prediction`, () => {
    expect(list(metric(countsOf(3, [0, 1, 2, 2], [0, 1, 2, 2])))).toEqual([1, 1, 1]);
  });

  it(`${name} when every pixel is wrong`, () => {
    expect(list(metric(countsOf(2, [1, 1, 0, 0], [0, 0, 1, 1])))).toEqual(e.allWrong);
  });

  it(`${name} of a class predicted but absent from the ground truth`, () => {
    expect(list(metric(countsOf(2, [0, 1], [0, 0])))).toEqual(e.predictedOnly);
  });

  it(`${name} of a class in the ground truth but never predicted`, () => {
    expect(list(metric(countsOf(2, [0, 0], [0, 1])))).toEqual(e.gtOnly);
  });

  it(`${name} of a class absent from both ground truth and prediction takes the zeroDivision value`, () => {
    expect(list(metric(countsOf(3, [0, 1], [0, 1])))).toEqual(e.absentBoth);
    const withOne = list(metric(countsOf(3, [0, 1], [0, 1]), { zeroDivision: 1 }));
    expect(withOne[2]).toBe(1);
  });

  it(`${name} is 0/0 for every class when every pixel is ignored`, () => {
    expect(list(metric(countsOf(2, [0, 1, 1], [255, 255, 255], 255)))).toEqual([N, N]);
  });

  it(`${name} with an ignore label inside [0, C): predictions of it are misses`, () => {
    expect(list(metric(countsOf(3, [1, 1, 0, 2], [0, 1, 1, 2], 0)))).toEqual(e.ignoreInside);
  });

  it(`${name} with an ignore label outside [0, C): predictions of it are misses`, () => {
    expect(list(metric(countsOf(2, [0, 255, 1], [255, 0, 1], 255)))).toEqual(e.ignoreOutside);
  });

  it(`${name} never sees labels >= numClasses: counting them throws LABEL_OUT_OF_RANGE and keeps the counts`, () => {
    const matrix = new ConfusionMatrix({ numClasses: 2 });
    matrix.update([0, 1], [0, 1]);
    const before = list(metric(classCounts(matrix)));
    expect(() => matrix.update([0, 2], [0, 1])).toThrow(
      expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }),
    );
    expect(list(metric(classCounts(matrix)))).toEqual(before);
  });

  it(`${name} never sees mismatched shapes: counting them throws SHAPE_MISMATCH`, () => {
    const matrix = new ConfusionMatrix({ numClasses: 2 });
    let error: unknown;
    try {
      matrix.update([0, 1, 1], [0, 1]);
    } catch (e) {
      error = e;
    }
    expect(SegmetricsError.isInstance(error, ErrorCode.SHAPE_MISMATCH)).toBe(true);
  });

  it(`${name} is exact for counts above 2^32`, () => {
    const big = 2 ** 40;
    // class 0: tp 2^40 + 1, fp 2^33, fn 2^34; class 1: the rest.
    const tp = Float64Array.of(big + 1, big);
    const support = Float64Array.of(big + 1 + 2 ** 34, big + 2 ** 33);
    const predictedPixels = Float64Array.of(big + 1 + 2 ** 33, big + 2 ** 34);
    const counts = fromTotals(tp, support, predictedPixels);
    const values = metric(counts);
    const expected = metric(
      fromTotals(
        Float64Array.of((big + 1) / 2 ** 33, big / 2 ** 33),
        Float64Array.of((big + 1 + 2 ** 34) / 2 ** 33, (big + 2 ** 33) / 2 ** 33),
        Float64Array.of((big + 1 + 2 ** 33) / 2 ** 33, (big + 2 ** 34) / 2 ** 33),
      ),
    );
    // Scaling every count by 2^-33 is exact in float64, and so must be the ratios.
    expect(list(values)).toEqual(list(expected));
    expect(values[0]).toBeGreaterThan(0);
  });
});
