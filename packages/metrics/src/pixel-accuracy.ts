import type { ClassCounts } from '@segmetrics/core';
import { ratio, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions, SummaryMetricDescriptor } from './types.js';

/**
 * Overall pixel accuracy (`aAcc`): Σ TP / Σ support, the share of counted (non-ignored) pixels
 * predicted correctly. Pixels predicted as an ignore label are counted as wrong.
 *
 * 0/0 (no pixel counted) gives `options.zeroDivision`, `NaN` by default. Not affected by
 * `excludeClasses`: it is a pixel-level figure.
 *
 * Reference: Long et al., "Fully Convolutional Networks for Semantic Segmentation", CVPR 2015, §5
 * (pixel accuracy); mmsegmentation `IoUMetric` (`aAcc`).
 */
export function pixelAccuracy(counts: ClassCounts, options?: MetricOptions): number {
  let correct = 0;
  for (let k = 0; k < counts.numClasses; k++) correct += counts.tp[k]!;
  return ratio(correct, counts.total, zeroDivisionOf(options));
}

/** Registry entry of {@link pixelAccuracy}. */
export const pixelAccuracyMetric = {
  id: 'aAcc',
  displayName: 'aAcc',
  kind: 'summary',
  higherIsBetter: true,
  description: 'Σ TP / counted pixels; 0/0 (nothing counted) = the absent policy value',
  reference: 'Long et al., FCN, CVPR 2015 (pixel accuracy); mmsegmentation IoUMetric (aAcc)',
  compute: pixelAccuracy,
} as const satisfies SummaryMetricDescriptor<'aAcc'>;
