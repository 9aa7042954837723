import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { knownMetricIds, selectMetrics } from './select-metrics.js';

describe('selectMetrics', () => {
  it('shows IoU, Dice, precision, recall, support and the five headline means by default', () => {
    const selection = selectMetrics([]);
    expect(selection.columns.map((c) => c.id)).toEqual(['iou', 'dice', 'precision', 'recall', 'support']);
    expect(selection.summaries).toEqual(['mIoU', 'mDice', 'mAcc', 'aAcc', 'fwIoU']);
  });

  it('selects a per-class metric with its class means, and a summary on its own', () => {
    const selection = selectMetrics(['recall', 'kappa']);
    expect(selection.columns.map((c) => c.id)).toEqual(['recall', 'support']);
    expect(selection.summaries).toEqual(['mRecall', 'mAcc', 'kappa']);
  });

  it('selects a class mean with its column', () => {
    const selection = selectMetrics(['mAcc']);
    expect(selection.columns.map((c) => c.id)).toEqual(['recall', 'support']);
    expect(selection.summaries).toEqual(['mAcc']);
  });

  it('refuses ids that are not in the registry', () => {
    expect(() => selectMetrics(['happiness'])).toThrow(SegmetricsError);
  });
});

describe('knownMetricIds', () => {
  it('lists per-class, class-mean and summary ids', () => {
    expect(knownMetricIds()).toEqual(expect.arrayContaining(['iou', 'mIoU', 'aAcc', 'fwIoU', 'kappa']));
  });
});
