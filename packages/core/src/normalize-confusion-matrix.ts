import type { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';

/** What {@link normalizeConfusionMatrix} divides by. */
export type NormalizeMode = 'rows' | 'columns' | 'all';

/** Options of {@link normalizeConfusionMatrix}. */
export interface NormalizeOptions {
  /** Value of every entry whose denominator is 0 (an empty row, column or matrix). Default `NaN`. */
  zeroDivision?: number;
  /**
   * Whether pixels predicted as an ignore label count in the row (and `'all'`) denominators:
   * `'exclude'` (default: the plain C×C matrix, like scikit-learn's `confusion_matrix(normalize=...)`
   * with `labels=range(C)`), or `'include'` (rows divide by the class support, so the diagonal is the
   * recall that metrics compute).
   */
  predictedIgnore?: 'exclude' | 'include';
}

/**
 * The C×C matrix (row-major, rows = ground truth) divided by its row sums (`'rows'`: the share of each
 * ground-truth class predicted as each class; scikit-learn's `normalize='true'`), column sums
 * (`'columns'`: `normalize='pred'`) or grand total (`'all'`). A row, column or matrix whose sum is 0
 * yields `zeroDivision` (NaN by default) in every entry — never a silent 0.
 *
 * @example
 * normalizeConfusionMatrix(matrix, 'rows')[g * C + p] // share of class g pixels predicted as p
 */
export function normalizeConfusionMatrix(
  matrix: ConfusionMatrix,
  mode: NormalizeMode,
  options: NormalizeOptions = {},
): Float64Array {
  if (mode !== 'rows' && mode !== 'columns' && mode !== 'all') {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `normalizeConfusionMatrix mode must be 'rows', 'columns' or 'all', got ${String(mode)}`,
      { context: { option: 'mode', value: mode } },
    );
  }
  const zeroDivision = options.zeroDivision ?? Number.NaN;
  if (typeof zeroDivision !== 'number') {
    throw new SegmetricsError(ErrorCode.INVALID_OPTION, 'zeroDivision must be a number', {
      context: { option: 'zeroDivision', value: zeroDivision },
    });
  }
  const includeIgnore = options.predictedIgnore === 'include';
  if (options.predictedIgnore !== undefined && !includeIgnore && options.predictedIgnore !== 'exclude') {
    throw new SegmetricsError(ErrorCode.INVALID_OPTION, "predictedIgnore must be 'exclude' or 'include'", {
      context: { option: 'predictedIgnore', value: options.predictedIgnore },
    });
  }
  const c = matrix.numClasses;
  const counts = matrix.counts;
  const predIgnore = matrix.predictedIgnore;
  const out = new Float64Array(c * c);
  const divide = (i: number, denominator: number) => {
    out[i] = denominator === 0 ? zeroDivision : counts[i]! / denominator;
  };
  if (mode === 'rows') {
    for (let g = 0; g < c; g++) {
      let sum = includeIgnore ? predIgnore[g]! : 0;
      for (let p = 0; p < c; p++) sum += counts[g * c + p]!;
      for (let p = 0; p < c; p++) divide(g * c + p, sum);
    }
  } else if (mode === 'columns') {
    for (let p = 0; p < c; p++) {
      let sum = 0;
      for (let g = 0; g < c; g++) sum += counts[g * c + p]!;
      for (let g = 0; g < c; g++) divide(g * c + p, sum);
    }
  } else {
    let sum = 0;
    for (let i = 0; i < c * c; i++) sum += counts[i]!;
    if (includeIgnore) for (let g = 0; g < c; g++) sum += predIgnore[g]!;
    for (let i = 0; i < c * c; i++) divide(i, sum);
  }
  return out;
}
