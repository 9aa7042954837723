import type { ClassCounts } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Recall per class (= class accuracy, sensitivity): TP / (TP + FN), the share of the class's
 * ground-truth pixels predicted as the class. Pixels predicted as an ignore label count as misses.
 *
 * 0/0 (the class is not in the ground truth) gives `options.zeroDivision`, `NaN` by default. Its
 * class mean is both `mRecall` and mmsegmentation's `mAcc`.
 *
 * Reference: mmsegmentation `IoUMetric` (`Acc` = `intersect / area_label`); Long et al., "Fully
 * Convolutional Networks for Semantic Segmentation", CVPR 2015, §5 (mean accuracy).
 */
export function recall(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const { tp, support } = counts;
  const values = valuesFor(counts.numClasses, out);
  for (let k = 0; k < values.length; k++) values[k] = ratio(tp[k]!, support[k]!, z);
  return values;
}

/** Registry entry of {@link recall}. */
export const recallMetric = {
  id: 'recall',
  displayName: 'Recall',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mRecall', 'mAcc'],
  description: 'TP / (TP + FN) (= class accuracy); 0/0 (not in ground truth) = the absent policy value',
  reference: 'Long et al., FCN, CVPR 2015 (mean accuracy); mmsegmentation IoUMetric (Acc)',
  compute: recall,
} as const satisfies PerClassMetricDescriptor<'recall', 'mRecall' | 'mAcc'>;
