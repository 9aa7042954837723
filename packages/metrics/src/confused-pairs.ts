import type { ConfusionMatrix } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/** One off-diagonal cell of the confusion matrix: ground-truth class `gt` predicted as `pred`. */
export interface ConfusedPair {
  readonly gt: number;
  readonly gtName: string;
  readonly pred: number;
  readonly predName: string;
  /** Pixels of class `gt` predicted as `pred`. */
  readonly count: number;
  /**
   * `count` / the support of `gt`: by default its ground-truth pixels in the matrix (including pixels
   * predicted as an ignore label), or `options.support[gt]` (see {@link ConfusedPairsOptions.support}).
   */
  readonly shareOfGt: number;
}

/** Options of {@link confusedPairs}. */
export interface ConfusedPairsOptions {
  /** How many pairs to return; default 10. */
  top?: number;
  /** One name per class; default the ids as strings. */
  classNames?: readonly string[];
  /**
   * The support of each class (its ground-truth pixels) that `shareOfGt` divides by, one per class.
   * Default: the matrix's, each row's pixels plus those of the row predicted as an ignore label. A
   * convention that drops some of those pixels (`quirks.outOfRangeIgnorePredictions: 'drop'`, Keras)
   * has smaller supports: `evaluate` passes the supports its per-class results show, so that a share is
   * of the support reported beside it.
   */
  support?: ArrayLike<number>;
}

/**
 * The most confused class pairs: the largest off-diagonal cells of the matrix (ground truth `gt`
 * predicted as another class `pred`), largest count first; ties broken by `gt` then `pred` id, so the
 * order is deterministic. Cells with count 0 are never listed; pixels predicted as an ignore label are
 * not a class pair and are not listed. `shareOfGt` is `count` / the support of `gt` (the matrix's, or
 * `options.support`); with the matrix's it is never 0/0 (a listed pair has count > 0).
 *
 * Reference: the confusion-matrix reading of Hoiem et al., "Diagnosing Error in Object Detectors",
 * ECCV 2012 (error analysis by confused categories).
 */
export function confusedPairs(matrix: ConfusionMatrix, options: ConfusedPairsOptions = {}): ConfusedPair[] {
  const c = matrix.numClasses;
  const top = options.top ?? 10;
  if (!Number.isSafeInteger(top) || top < 0) {
    throw new SegmetricsError(ErrorCode.INVALID_OPTION, `top must be an integer >= 0, got ${String(top)}`, {
      context: { option: 'top', value: top },
    });
  }
  const names = options.classNames;
  if (names !== undefined && names.length !== c) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `classNames must list ${c} names, got ${names.length}`,
      { context: { option: 'classNames', value: names.length } },
    );
  }
  const given = options.support;
  if (given !== undefined && given.length !== c) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `support must list ${c} counts, got ${given.length}`,
      { context: { option: 'support', value: given.length } },
    );
  }
  const counts = matrix.counts;
  const supportOf = (gt: number): number => {
    if (given !== undefined) return given[gt]!;
    let support = matrix.predictedIgnore[gt]!;
    for (let p = 0; p < c; p++) support += counts[gt * c + p]!;
    return support;
  };
  return topCells(counts, c, top).map(({ gt, pred, count }) => ({
    gt,
    gtName: names?.[gt] ?? String(gt),
    pred,
    predName: names?.[pred] ?? String(pred),
    count,
    shareOfGt: count / supportOf(gt),
  }));
}

/**
 * The `top` largest off-diagonal cells (count > 0) of a C × C matrix, by count descending, then ground
 * truth and prediction ascending: what sorting every cell and keeping the first `top` gives, without
 * materialising the C² cells (a 150-class matrix evaluated under every preset has 22,350 of them).
 */
function topCells(
  counts: Float64Array,
  c: number,
  top: number,
): { gt: number; pred: number; count: number }[] {
  const best: { gt: number; pred: number; count: number }[] = [];
  if (top === 0) return best;
  for (let g = 0; g < c; g++) {
    for (let p = 0; p < c; p++) {
      const count = counts[g * c + p]!;
      // Cells come in (gt, pred) order, so a tie with the last kept cell ranks after it.
      if (g === p || !(count > 0) || (best.length === top && count <= best[top - 1]!.count)) continue;
      if (best.length === top) best.pop();
      let at = best.length;
      while (at > 0 && best[at - 1]!.count < count) at--;
      best.splice(at, 0, { gt: g, pred: p, count });
    }
  }
  return best;
}
