import type { ClassCounts } from '@segmetrics/core';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Support per class: ground-truth pixels of the class (TP + FN), including those predicted as an
 * ignore label. Never 0/0; a copy, so the caller may modify it.
 *
 * Reference: scikit-learn `precision_recall_fscore_support` (`support`).
 */
export function support(counts: ClassCounts, _options?: MetricOptions, out?: Float64Array): Float64Array {
  if (out === undefined) return Float64Array.from(counts.support);
  const values = out.subarray(0, counts.numClasses);
  values.set(counts.support.subarray(0, counts.numClasses));
  return values;
}

/** Registry entry of {@link support}. */
export const supportMetric = {
  id: 'support',
  displayName: 'Support',
  kind: 'per-class',
  higherIsBetter: null,
  summaryIds: [],
  description: 'ground-truth pixels of the class (TP + FN)',
  reference: 'scikit-learn precision_recall_fscore_support',
  compute: support,
} as const satisfies PerClassMetricDescriptor<'support', never>;
