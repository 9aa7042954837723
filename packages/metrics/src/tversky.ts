import type { ClassCounts } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Validates a Tversky weight (`tverskyAlpha` / `tverskyBeta`): a finite number >= 0, else INVALID_OPTION
 * naming the option. The one definition `tversky` and `evaluate` share.
 */
export function checkTverskyWeight(name: 'tverskyAlpha' | 'tverskyBeta', value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `${name} must be a finite number >= 0, got ${String(value)}`,
      {
        context: { option: name, value },
      },
    );
  }
  return value;
}

/**
 * Tversky index per class: TP / (TP + α·FP + β·FN), with α = `options.tverskyAlpha` (weight of false
 * positives, default 0.5) and β = `options.tverskyBeta` (weight of false negatives, default 0.5).
 * α = β = 0.5 gives Dice, α = β = 1 gives IoU; β > α penalises misses more than false alarms.
 *
 * 0/0 (class absent from ground truth and prediction, or with α = β = 0 no TP) gives
 * `options.zeroDivision`, `NaN` by default.
 *
 * Reference: Tversky, "Features of similarity", Psychological Review 84(4), 1977; Salehi et al.,
 * "Tversky loss function for image segmentation using 3D fully convolutional deep networks", MLMI 2017.
 */
export function tversky(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const alpha = checkTverskyWeight('tverskyAlpha', options?.tverskyAlpha ?? 0.5);
  const beta = checkTverskyWeight('tverskyBeta', options?.tverskyBeta ?? 0.5);
  const { tp, fp, fn } = counts;
  const values = valuesFor(counts.numClasses, out);
  for (let k = 0; k < values.length; k++)
    values[k] = ratio(tp[k]!, tp[k]! + alpha * fp[k]! + beta * fn[k]!, z);
  return values;
}

/** Registry entry of {@link tversky}. */
export const tverskyMetric = {
  id: 'tversky',
  displayName: 'Tversky',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mTversky'],
  description: 'TP / (TP + α·FP + β·FN), α = β = 0.5 by default (= Dice); 0/0 = the absent policy value',
  reference: 'Tversky, Psychological Review 1977; Salehi et al., MLMI 2017',
  compute: tversky,
} as const satisfies PerClassMetricDescriptor<'tversky', 'mTversky'>;
