import type { ConfusionMatrix } from '@segmetrics/core';
import { computeMetric } from './compute-metric.js';
import type { EvaluateOptions } from './settings.js';

/**
 * Mean IoU of a matrix under the three choices (or a preset), the same number as
 * `evaluate(matrix, options).summary.mIoU`. With `average: 'none'` it returns the per-class IoUs.
 *
 * Defaults: dataset counts, macro mean over the classes whose IoU is defined (absent classes, 0/0, are
 * skipped; predicted-only classes count with IoU 0) — mmsegmentation's mIoU. An empty matrix gives the
 * absent value (NaN by default).
 *
 * @example meanIoU(matrix, { aggregate: 'image', imageReduce: 'pooled' }) // torchmetrics MeanIoU
 */
export function meanIoU(
  matrix: ConfusionMatrix,
  options: EvaluateOptions & { average: 'none' },
): Float64Array;
export function meanIoU(matrix: ConfusionMatrix, options?: EvaluateOptions): number;
export function meanIoU(matrix: ConfusionMatrix, options: EvaluateOptions = {}): number | Float64Array {
  return computeMetric(matrix, 'mIoU', options);
}
