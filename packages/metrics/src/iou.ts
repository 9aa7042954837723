import type { ClassCounts } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, PerClassMetricDescriptor } from './types.js';

/**
 * Intersection over union (Jaccard index) per class: TP / (TP + FP + FN), i.e. the pixels both
 * labelled and predicted as the class over the pixels labelled or predicted as it.
 *
 * 0/0 (the class is neither in the ground truth nor predicted: absent) gives `options.zeroDivision`,
 * `NaN` by default. A class that is predicted but not in the ground truth scores 0.
 *
 * Reference: Jaccard (1912); Everingham et al., "The PASCAL Visual Object Classes (VOC) Challenge",
 * IJCV 2010, §4.2; mmsegmentation `IoUMetric` (`intersect / union`).
 *
 * @example iou(classCounts(matrix)) // Float64Array [0.75, 0.5, NaN]
 */
export function iou(counts: ClassCounts, options?: MetricOptions, out?: Float64Array): Float64Array {
  const z = zeroDivisionOf(options);
  const { tp, fp, fn } = counts;
  const values = valuesFor(counts.numClasses, out);
  for (let k = 0; k < values.length; k++) values[k] = ratio(tp[k]!, tp[k]! + fp[k]! + fn[k]!, z);
  return values;
}

/** Registry entry of {@link iou}. */
export const iouMetric = {
  id: 'iou',
  displayName: 'IoU',
  kind: 'per-class',
  higherIsBetter: true,
  summaryIds: ['mIoU'],
  description: 'TP / (TP + FP + FN); 0/0 (class absent) = the absent policy value (NaN by default)',
  reference: 'Everingham et al., The PASCAL VOC Challenge, IJCV 2010; mmsegmentation IoUMetric',
  compute: iou,
} as const satisfies PerClassMetricDescriptor<'iou', 'mIoU'>;
