import type { ClassCounts, ConfusionMatrix, ConfusionMatrixSettings, ImageStats } from '@segmetrics/core';
import { classCounts, ErrorCode, fromTotals, SegmetricsError } from '@segmetrics/core';
import { absentValue, type EvaluationSettings, type Quirks } from '../settings.js';
import type { MetricOptions, PerClassMetricDescriptor, SummaryMetricDescriptor } from '../types.js';
import { type EngineInput, type ImageReducer, UnitReducer } from './image-reducer.js';
import {
  type StackCache,
  type StackedCounts,
  stackedImageCounts,
  stackImageCounts,
} from './stacked-units.js';

/** One unit (the dataset, or one image) as the settings see it. */
export interface Unit {
  /**
   * The unit's counts after the preset's treatment of predictions of ignore labels. Under scikit-learn's
   * `labels=None` it may hold one extra label after the C classes (an ignore value that was predicted).
   */
  readonly counts: ClassCounts;
  /** Per class (and extra label): 1 when it is included in class means (not excluded). */
  readonly include: Uint8Array;
  /** Per class (and extra label): 1 when it is not evaluated in this unit (its ratios are NaN). */
  readonly skip: Uint8Array;
}

/** One image's unit, in the canonical order (core's `imageStats` order: sorted by sample id). */
export interface ImageUnit extends Unit {
  readonly sampleId: string | null;
  readonly ignored: number;
}

/**
 * An image's unit whose counts and skip mask are views into the stacks of every image, made when first
 * read: ranking the images under a macro or weighted mean reads neither, and the report ranks hundreds
 * of images to list a few (seven views per image, made by code that runs mostly unoptimised once per
 * run, cost more than the ranking).
 */
class StackedImageUnit implements ImageUnit {
  #counts: ClassCounts | null = null;
  #skip: Uint8Array | null = null;

  constructor(
    readonly sampleId: string | null,
    readonly ignored: number,
    readonly include: Uint8Array,
    private readonly stack: StackedCounts,
    private readonly skips: Uint8Array,
    private readonly index: number,
  ) {}

  get counts(): ClassCounts {
    this.#counts ??= stackedImageCounts(this.stack, this.index);
    return this.#counts;
  }

  get skip(): Uint8Array {
    const c = this.stack.classes;
    this.#skip ??= this.skips.subarray(this.index * c, this.index * c + c);
    return this.#skip;
  }
}

/** Every image's counts and skip mask side by side (see {@link stackImageCounts}). */
interface StackedUnits {
  readonly counts: ClassCounts;
  readonly skip: Uint8Array;
  readonly classes: number;
}

/**
 * The stack behind a list of image units built from one (see `Engine.images`): reducers cache the units
 * per settings, so the stack is found from the units themselves.
 */
const stacks = new WeakMap<readonly ImageUnit[], StackedUnits>();

/**
 * Values per block of images when per-image values are not kept (see {@link Engine.imageValuesAt}):
 * 8,192 float64 = 64 KiB, so that each block's arrays come from memory the allocator has just freed.
 * One array of every image's values (2.4 MB per metric at 2,000 images × 150 classes) came from fresh
 * pages each time, and the page faults cost ~20× the arithmetic on these machines.
 */
export const IMAGE_VALUES_BLOCK = 8192;

let valuesBlock = IMAGE_VALUES_BLOCK;

/**
 * Runs `fn` with `size` values per block instead of {@link IMAGE_VALUES_BLOCK} (tests: block boundaries
 * must not change a number).
 */
export function withImageValuesBlock<T>(size: number, fn: () => T): T {
  const was = valuesBlock;
  valuesBlock = size;
  try {
    return fn();
  } finally {
    valuesBlock = was;
  }
}

/** Images [from, to) of a stack as one unit: views of their counts and skip masks (no copy). */
function stackBlock(stack: StackedUnits, from: number, to: number): Pick<Unit, 'counts' | 'skip'> {
  const c = stack.classes;
  const [a, b] = [from * c, to * c];
  const { tp, fp, fn, tn, support, predicted } = stack.counts;
  return {
    counts: {
      numClasses: b - a,
      tp: tp.subarray(a, b),
      fp: fp.subarray(a, b),
      fn: fn.subarray(a, b),
      tn: tn.subarray(a, b),
      support: support.subarray(a, b),
      predicted: predicted.subarray(a, b),
      total: Number.NaN,
    },
    skip: stack.skip.subarray(a, b),
  };
}

