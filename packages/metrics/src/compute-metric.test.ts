import { ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { list, matrixOf } from '../test/helpers.js';
import { computeMetric } from './compute-metric.js';
import { evaluate } from './evaluate.js';
import { meanDice } from './mean-dice.js';
import { meanIoU } from './mean-iou.js';

const matrix = () =>
  matrixOf({ numClasses: 3, perImage: true }, [
    [
      [0, 0, 1, 0],
      [0, 0, 1, 1],
    ],
    [
      [2, 2, 0, 0],
      [2, 0, 0, 0],
    ],
  ]);

describe('computeMetric', () => {
  it('returns per-class values, class means and summaries bit-identical to evaluate', () => {
    for (const options of [
      {},
      { aggregate: 'image' as const, imageReduce: 'pooled' as const },
      { average: 'micro' as const },
    ]) {
      const report = evaluate(matrix(), options);
      expect(list(computeMetric(matrix(), 'iou', options) as Float64Array)).toEqual(
        report.perClass.map((c) => c.iou),
      );
      expect(computeMetric(matrix(), 'mAcc', options)).toBe(report.summary.mAcc);
      expect(computeMetric(matrix(), 'kappa', options)).toBe(report.summary.kappa);
    }
  });

  it('throws UNKNOWN_METRIC for an unknown id', () => {
    expect(() => computeMetric(matrix(), 'mAP')).toThrow(
      expect.objectContaining({ code: ErrorCode.UNKNOWN_METRIC }),
    );
  });
});

describe('meanIoU', () => {
  it("equals evaluate's summary mIoU under the same options", () => {
    expect(meanIoU(matrix())).toBe(evaluate(matrix()).summary.mIoU);
    expect(meanIoU(matrix(), { aggregate: 'image', imageReduce: 'per-image' })).toBe(
      evaluate(matrix(), { aggregate: 'image', imageReduce: 'per-image' }).summary.mIoU,
    );
    expect(meanIoU(matrix(), { preset: 'sklearn' })).toBe(
      evaluate(matrix(), { preset: 'sklearn' }).summary.mIoU,
    );
  });

  it("returns per-class IoUs with average: 'none'", () => {
    expect(list(meanIoU(matrix(), { average: 'none' }))).toEqual(
      evaluate(matrix()).perClass.map((c) => c.iou),
    );
  });
});

describe('meanDice', () => {
  it("equals evaluate's summary mDice", () => {
    expect(meanDice(matrix(), { average: 'weighted' })).toBe(
      evaluate(matrix(), { average: 'weighted' }).summary.mDice,
    );
  });
});
