import type { ConfusionMatrix } from '@segmetrics/core';
import { computeMetric } from './compute-metric.js';
import type { EvaluateOptions } from './settings.js';

/**
 * Mean Dice of a matrix under the three choices (or a preset), the same number as
 * `evaluate(matrix, options).summary.mDice`. With `average: 'none'` it returns the per-class Dice.
 * Absent classes (0/0) are skipped by default; predicted-only classes count with Dice 0.
 */
export function meanDice(
  matrix: ConfusionMatrix,
  options: EvaluateOptions & { average: 'none' },
): Float64Array;
export function meanDice(matrix: ConfusionMatrix, options?: EvaluateOptions): number;
export function meanDice(matrix: ConfusionMatrix, options: EvaluateOptions = {}): number | Float64Array {
  return computeMetric(matrix, 'mDice', options);
}