/** How predictions of ignore labels on counted pixels are attributed (see {@link Quirks}). */
type IgnoredPredictions =
  | { readonly kind: 'miss' | 'drop' | 'label' }
  | { readonly kind: 'class'; readonly classId: number }
  | { readonly kind: 'ambiguous'; readonly reason: string };

/**
 * Where a prediction counted in `predictedIgnore` came from, and what the quirks make of it. Each ignore
 * label is a source, and so is a label mapping that ignores predictions (reduce-zero-label or a `null`
 * table entry applied to both maps); a treatment other than `'miss'`/`'drop'` needs a single source.
 */
export function ignoredPredictions(matrix: ConfusionMatrixSettings, quirks: Quirks): IgnoredPredictions {
  const c = matrix.numClasses;
  const mapping = matrix.labelMapping;
  const sources: (number | 'mapping')[] = [...matrix.ignoreIndex];
  if (
    mapping !== null &&
    mapping.applyTo === 'both' &&
    (mapping.reduceZeroLabel || mapping.table.some(([, to]) => to === null))
  ) {
    sources.push('mapping');
  }
  const treatment = (s: number | 'mapping') =>
    typeof s === 'number' && s >= 0 && s < c
      ? quirks.inRangeIgnorePredictions
      : quirks.outOfRangeIgnorePredictions;
  const kinds = new Set(sources.map(treatment));
  if (kinds.size === 0 || (kinds.size === 1 && kinds.has('miss'))) return { kind: 'miss' };
  if (kinds.size === 1 && kinds.has('drop')) return { kind: 'drop' };
  if (sources.length === 1) {
    const only = sources[0]!;
    if (typeof only === 'number' && treatment(only) === 'class') return { kind: 'class', classId: only };
    return { kind: treatment(only) as 'label' };
  }
  return {
    kind: 'ambiguous',
    reason: `predictions of the ignore labels ${JSON.stringify(matrix.ignoreIndex)}${sources.includes('mapping') ? ' (and of values the label mapping ignores)' : ''} are counted together, so the preset cannot tell which value each prediction had`,
  };
}

/**
 * scikit-learn's `average='binary'` checks (see `Quirks.binaryPositiveLabel`) on the dataset counts after
 * the quirks' treatment of ignore-label predictions: the labels present are the classes in the ground
 * truth or the prediction and, when counted pixels were predicted as an ignore label outside the
 * classes, that value. More than two, or two without `positive`, throw INVALID_OPTION with scikit-learn's
 * reason. Resamples and subsets of accepted counts are accepted (they hold fewer labels).
 */
function checkBinaryTarget(
  counts: ClassCounts,
  positive: number,
  matrix: ConfusionMatrixSettings,
  quirks: Quirks,
): void {
  const labels: string[] = [];
  let unattributed = 0;
  for (let k = 0; k < counts.numClasses; k++) {
    if (counts.support[k]! > 0 || counts.predicted[k]! > 0) labels.push(String(k));
    unattributed += counts.support[k]! - counts.predicted[k]!;
  }
  if (unattributed > 0) {
    // Each ignore value predicted is a label of its own (as with labels=None): with several sources the
    // counts do not say how many of them were predicted, so the labels cannot be counted.
    const sources = ignoredPredictions(matrix, { ...quirks, outOfRangeIgnorePredictions: 'label' });
    if (sources.kind === 'ambiguous') {
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `preset 'sklearn': average='binary' cannot count the labels: ${sources.reason}; evaluate with a single ignore label`,
        { context: { option: 'presetOptions.average', value: 'binary', preset: 'sklearn' } },
      );
    }
    const outside = matrix.ignoreIndex.filter((v) => v < 0 || v >= matrix.numClasses);
    labels.push(
      outside.length === 1 ? `${outside[0]} (an ignore label, predicted)` : 'an ignore label, predicted',
    );
  }
  const context = { option: 'presetOptions.average', value: 'binary', preset: 'sklearn', labels };
  if (labels.length > 2) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `preset 'sklearn': average='binary' needs binary labels, but the counted pixels hold ${labels.length}: ${labels.length > 8 ? `${labels.slice(0, 6).join(', ')}, …` : labels.join(', ')} (scikit-learn raises "Target is multiclass but average='binary'"); choose average none, macro, micro or weighted`,
      { context },
    );
  }
  if (labels.length === 2 && !labels.includes(String(positive))) {
    const classes = labels.filter((label) => /^\d+$/.test(label));
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `preset 'sklearn': pos_label=${positive} is not a valid label: the counted pixels hold ${labels.join(' and ')} (scikit-learn raises ValueError)${classes.length > 0 ? `; pos_label may be ${classes.join(' or ')}` : ''}`,
      { context: { ...context, option: 'presetOptions.pos_label', value: positive } },
    );
  }
}

