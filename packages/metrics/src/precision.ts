import type { ClassCounts } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Precision per class: TP / (TP + FP), the share of pixels predicted as the class that are the class.
 *
 * 0/0 (the class is never predicted) gives `options.zeroDivision`, `NaN` by default (mmsegmentation's
 * value; scikit-learn's `zero_division`).
 *
 * Reference: mmsegmentation `IoUMetric` (`intersect / area_pred_label`); scikit-learn
 * `precision_score`.
 */
export function precision(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const { tp, predicted } = counts;
  const values = valuesFor(counts.numClasses, out);
  for (let k = 0; k < values.length; k++) values[k] = ratio(tp[k]!, predicted[k]!, z);
  return values;
}

/** Registry entry of {@link precision}. */
export const precisionMetric = {
  id: 'precision',
  displayName: 'Precision',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mPrecision'],
  description: 'TP / (TP + FP); 0/0 (never predicted) = the absent policy value (NaN by default)',
  reference: 'mmsegmentation IoUMetric (Precision); scikit-learn precision_score',
  compute: precision,
} as const satisfies PerClassMetricDescriptor<'precision', 'mPrecision'>;
