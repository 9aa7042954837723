import { ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { getMetric, metricRegistry } from './metric-registry.js';

describe('metricRegistry', () => {
  it('lists every metric once with a unique id and documented formula and reference', () => {
    const ids = metricRegistry.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'iou',
      'dice',
      'fscore',
      'precision',
      'recall',
      'specificity',
      'tversky',
      'support',
      'predicted',
      'aAcc',
      'fwIoU',
      'kappa',
    ]);
    for (const metric of metricRegistry) {
      expect(metric.description.length, metric.id).toBeGreaterThan(10);
      expect(metric.reference.length, metric.id).toBeGreaterThan(5);
      expect(typeof metric.compute).toBe('function');
    }
  });

  it('gives summary ids that do not collide with metric ids', () => {
    const summaryIds = metricRegistry.flatMap((m) => (m.kind === 'per-class' ? m.summaryIds : []));
    expect(summaryIds).toEqual([
      'mIoU',
      'mDice',
      'mFscore',
      'mPrecision',
      'mRecall',
      'mAcc',
      'mSpecificity',
      'mTversky',
    ]);
    const ids = new Set<string>(metricRegistry.map((m) => m.id));
    for (const id of summaryIds) expect(ids.has(id)).toBe(false);
  });
});

describe('getMetric', () => {
  it('finds a metric by its id or by one of its summary ids', () => {
    expect(getMetric('iou').id).toBe('iou');
    expect(getMetric('mAcc').id).toBe('recall');
    expect(getMetric('kappa').kind).toBe('summary');
  });

  it('throws UNKNOWN_METRIC listing the known ids', () => {
    expect(() => getMetric('hausdorff')).toThrow(
      expect.objectContaining({
        code: ErrorCode.UNKNOWN_METRIC,
        context: expect.objectContaining({ value: 'hausdorff' }),
      }),
    );
  });
});
