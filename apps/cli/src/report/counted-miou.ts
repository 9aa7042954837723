import type { ImageStats } from '@segmetrics/core';

/**
 * An image's mean IoU straight from its counted statistics: the mean of tp / (support + predicted − tp)
 * over the classes in its ground truth or prediction (NaN when there is none). It equals the per-image
 * mIoU of `evaluate()` under the default conventions (absent classes excluded, no class left out); the
 * CLI uses it only to guess, while counting, which images the report will rank worst, so that their
 * thumbnails are kept. The report itself ranks by `evaluate()`'s own numbers.
 */
export function countedMIoU(stats: ImageStats): number {
  const { tp, support, predicted } = stats;
  let sum = 0;
  let classes = 0;
  for (let k = 0; k < tp.length; k++) {
    const union = support[k]! + predicted[k]! - tp[k]!;
    if (union > 0) {
      sum += tp[k]! / union;
      classes++;
    }
  }
  return classes === 0 ? Number.NaN : sum / classes;
}
