import type { ClassCounts } from '@segmetrics/core';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Predicted pixels per class (TP + FP), counted on pixels whose ground truth is not ignored. Never
 * 0/0; a copy, so the caller may modify it.
 *
 * Reference: mmsegmentation `intersect_and_union` (`area_pred_label`).
 */
export function predicted(counts: ClassCounts, _options?: MetricOptions, out?: Float64Array): Float64Array {
  if (out === undefined) return Float64Array.from(counts.predicted);
  const values = out.subarray(0, counts.numClasses);
  values.set(counts.predicted.subarray(0, counts.numClasses));
  return values;
}

/** Registry entry of {@link predicted}. */
export const predictedMetric = {
  id: 'predicted',
  displayName: 'Predicted',
  kind: 'per-class',
  higherIsBetter: null,
  summaryIds: [],
  description: 'pixels predicted as the class (TP + FP) on non-ignored ground truth',
  reference: 'mmsegmentation intersect_and_union (area_pred_label)',
  compute: predicted,
} as const satisfies PerClassMetricDescriptor<'predicted', never>;