/**
 * Which counts an engine's units hold: the matrix's pixel counts (`'mask'`), or its Boundary IoU counts
 * (`'boundary'`: |Gb ∩ Pb|, |Gb|, |Pb| per class, as they are; see {@link Engine.boundary}).
 */
export type EngineView = 'mask' | 'boundary';

/**
 * Lazily computes metric values of one matrix under resolved settings. Every imagewise sum runs over
 * the images in canonical order (core's `imageStats` order) and over classes in id order.
 */
export class Engine {
  readonly settings: EvaluationSettings;
  /** The dataset unit. */
  readonly datasetUnit: Unit;
  readonly #matrix: ConfusionMatrix | null;
  readonly #hasImages: boolean;
  readonly #z: number;
  readonly #options: MetricOptions;
  readonly #include: Uint8Array;
  readonly #ignored: IgnoredPredictions;
  #reducer: ImageReducer | null;
  readonly #view: EngineView;
  /** Scratch counts of {@link Engine.#pool} and the options of micro means (built on first use). */
  #pooled: { -readonly [K in keyof ClassCounts]: ClassCounts[K] } | null = null;
  #microOptions: MetricOptions | null = null;
  readonly #microValue = new Float64Array(1);
  /** The values of {@link imageValuesAt}'s current block, and the accessor they belong to. */
  #scratch = new Float64Array(0);
  #scratchOwner: object | null = null;
  /** Image stacks shared with other engines on the same, unchanged matrix (see {@link StackCache}). */
  readonly #stacks: StackCache | null;

  /**
   * An engine over a matrix, or over {@link EngineInput}: the bootstrap's resamples (summed totals,
   * images weighted by multiplicity) with the settings of the matrix they come from. `view: 'boundary'`
   * (an input of Boundary IoU counts, see {@link Engine.boundary}) takes the counts as they are.
   * `images: false` sees a matrix as if it had no per-image statistics (image aggregation then throws
   * PER_IMAGE_DISABLED, as on such a matrix).
   */
  constructor(
    source: ConfusionMatrix | EngineInput,
    settings: EvaluationSettings,
    view: EngineView = 'mask',
    stacks: StackCache | null = null,
    images = true,
  ) {
    this.#view = view;
    this.#stacks = stacks;
    const input = 'totals' in source ? source : null;
    const matrix = input === null ? (source as ConfusionMatrix) : null;
    const matrixSettings = input === null ? matrix!.settings : input.matrixSettings;
    this.#matrix = matrix;
    this.#reducer = input === null || !images ? null : input.images;
    this.#hasImages = images && (input === null ? matrix!.settings.perImage : input.images !== null);
    this.settings = settings;
    const c = settings.numClasses;
    this.#include = new Uint8Array(c).fill(1);
    for (const k of settings.excludeClasses) this.#include[k] = 0;
    this.#z = absentValue(settings.absent);
    this.#options = {
      zeroDivision: this.#z,
      beta: settings.beta,
      fscoreFrom: settings.quirks.fscoreFrom,
      tverskyAlpha: settings.tverskyAlpha,
      tverskyBeta: settings.tverskyBeta,
      include: Array.from(this.#include, (v) => v === 1),
    };
    if (settings.aggregate === 'image' && !this.#hasImages) {
      throw new SegmetricsError(
        ErrorCode.PER_IMAGE_DISABLED,
        "aggregate: 'image' needs per-image statistics: create the ConfusionMatrix with perImage: true",
        { context: { option: 'aggregate', value: 'image' } },
      );
    }
    this.#ignored = ignoredPredictions(matrixSettings, settings.quirks);
    const raw = input === null ? classCounts(matrix!) : input.totals;
    this.datasetUnit =
      view === 'boundary'
        ? this.#boundaryUnit(raw.tp, raw.support, raw.predicted)
        : this.#unit(raw.tp, raw.support, raw.predicted, matrix?.predictedIgnore ?? null);
    const positive = settings.quirks.binaryPositiveLabel;
    if (positive !== null && view === 'mask')
      checkBinaryTarget(this.datasetUnit.counts, positive, matrixSettings, settings.quirks);
  }

