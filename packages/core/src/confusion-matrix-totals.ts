import type { ConfusionMatrix } from './confusion-matrix.js';

/** Whole-matrix pixel totals; see {@link confusionMatrixTotals}. */
export interface ConfusionMatrixTotals {
  /** Pixels whose ground truth is a class (not ignored): sum of the C×C counts plus `predictedIgnore`. */
  readonly counted: number;
  /** Pixels predicted as their ground-truth class: the trace. */
  readonly correct: number;
  /** Counted pixels predicted as an ignore label (all misses). */
  readonly predictedIgnore: number;
  /** Pixels whose ground truth is an ignore label (not counted). */
  readonly ignored: number;
  /** Every pixel seen: `counted + ignored`. */
  readonly pixels: number;
  /** Images (updates) counted. */
  readonly images: number;
}

/**
 * Pixel totals of a matrix, exact integers. Overall pixel accuracy is `correct / counted` (0/0 when
 * nothing was counted: the caller's policy; metrics use NaN).
 *
 * @example
 * const { correct, counted } = confusionMatrixTotals(matrix);
 */
export function confusionMatrixTotals(matrix: ConfusionMatrix): ConfusionMatrixTotals {
  const c = matrix.numClasses;
  const counts = matrix.counts;
  let sum = 0;
  let correct = 0;
  for (let i = 0; i < c * c; i++) sum += counts[i]!;
  for (let k = 0; k < c; k++) correct += counts[k * c + k]!;
  let predictedIgnore = 0;
  for (let k = 0; k < c; k++) predictedIgnore += matrix.predictedIgnore[k]!;
  const counted = sum + predictedIgnore;
  const ignored = matrix.ignoredPixels;
  return { counted, correct, predictedIgnore, ignored, pixels: counted + ignored, images: matrix.images };
}
