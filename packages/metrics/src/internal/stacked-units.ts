import type { ClassCounts, ImageStats } from '@segmetrics/core';

/**
 * The per-class counts of many images side by side: image i's class k at index `i × C + k` of every
 * array, each array allocated once. Per-class metrics are elementwise (a class's value depends on that
 * class's counts only; see `PerClassMetricDescriptor.compute`), so one `compute` over the stack gives
 * every image's values, and each image's counts are views into the stack. Allocating a few small typed
 * arrays per image and metric instead (each with its own backing store) cost most of the time of
 * imagewise evaluation.
 */
export interface StackedCounts {
  /** The stacked counts: `numClasses` = images × C; `total` is NaN (each image has its own, in `totals`). */
  readonly counts: ClassCounts;
  /** Per image: its total (Σ support over its classes), as {@link fromTotals} gives it. */
  readonly totals: Float64Array;
  /** Classes per image (C). */
  readonly classes: number;
}

/**
 * Stacks the images' TP, support and predicted counts and derives FP, FN and TN exactly as core's
 * `fromTotals` does per image. With `extraClass` ≥ 0, each image's predictions of ignore labels on
 * counted pixels (Σ support − Σ predicted) are added to that class's predicted count first (the
 * presets' `'class'` treatment of such predictions); −1 leaves the counts as they are.
 */
export function stackImageCounts(
  stats: readonly Pick<ImageStats, 'tp' | 'support' | 'predicted'>[],
  classes: number,
  extraClass: number,
): StackedCounts {
  const n = stats.length;
  const size = n * classes;
  const tp = new Float64Array(size);
  const support = new Float64Array(size);
  const predicted = new Float64Array(size);
  const fp = new Float64Array(size);
  const fn = new Float64Array(size);
  const tn = new Float64Array(size);
  const totals = new Float64Array(n);
  // Runs once per evaluation, mostly before V8 has optimised it (interpreted code pays per bytecode):
  // each image's arrays read once into locals, one pass per image.
  for (let i = 0, base = 0; i < n; i++, base += classes) {
    const s = stats[i]!;
    const st = s.tp;
    const ss = s.support;
    const sp = s.predicted;
    let total = 0;
    let moved = 0;
    for (let k = 0; k < classes; k++) {
      const t = st[k]!;
      const g = ss[k]!;
      const q = sp[k]!;
      tp[base + k] = t;
      support[base + k] = g;
      predicted[base + k] = q;
      total += g;
      moved += g - q;
    }
    if (extraClass >= 0 && moved !== 0) predicted[base + extraClass]! += moved;
    totals[i] = total;
    for (let j = base, end = base + classes; j < end; j++) {
      const t = tp[j]!;
      const f = predicted[j]! - t;
      const m = support[j]! - t;
      fp[j] = f;
      fn[j] = m;
      tn[j] = total - t - f - m;
    }
  }
  return {
    counts: { numClasses: size, tp, fp, fn, tn, support, predicted, total: Number.NaN },
    totals,
    classes,
  };
}

/** Image i's counts: views into the stack (no copy). */
export function stackedImageCounts(stack: StackedCounts, i: number): ClassCounts {
  const c = stack.classes;
  const from = i * c;
  const to = from + c;
  const { tp, fp, fn, tn, support, predicted } = stack.counts;
  return {
    numClasses: c,
    tp: tp.subarray(from, to),
    fp: fp.subarray(from, to),
    fn: fn.subarray(from, to),
    tn: tn.subarray(from, to),
    support: support.subarray(from, to),
    predicted: predicted.subarray(from, to),
    total: stack.totals[i]!,
  };
}

/**
 * Stacks already built for one matrix's images, by view and treatment (`'mask:-1'`, `'boundary:-1'`,
 * `'mask:<class>'`), for engines that evaluate the same, unchanged matrix one after the other under
 * different settings (`comparePresets`). Valid only while the matrix is not updated.
 */
export type StackCache = Map<string, StackedCounts>;
