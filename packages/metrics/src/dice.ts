import type { ClassCounts } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Dice coefficient (Sørensen–Dice, F1) per class: 2·TP / (2·TP + FP + FN), i.e. twice the overlap
 * over the sum of ground-truth and predicted pixels of the class.
 *
 * 0/0 (class absent from ground truth and prediction) gives `options.zeroDivision`, `NaN` by default;
 * a predicted-only class scores 0. Equal to {@link fscore} with β = 1.
 *
 * Reference: Dice, "Measures of the Amount of Ecologic Association Between Species", Ecology 1945;
 * mmsegmentation `IoUMetric` mDice (`2 · intersect / (pred + label)`).
 */
export function dice(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const { tp, fp, fn } = counts;
  const values = valuesFor(counts.numClasses, out);
  for (let k = 0; k < values.length; k++) values[k] = ratio(2 * tp[k]!, 2 * tp[k]! + fp[k]! + fn[k]!, z);
  return values;
}

/** Registry entry of {@link dice}. */
export const diceMetric = {
  id: 'dice',
  displayName: 'Dice',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mDice'],
  description: '2·TP / (2·TP + FP + FN); 0/0 (class absent) = the absent policy value (NaN by default)',
  reference: 'Dice, Ecology 1945; mmsegmentation IoUMetric (mDice)',
  compute: dice,
} as const satisfies PerClassMetricDescriptor<'dice', 'mDice'>;
