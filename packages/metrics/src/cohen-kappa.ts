import type { ClassCounts } from '@segmetrics/core';
import { ratio, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, SummaryMetricDescriptor } from './types.js';

/**
 * Cohen's kappa: (p_o − p_e) / (1 − p_e), agreement beyond chance, where p_o = Σ TP / N (pixel
 * accuracy) and p_e = Σ_k support_k · predicted_k / N² (agreement expected from the marginals), N the
 * counted pixels. Computed as (N·Σ TP − Σ s·p) / (N² − Σ s·p), divided once. Pixels predicted as an
 * ignore label agree with no class (a category of their own with no ground truth).
 *
 * 0/0 (nothing counted, or one class fills both ground truth and prediction) gives
 * `options.zeroDivision`, `NaN` by default (scikit-learn's `cohen_kappa_score` also returns NaN).
 *
 * Reference: Cohen, "A Coefficient of Agreement for Nominal Scales", Educational and Psychological
 * Measurement 20(1), 1960.
 */
export function cohenKappa(counts: ClassCounts, options?: MetricOptions): number {
  const n = counts.total;
  let agree = 0;
  let chance = 0;
  for (let k = 0; k < counts.numClasses; k++) {
    agree += counts.tp[k]!;
    chance += counts.support[k]! * counts.predicted[k]!;
  }
  return ratio(n * agree - chance, n * n - chance, zeroDivisionOf(options));
}

/** Registry entry of {@link cohenKappa}. */
export const cohenKappaMetric = {
  id: 'kappa',
  displayName: 'Kappa',
  kind: 'summary',
  higherIsBetter: true,
  description: "Cohen's kappa (p_o − p_e) / (1 − p_e); 0/0 = the absent policy value (NaN by default)",
  reference: 'Cohen, Educational and Psychological Measurement, 1960',
  compute: cohenKappa,
} as const satisfies SummaryMetricDescriptor<'kappa'>;
