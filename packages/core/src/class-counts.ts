import type { ConfusionMatrix } from './confusion-matrix.js';
import type { ClassCounts, ImageStats } from './types.js';

/**
 * Per-class TP, FP, FN, TN, support and predicted pixels of a whole matrix. Pixels predicted as an
 * ignore label on a valid pixel are false negatives of their ground-truth class (and no class's FP).
 */
export function classCounts(matrix: ConfusionMatrix): ClassCounts {
  const c = matrix.numClasses;
  const counts = matrix.counts;
  const tp = new Float64Array(c);
  const support = new Float64Array(c);
  const predicted = new Float64Array(c);
  for (let g = 0; g < c; g++) {
    let row = matrix.predictedIgnore[g]!;
    for (let p = 0; p < c; p++) {
      const v = counts[g * c + p]!;
      row += v;
      predicted[p]! += v;
    }
    support[g] = row;
    tp[g] = counts[g * c + g]!;
  }
  return fromTotals(tp, support, predicted);
}

/** Per-class counts of one image's statistics (see {@link ConfusionMatrix.imageStats}). */
export function imageClassCounts(stats: ImageStats): ClassCounts {
  return fromTotals(stats.tp, stats.support, stats.predicted);
}

/** Builds {@link ClassCounts} from per-class TP, support (gt pixels) and predicted pixels. */
export function fromTotals(tp: Float64Array, support: Float64Array, predicted: Float64Array): ClassCounts {
  const c = tp.length;
  let total = 0;
  for (let k = 0; k < c; k++) total += support[k]!;
  const fp = new Float64Array(c);
  const fn = new Float64Array(c);
  const tn = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    fp[k] = predicted[k]! - tp[k]!;
    fn[k] = support[k]! - tp[k]!;
    tn[k] = total - tp[k]! - fp[k]! - fn[k]!;
  }
  return { numClasses: c, tp, fp, fn, tn, support, predicted, total };
}
