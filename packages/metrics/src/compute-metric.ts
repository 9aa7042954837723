import type { ConfusionMatrix } from '@segmetrics/core';
import { Engine } from './internal/engine.js';
import { resolveOptions } from './internal/resolve-options.js';
import { getMetric } from './metric-registry.js';
import type { EvaluateOptions } from './settings.js';

/**
 * One metric of a matrix under the same options as {@link evaluate} (and bit-identical to it):
 * - a per-class id (`'iou'`, `'dice'`, …) gives a `Float64Array` of per-class values;
 * - a class-mean id (`'mIoU'`, `'mAcc'`, …) gives the class average under `average` (a per-class
 *   `Float64Array` when `average` is `'none'`);
 * - a summary id (`'aAcc'`, `'fwIoU'`, `'kappa'`) gives a number.
 *
 * Throws `UNKNOWN_METRIC` for an unknown id, and what {@link evaluate} throws for bad options.
 */
export function computeMetric(
  matrix: ConfusionMatrix,
  id: string,
  options: EvaluateOptions = {},
): number | Float64Array {
  const metric = getMetric(id);
  const { settings } = resolveOptions(matrix.settings, options);
  const engine = new Engine(matrix, settings);
  if (metric.kind === 'summary') return engine.summary(metric);
  if (metric.id === id || settings.average === 'none') return engine.perClass(metric);
  return engine.classSummary(metric);
}
