import type { ClassCounts } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Specificity per class (true negative rate): TN / (TN + FP), the share of pixels that are not the
 * class that are not predicted as it.
 *
 * 0/0 (every counted pixel is the class, or nothing was counted) gives `options.zeroDivision`, `NaN`
 * by default.
 *
 * Reference: Yerushalmy, "Statistical problems in assessing methods of medical diagnosis", Public
 * Health Reports 1947; Taha & Hanbury, "Metrics for evaluating 3D medical image segmentation", BMC
 * Medical Imaging 2015, §2.2.
 */
export function specificity(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const { tn, fp } = counts;
  const values = valuesFor(counts.numClasses, out);
  for (let k = 0; k < values.length; k++) values[k] = ratio(tn[k]!, tn[k]! + fp[k]!, z);
  return values;
}

/** Registry entry of {@link specificity}. */
export const specificityMetric = {
  id: 'specificity',
  displayName: 'Specificity',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mSpecificity'],
  description: 'TN / (TN + FP); 0/0 = the absent policy value (NaN by default)',
  reference: 'Taha & Hanbury, BMC Medical Imaging 2015',
  compute: specificity,
} as const satisfies PerClassMetricDescriptor<'specificity', 'mSpecificity'>;
