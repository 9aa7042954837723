import type { ClassCounts } from '@segmetrics/core';

/** Options shared by every metric function over {@link ClassCounts}. */
export interface MetricOptions {
  /**
   * The value of a 0/0 ratio (the absent-class policy as a number). Default `NaN`: the value is
   * undefined and every mean skips it. For IoU, Dice and F-beta, 0/0 happens exactly when the class is
   * absent from the unit (neither in the ground truth nor predicted); for precision when the class is
   * never predicted; for recall when it is not in the ground truth.
   */
  zeroDivision?: number;
  /** F-beta's β (weight of recall relative to precision). Default 1 (F1 = Dice). Must be > 0. */
  beta?: number;
  /**
   * How F-beta is computed: `'counts'` (default) from TP, FP, FN, so F1 = Dice and a predicted-only
   * class scores 0; `'precision-recall'` from precision and recall as mmsegmentation does, which is NaN
   * whenever precision or recall is 0/0 or both are 0 (before `zeroDivision` replaces NaN).
   */
  fscoreFrom?: 'counts' | 'precision-recall';
  /** Tversky index: weight of false positives (α in Salehi et al. 2017). Default 0.5. */
  tverskyAlpha?: number;
  /** Tversky index: weight of false negatives (β in Salehi et al. 2017). Default 0.5. */
  tverskyBeta?: number;
  /**
   * Per class: `true` to include the class in class-weighted summaries (frequency-weighted IoU).
   * Default: every class.
   */
  include?: ArrayLike<boolean>;
}

/** Fields every metric descriptor has. */
interface BaseDescriptor<Id extends string> {
  /** Stable id, used in JSON output, CSV headers and `--metrics` lists. */
  readonly id: Id;
  /** Short label for tables. */
  readonly displayName: string;
  /** `true` when larger values are better, `false` when smaller are, `null` for plain counts. */
  readonly higherIsBetter: boolean | null;
  /** The formula in words, including its 0/0 value. */
  readonly description: string;
  /** Where the definition comes from. */
  readonly reference: string;
}

/** A metric with one value per class, e.g. IoU. */
export interface PerClassMetricDescriptor<Id extends string = string, SummaryId extends string = string>
  extends BaseDescriptor<Id> {
  readonly kind: 'per-class';
  /**
   * Ids of the class-averaged summary values this metric yields (e.g. `['mIoU']`); empty for counts,
   * which are not averaged.
   */
  readonly summaryIds: readonly SummaryId[];
  /**
   * Values per class (length `numClasses`). Pure: never modifies `counts`. Elementwise: class k's value
   * depends only on the k-th entry of the count arrays (and the options), never on `total` or on other
   * classes, so that many images' counts stacked in one {@link ClassCounts} give every image's values in
   * one call (the engine's imagewise path relies on it; a test checks every registry metric). With
   * `out` (at least `numClasses` long), the values are written into its first `numClasses` entries and
   * the result is a view of them: the engine reuses one scratch array for many images' values instead
   * of fresh memory per call. A metric may ignore `out` and return a new array; callers use the result.
   */
  readonly compute: (counts: ClassCounts, options?: MetricOptions, out?: Float64Array) => Float64Array;
}

/** A metric with one value for the whole unit (dataset or image), e.g. overall pixel accuracy. */
export interface SummaryMetricDescriptor<Id extends string = string> extends BaseDescriptor<Id> {
  readonly kind: 'summary';
  /** The value for the counts. Pure: never modifies `counts`. */
  readonly compute: (counts: ClassCounts, options?: MetricOptions) => number;
}

/** Any metric in the registry. */
export type MetricDescriptor = PerClassMetricDescriptor | SummaryMetricDescriptor;
