import type { ClassCounts } from '@segmetrics/core';
import { ratio, zeroDivisionOf } from './internal/ratio.js';
import { iou } from './iou.js';
import type { MetricOptions, SummaryMetricDescriptor } from './types.js';

/**
 * Frequency-weighted IoU (`fwIoU`): Σ_k support_k · IoU_k / Σ_k support_k over the included classes
 * (`options.include`, default all), i.e. each class's IoU weighted by its share of ground-truth pixels.
 * Classes absent from the ground truth weigh 0, so absent classes never matter.
 *
 * 0/0 (no ground-truth pixel in the included classes) gives `options.zeroDivision`, `NaN` by default.
 * Equals scikit-learn's `jaccard_score(average='weighted')` and torchmetrics' `average='weighted'`.
 *
 * Reference: Long et al., "Fully Convolutional Networks for Semantic Segmentation", CVPR 2015, §5
 * (frequency weighted IU).
 */
export function frequencyWeightedIoU(counts: ClassCounts, options?: MetricOptions): number {
  const values = iou(counts, { zeroDivision: 0 });
  const include = options?.include;
  let weighted = 0;
  let weights = 0;
  for (let k = 0; k < counts.numClasses; k++) {
    if (include !== undefined && include[k] !== true) continue;
    const s = counts.support[k]!;
    if (s === 0) continue;
    weighted += s * values[k]!;
    weights += s;
  }
  return ratio(weighted, weights, zeroDivisionOf(options));
}

/** Registry entry of {@link frequencyWeightedIoU}. */
export const frequencyWeightedIoUMetric = {
  id: 'fwIoU',
  displayName: 'fwIoU',
  kind: 'summary',
  higherIsBetter: true,
  description: 'Σ support_k · IoU_k / Σ support_k; 0/0 (no ground truth) = the absent policy value',
  reference: 'Long et al., FCN, CVPR 2015 (frequency weighted IU)',
  compute: frequencyWeightedIoU,
} as const satisfies SummaryMetricDescriptor<'fwIoU'>;