  /**
   * The same matrix and settings seen through its Boundary IoU counts (the matrix must count them): the
   * units hold, per class, tp = |Gb ∩ Pb|, support = |Gb| and predicted = |Pb| of the dataset or of one
   * image, so `iou` gives Boundary IoU, and averages, image aggregation and the absent policy (a union
   * of 0) work as for the pixel counts. Predictions of ignore labels are on no class's boundary: the
   * preset treatments of them (which re-attribute pixel counts) do not apply.
   */
  boundary(): Engine {
    const matrix = this.#matrix;
    const counts = matrix?.boundaryCounts ?? null;
    if (matrix === null || counts === null) {
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        'Boundary IoU needs boundary counts: create the ConfusionMatrix with boundary: { dilationRatio }',
        { context: { option: 'boundary', value: null } },
      );
    }
    const images = this.#hasImages
      ? new UnitReducer(
          matrix.imageStats.map((s) => ({
            sampleId: s.sampleId,
            ignored: s.ignored,
            tp: s.boundary!.tp,
            support: s.boundary!.support,
            predicted: s.boundary!.predicted,
          })),
        )
      : null;
    return new Engine(
      { matrixSettings: matrix.settings, totals: counts, images },
      this.settings,
      'boundary',
      this.#stacks,
    );
  }

  /** The dataset counts of the C classes under the settings (what the per-class results show). */
  get dataset(): ClassCounts {
    return this.datasetUnit.counts;
  }

  /** Whether per-image statistics are available. */
  get hasImages(): boolean {
    return this.#hasImages;
  }

  /** The reducer over the images (throws PER_IMAGE_DISABLED without per-image statistics). */
  get #images(): ImageReducer {
    if (this.#reducer === null) {
      if (this.#matrix === null || !this.#hasImages) {
        throw new SegmetricsError(
          ErrorCode.PER_IMAGE_DISABLED,
          'per-image results need per-image statistics: create the ConfusionMatrix with perImage: true',
        );
      }
      // Core keeps imageStats in the canonical order (sorted by sample id).
      this.#reducer = new UnitReducer(this.#matrix.imageStats);
    }
    return this.#reducer;
  }

  /** The images in canonical order (throws PER_IMAGE_DISABLED without per-image statistics). */
  get images(): readonly ImageUnit[] {
    return this.#images.units((stats) => this.#imageUnits(stats));
  }

  /**
   * The images' units. Their counts are stacked (one allocation per array for all images, see
   * {@link stackImageCounts}) unless predictions of ignore labels add a label to some images (`'label'`)
   * or cannot be attributed (`'ambiguous'`, which throws where such predictions occur): those are built
   * one by one.
   */
  #imageUnits(stats: readonly ImageStats[]): readonly ImageUnit[] {
    const ignored = this.#ignored;
    if (this.#view === 'mask' && (ignored.kind === 'label' || ignored.kind === 'ambiguous')) {
      return stats.map((s) => ({
        sampleId: s.sampleId,
        ignored: s.ignored,
        ...this.#unit(s.tp, s.support, s.predicted, null),
      }));
    }
    // 'miss', and 'drop' (known per ground-truth class for the dataset only), leave image counts as they are.
    const extraClass = this.#view === 'mask' && ignored.kind === 'class' ? ignored.classId : -1;
    const key = `${this.#view}:${extraClass}`;
    let stack: StackedCounts | undefined = this.#stacks?.get(key);
    if (stack === undefined) {
      stack = stackImageCounts(stats, this.settings.numClasses, extraClass);
      this.#stacks?.set(key, stack);
    }
    const skip = this.#skipMask(stack.counts);
    const c = stack.classes;
    const include = this.#include;
    const units = stats.map((s, i) => new StackedImageUnit(s.sampleId, s.ignored, include, stack, skip, i));
    stacks.set(units, { counts: stack.counts, skip, classes: c });
    return units;
  }

  /**
   * A unit's counts with predictions of ignore labels treated as the quirks say, its include mask and
   * its skip mask. `predictedIgnore` (per ground-truth class) is known for the dataset only.
   */
  #unit(
    tp: Float64Array,
    support: Float64Array,
    predicted: Float64Array,
    predictedIgnore: Float64Array | null,
  ): Unit {
    const c = this.settings.numClasses;
    let ignoredPredictionsCount = 0;
    for (let k = 0; k < c; k++) ignoredPredictionsCount += support[k]! - predicted[k]!;
    const ignored = this.#ignored;
    let counts: ClassCounts;
    let include = this.#include;
    if (ignoredPredictionsCount === 0 || ignored.kind === 'miss') {
      counts = fromTotals(tp, support, predicted);
    } else if (ignored.kind === 'ambiguous') {
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `preset '${this.settings.preset}' cannot reproduce these counts: ${ignored.reason}; evaluate with a single ignore label`,
        {
          context: { option: 'ignoreIndex', value: this.settings.ignoreIndex, preset: this.settings.preset },
        },
      );
    } else if (ignored.kind === 'class') {
      const p = predicted.slice();
      p[ignored.classId]! += ignoredPredictionsCount;
      counts = fromTotals(tp, support, p);
    } else if (ignored.kind === 'drop') {
      // Keras drops the pixel; per ground-truth class this is known for the dataset counts only.
      counts =
        predictedIgnore === null
          ? fromTotals(tp, support, predicted)
          : fromTotals(
              tp,
              support.map((s, k) => s - predictedIgnore[k]!),
              predicted,
            );
    } else {
      // One more label: the predicted ignore value, with no ground truth (scikit-learn labels=None).
      const extend = (a: Float64Array, v: number) => Float64Array.of(...a, v);
      counts = fromTotals(extend(tp, 0), extend(support, 0), extend(predicted, ignoredPredictionsCount));
      include = Uint8Array.of(...this.#include, 1);
    }
    return { counts, include, skip: this.#skipMask(counts) };
  }

  /** A unit of Boundary IoU counts, as they are (see {@link Engine.boundary}). */
  #boundaryUnit(tp: Float64Array, support: Float64Array, predicted: Float64Array): Unit {
    const counts = fromTotals(tp, support, predicted);
    return { counts, include: this.#include, skip: this.#skipMask(counts) };
  }

  /** Per class: 1 where the settings skip it in this unit (predicted-only or absent classes). */
  #skipMask(counts: ClassCounts): Uint8Array {
    const n = counts.numClasses;
    const skip = new Uint8Array(n);
    const skipPredictedOnly = this.settings.predictedOnly === 'skip';
    const skipAbsent = this.settings.quirks.absentClassesSkipped;
    if (skipPredictedOnly || skipAbsent) {
      for (let k = 0; k < n; k++) {
        if (counts.support[k] !== 0) continue;
        if (counts.predicted[k] === 0 ? skipAbsent : skipPredictedOnly) skip[k] = 1;
      }
    }
    return skip;
  }

  /** The value of a class mean over nothing: the quirk's, else NaN when absent classes are no labels, else z. */
  #emptyMean(): number {
    const { emptyMeanValue, absentClassesSkipped } = this.settings.quirks;
    return emptyMeanValue ?? (absentClassesSkipped ? Number.NaN : this.#z);
  }

  /** Values of `metric` per class (and extra label) in one unit, NaN where the unit skips the class. */
  unitValues(
    metric: PerClassMetricDescriptor,
    unit: Pick<Unit, 'counts' | 'skip'>,
    out?: Float64Array,
  ): Float64Array {
    const values = metric.compute(unit.counts, this.#options, out);
    if (metric.summaryIds.length > 0) {
      for (let k = 0; k < values.length; k++) if (unit.skip[k] === 1) values[k] = Number.NaN;
    }
    return values;
  }

  /**
   * Image i's values of `metric` per class (NaN where the image skips the class), for i visited in any
   * order (fastest in canonical order). The array is valid until the next call of any accessor of this
   * engine: use it before asking for another image's values. From the reducer's kept values when it keeps them (the
   * bootstrap's, reused by every resample: {@link imageValues}); `evaluate`'s own reducer keeps none, and
   * the values are computed a block of images at a time ({@link IMAGE_VALUES_BLOCK} values at most):
   * the same elementwise `compute` on views of the same stacked counts, so the same numbers, without an
   * array of every image's values per metric.
   */
  imageValuesAt(metric: PerClassMetricDescriptor): (image: number) => Float64Array {
    if (!(this.#images instanceof UnitReducer)) {
      const values = this.imageValues(metric);
      return (i) => values[i]!;
    }
    const units = this.images;
    const stack = stacks.get(units);
    if (stack === undefined) return (i) => this.unitValues(metric, units[i]!);
    const c = stack.classes;
    const per = Math.max(1, Math.min(units.length, Math.floor(valuesBlock / Math.max(1, c))));
    // The block's values live in the engine's scratch array, shared by every accessor: an accessor
    // whose block another one has overwritten since computes it again (correct in any interleaving).
    const owner: { first: number; values: Float64Array } = { first: -1, values: new Float64Array(0) };
    return (i) => {
      const start = i - (i % per);
      if (this.#scratchOwner !== owner || start !== owner.first) {
        if (this.#scratch.length < per * c) this.#scratch = new Float64Array(per * c);
        owner.first = start;
        owner.values = this.unitValues(
          metric,
          stackBlock(stack, start, Math.min(units.length, start + per)),
          this.#scratch,
        );
        this.#scratchOwner = owner;
      }
      return owner.values.subarray((i - start) * c, (i - start + 1) * c);
    };
  }

  /**
   * Values of `metric` per class in each image (cached by the reducer). On stacked units one `compute`
   * gives every image's values (per-class metrics are elementwise), each image's a view of them.
   */
  imageValues(metric: PerClassMetricDescriptor): Float64Array[] {
    return this.#images.values(metric.id, () => {
      const units = this.images;
      const stack = stacks.get(units);
      if (stack === undefined) return units.map((u) => this.unitValues(metric, u));
      const values = this.unitValues(metric, stack);
      const c = stack.classes;
      return units.map((_, i) => values.subarray(i * c, i * c + c));
    });
  }

  /** Per class: the weight of its counts in the pooled counts of `'micro'` (GeneralizedDiceScore). */
  #poolWeight(support: number): number {
    const weights = this.settings.quirks.microClassWeights;
    if (weights === 'none') return 1;
    if (support === 0) return 0;
    return weights === 'inverse-support' ? 1 / support : 1 / (support * support);
  }

  /**
   * Pools the included, evaluated classes' counts into one class (micro averaging), written into a
   * scratch unit of one class that the engine reuses (metrics never keep or modify their counts).
   */
  #pool(unit: Unit): ClassCounts {
    const { counts } = unit;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    let support = 0;
    let predicted = 0;
    for (let k = 0; k < counts.numClasses; k++) {
      if (unit.include[k] === 0 || unit.skip[k] === 1) continue;
      const w = this.#poolWeight(counts.support[k]!);
      tp += w * counts.tp[k]!;
      fp += w * counts.fp[k]!;
      fn += w * counts.fn[k]!;
      tn += w * counts.tn[k]!;
      support += w * counts.support[k]!;
      predicted += w * counts.predicted[k]!;
    }
    this.#pooled ??= {
      numClasses: 1,
      tp: new Float64Array(1),
      fp: new Float64Array(1),
      fn: new Float64Array(1),
      tn: new Float64Array(1),
      support: new Float64Array(1),
      predicted: new Float64Array(1),
      total: 0,
    };
    const pooled = this.#pooled;
    pooled.tp[0] = tp;
    pooled.fp[0] = fp;
    pooled.fn[0] = fn;
    pooled.tn[0] = tn;
    pooled.support[0] = support;
    pooled.predicted[0] = predicted;
    pooled.total = counts.total;
    return pooled;
  }

  #micro(metric: PerClassMetricDescriptor, unit: Unit): number {
    this.#microOptions ??= {
      ...this.#options,
      zeroDivision: this.settings.quirks.microZeroDivision ?? this.#z,
    };
    // The pooled value is read at once: one scratch entry for every image and metric.
    return metric.compute(this.#pool(unit), this.#microOptions, this.#microValue)[0]!;
  }

  /** A weighted mean whose weights sum to 0 (see `Quirks.weightedWithoutSupport`). */
  #weightedWithoutSupport(
    metric: PerClassMetricDescriptor,
    values: Float64Array,
    unit: Unit,
    empty: number,
  ): number {
    const rule = this.settings.quirks.weightedWithoutSupport;
    if (rule === 'empty') return empty;
    const included = (k: number) => unit.include[k] === 1 && unit.skip[k] === 0;
    if (rule === 'zero-if-defined') {
      for (let k = 0; k < values.length; k++) if (included(k) && !Number.isNaN(values[k]!)) return 0;
      return empty;
    }
    // scikit-learn: jaccard_score falls back to the unweighted mean; precision_recall_fscore_support
    // returns zero_division for recall, and for precision and F-beta 0 if anything was predicted.
    if (metric.id === 'recall') return this.#z;
    if (metric.id === 'precision' || metric.id === 'fscore' || metric.id === 'dice') {
      let predicted = 0;
      for (let k = 0; k < values.length; k++) if (included(k)) predicted += unit.counts.predicted[k]!;
      return predicted > 0 ? 0 : this.#z;
    }
    return this.#classMean(metric, values, unit, empty, false);
  }

  /** Class average of `values` (macro, or weighted by support), skipping NaN and excluded classes. */
  #classMean(
    metric: PerClassMetricDescriptor,
    values: Float64Array,
    unit: Unit,
    empty: number,
    weighted = this.settings.average === 'weighted',
  ): number {
    let sum = 0;
    let total = 0;
    for (let k = 0; k < values.length; k++) {
      if (unit.include[k] === 0) continue;
      const v = values[k]!;
      if (Number.isNaN(v)) continue;
      const w = weighted ? unit.counts.support[k]! : 1;
      if (w === 0) continue;
      sum += w * v;
      total += w;
    }
    if (total > 0) return sum / total;
    return weighted ? this.#weightedWithoutSupport(metric, values, unit, empty) : empty;
  }

  /**
   * The class average of `metric` in one unit under `average` (NaN for `'none'`). `empty` is the value of
   * a mean over nothing (default: the settings' empty-mean value).
   */
  unitMean(
    metric: PerClassMetricDescriptor,
    unit: Unit,
    values?: Float64Array,
    empty = this.#emptyMean(),
  ): number {
    const average = this.settings.average;
    if (average === 'none') return Number.NaN;
    if (average === 'micro') return this.#micro(metric, unit);
    return this.#classMean(metric, values ?? this.unitValues(metric, unit), unit, empty);
  }

  /** A summary metric (aAcc, fwIoU, kappa) of one unit. */
  unitSummary(metric: SummaryMetricDescriptor, unit: Unit): number {
    const fwEmpty = this.settings.quirks.fwIoUWithoutSupport;
    // The dataset's value only: an image with no ground truth has no fwIoU (NaN, ranked last), as
    // imageMean leaves a library's value of an empty mean out of the per-image results.
    if (metric.id === 'fwIoU' && fwEmpty !== null && unit === this.datasetUnit) {
      return metric.compute(unit.counts, { ...this.#options, zeroDivision: fwEmpty });
    }
    return metric.compute(unit.counts, this.#options);
  }

  /** Per class: the mean over the images where the class's value is defined (canonical order). */
  #imagewisePerClass(metric: PerClassMetricDescriptor): Float64Array {
    const images = this.#images;
    if (images instanceof UnitReducer) {
      return images.perClassMeanOf(this.imageValuesAt(metric), this.settings.numClasses, this.#emptyMean());
    }
    return images.perClassMean(
      metric.id,
      this.imageValues(metric),
      this.settings.numClasses,
      this.#emptyMean(),
    );
  }

  /** Per-class values under the settings (dataset values, or imagewise per-class means), C of them. */
  perClass(metric: PerClassMetricDescriptor): Float64Array {
    const c = this.settings.numClasses;
    let out: Float64Array;
    if (this.settings.aggregate === 'dataset' || metric.summaryIds.length === 0) {
      out = this.unitValues(metric, this.datasetUnit).slice(0, c);
    } else {
      out = this.#imagewisePerClass(metric);
    }
    const shown = this.settings.quirks.perClassAbsentValue;
    if (shown !== null && metric.summaryIds.length > 0) {
      const { support, predicted } = this.dataset;
      // Only a 0/0: a ratio that an absent class still has (specificity, tn / (tn + fp)) is kept.
      for (let k = 0; k < c; k++) {
        if (support[k] === 0 && predicted[k] === 0 && Number.isNaN(out[k]!)) out[k] = shown;
      }
    }
    return out;
  }

  /**
   * An image's class mean as the mean over images takes it: NaN (undefined, left out) when it is over
   * nothing, whatever a library's value of an empty mean (Keras, MONAI: 0, which they too leave out of
   * the mean over images); otherwise `unitMean`. The per-image results show this value, so that they
   * explain the summary.
   */
  imageMean(metric: PerClassMetricDescriptor, unit: Unit, values: Float64Array | undefined): number {
    // A library's own value of an empty mean (Keras, MONAI: 0) is left out; the default rule is kept.
    const empty = this.settings.quirks.emptyMeanValue === null ? this.#emptyMean() : Number.NaN;
    return this.unitMean(metric, unit, values, empty);
  }

  /** The summary (class-averaged) value of a per-class metric under the three choices. */
  classSummary(metric: PerClassMetricDescriptor): number {
    const { aggregate, average, imageReduce } = this.settings;
    if (average === 'none') return Number.NaN;
    if (aggregate === 'dataset') return this.unitMean(metric, this.datasetUnit);
    const images = this.images;
    if (average === 'micro') {
      // Micro means pool each image's counts: no per-class values needed.
      return this.#images.mean(
        `unitMean:${metric.id}`,
        (i) => this.imageMean(metric, images[i]!, undefined),
        this.#emptyMean(),
      );
    }
    if (imageReduce === 'per-image') {
      const valueAt = this.imageValuesAt(metric);
      return this.#images.mean(
        `unitMean:${metric.id}`,
        (i) => this.imageMean(metric, images[i]!, valueAt(i)),
        this.#emptyMean(),
      );
    }
    if (imageReduce === 'per-class') {
      const perClass = this.#imagewisePerClass(metric);
      const unit: Unit = {
        counts: this.dataset,
        include: this.#include,
        skip: new Uint8Array(perClass.length),
      };
      return this.#classMean(metric, perClass, unit, this.#emptyMean());
    }
    // pooled: every defined (image, class) pair of the included classes
    const weighted = average === 'weighted';
    const weight = (i: number, k: number) => {
      const u = images[i]!;
      return u.include[k] === 0 ? 0 : weighted ? u.counts.support[k]! : 1;
    };
    const reducer = this.#images;
    return reducer instanceof UnitReducer
      ? reducer.pooledMeanOf(this.imageValuesAt(metric), weight, this.#emptyMean())
      : reducer.pooledMean(`pooled:${metric.id}`, this.imageValues(metric), weight, this.#emptyMean());
  }

  /** A dataset-level metric: on the dataset counts, or its mean over images. */
  summary(metric: SummaryMetricDescriptor): number {
    if (this.settings.aggregate === 'dataset') return this.unitSummary(metric, this.datasetUnit);
    const images = this.images;
    return this.#images.mean(`summary:${metric.id}`, (i) => this.unitSummary(metric, images[i]!), this.#z);
  }
}
