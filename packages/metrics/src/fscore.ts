import type { ClassCounts } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/** Validates F-beta's β: a finite number > 0. */
export function checkBeta(beta: number): number {
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta <= 0) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `beta must be a finite number > 0, got ${String(beta)}`,
      {
        context: { option: 'beta', value: beta },
      },
    );
  }
  return beta;
}

/**
 * F-beta score per class. By default (`fscoreFrom: 'counts'`) from the counts:
 * (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP), so F1 = {@link dice} and a predicted-only class scores 0;
 * 0/0 (class absent) gives `options.zeroDivision`, `NaN` by default.
 *
 * With `fscoreFrom: 'precision-recall'` it is mmsegmentation's formula
 * (1 + β²)·P·R / (β²·P + R) over precision P and recall R computed with NaN for 0/0: NaN whenever P or
 * R is undefined (a class never predicted or not in the ground truth) or both are 0 (no TP); NaN is
 * then replaced by `options.zeroDivision` when that is a number (mmsegmentation's `nan_to_num`).
 *
 * Reference: van Rijsbergen, "Information Retrieval" (2nd ed., 1979), ch. 7; mmsegmentation
 * `mmseg/evaluation/metrics/iou_metric.py` (`f_score`).
 */
export function fscore(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const beta = checkBeta(options?.beta ?? 1);
  const b2 = beta * beta;
  const { tp, fp, fn } = counts;
  const values = valuesFor(counts.numClasses, out);
  if (options?.fscoreFrom === 'precision-recall') {
    for (let k = 0; k < values.length; k++) {
      const p = ratio(tp[k]!, tp[k]! + fp[k]!, Number.NaN);
      const r = ratio(tp[k]!, tp[k]! + fn[k]!, Number.NaN);
      const f = ((1 + b2) * (p * r)) / (b2 * p + r);
      values[k] = Number.isNaN(f) ? z : f;
    }
    return values;
  }
  for (let k = 0; k < values.length; k++) {
    values[k] = ratio((1 + b2) * tp[k]!, (1 + b2) * tp[k]! + b2 * fn[k]! + fp[k]!, z);
  }
  return values;
}

/** Registry entry of {@link fscore}. */
export const fscoreMetric = {
  id: 'fscore',
  displayName: 'F-beta',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mFscore'],
  description:
    '(1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP), β = 1 by default (= Dice); 0/0 (class absent) = the absent policy value',
  reference: 'van Rijsbergen, Information Retrieval, 1979; mmsegmentation IoUMetric (f_score)',
  compute: fscore,
} as const satisfies PerClassMetricDescriptor<'fscore', 'mFscore'>;
