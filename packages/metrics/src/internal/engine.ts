import type { ClassCounts, ConfusionMatrix, ImageStats } from '@segmetrics/core';
import { classCounts, ErrorCode, fromTotals, imageClassCounts, SegmetricsError } from '@segmetrics/core';
import { absentValue, type EvaluationSettings } from '../settings.js';
import type { MetricOptions, PerClassMetricDescriptor, SummaryMetricDescriptor } from '../types.js';
import { type EngineInput, type ImageReducer, UnitReducer } from './image-reducer.js';

/** One image's counts, in the canonical order (sorted by sample id). */
export interface ImageUnit {
  readonly sampleId: string | null;
  readonly ignored: number;
  readonly counts: ClassCounts;
}

/**
 * Per-image statistics in the canonical order: sorted by sample id (images without an id keep their
 * relative order, after those with one), so imagewise sums are bit-identical for any update order.
 */
export function canonicalImageStats(stats: readonly ImageStats[]): ImageStats[] {
  return stats
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const x = a.s.sampleId;
      const y = b.s.sampleId;
      if (x === y) return a.i - b.i;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    })
    .map(({ s }) => s);
}

/**
 * Lazily computes metric values of one matrix (or of prepared {@link EngineInput}) under resolved
 * settings. Imagewise reductions go through an {@link ImageReducer}: for a matrix, the
 * {@link UnitReducer}, whose sums run over the images in canonical order and over classes in id order.
 */
export class Engine {
  readonly settings: EvaluationSettings;
  readonly dataset: ClassCounts;
  readonly include: Uint8Array;
  readonly #includeBool: boolean[];
  readonly #matrix: ConfusionMatrix | null;
  readonly #hasImages: boolean;
  readonly #z: number;
  readonly #options: MetricOptions;
  #reducer: ImageReducer | null;

  /**
   * An engine over a matrix (its dataset counts and, lazily, its per-image statistics), or over
   * {@link EngineInput}: counts and images prepared by the caller (the bootstrap's resamples).
   */
  constructor(source: ConfusionMatrix | EngineInput, settings: EvaluationSettings) {
    this.settings = settings;
    if ('totals' in source) {
      this.#matrix = null;
      this.dataset = fromTotals(source.totals.tp, source.totals.support, source.totals.predicted);
      this.#reducer = source.images;
      this.#hasImages = source.images !== null;
    } else {
      this.#matrix = source;
      this.dataset = classCounts(source);
      this.#reducer = null;
      this.#hasImages = source.settings.perImage;
    }
    const c = settings.numClasses;
    this.include = new Uint8Array(c).fill(1);
    for (const k of settings.excludeClasses) this.include[k] = 0;
    this.#includeBool = Array.from(this.include, (v) => v === 1);
    this.#z = absentValue(settings.absent);
    this.#options = {
      zeroDivision: this.#z,
      beta: settings.beta,
      fscoreFrom: settings.quirks.fscoreFrom,
      tverskyAlpha: settings.tverskyAlpha,
      tverskyBeta: settings.tverskyBeta,
      include: this.#includeBool,
    };
    if (settings.aggregate === 'image' && !this.#hasImages) {
      throw new SegmetricsError(
        ErrorCode.PER_IMAGE_DISABLED,
        "aggregate: 'image' needs per-image statistics: create the ConfusionMatrix with perImage: true",
        { context: { option: 'aggregate', value: 'image' } },
      );
    }
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
      this.#reducer = new UnitReducer(canonicalImageStats(this.#matrix.imageStats));
    }
    return this.#reducer;
  }

  /** The images in canonical order (throws PER_IMAGE_DISABLED without per-image statistics). */
  get images(): readonly ImageUnit[] {
    return this.#images.units((s) => ({
      sampleId: s.sampleId,
      ignored: s.ignored,
      counts: imageClassCounts(s),
    }));
  }

  get metricOptions(): MetricOptions {
    return this.#options;
  }

  #emptyMean(): number {
    return this.settings.quirks.emptyMeanValue ?? this.#z;
  }

  /** Values of `metric` per class in each image (cached). */
  imageValues(metric: PerClassMetricDescriptor): Float64Array[] {
    return this.#images.values(metric.id, () =>
      this.images.map((u) => metric.compute(u.counts, this.#options)),
    );
  }

  /** Pools the included classes' counts into one class (micro averaging). */
  #pool(counts: ClassCounts): ClassCounts {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    let support = 0;
    let predicted = 0;
    for (let k = 0; k < counts.numClasses; k++) {
      if (this.include[k] === 0) continue;
      tp += counts.tp[k]!;
      fp += counts.fp[k]!;
      fn += counts.fn[k]!;
      tn += counts.tn[k]!;
      support += counts.support[k]!;
      predicted += counts.predicted[k]!;
    }
    const one = (v: number) => Float64Array.of(v);
    return {
      numClasses: 1,
      tp: one(tp),
      fp: one(fp),
      fn: one(fn),
      tn: one(tn),
      support: one(support),
      predicted: one(predicted),
      total: counts.total,
    };
  }

  #micro(metric: PerClassMetricDescriptor, counts: ClassCounts): number {
    const zeroDivision = this.settings.quirks.microZeroDivision ?? this.#z;
    return metric.compute(this.#pool(counts), { ...this.#options, zeroDivision })[0]!;
  }

  /** Class average of `values` (macro or weighted by `weights`), skipping NaN and excluded classes. */
  #classMean(values: Float64Array, weights: Float64Array): number {
    const weighted = this.settings.average === 'weighted';
    let sum = 0;
    let total = 0;
    for (let k = 0; k < values.length; k++) {
      if (this.include[k] === 0) continue;
      const v = values[k]!;
      if (Number.isNaN(v)) continue;
      const w = weighted ? weights[k]! : 1;
      if (w === 0) continue;
      sum += w * v;
      total += w;
    }
    return total === 0 ? this.#emptyMean() : sum / total;
  }

  /** The class average of `metric` in one unit under `average` (NaN for `'none'`). */
  unitMean(metric: PerClassMetricDescriptor, counts: ClassCounts, values?: Float64Array): number {
    const average = this.settings.average;
    if (average === 'none') return Number.NaN;
    if (average === 'micro') return this.#micro(metric, counts);
    return this.#classMean(values ?? metric.compute(counts, this.#options), counts.support);
  }

  /** Per class: the mean over the images where the class's value is defined (canonical order). */
  #imagewisePerClass(metric: PerClassMetricDescriptor): Float64Array {
    return this.#images.perClassMean(metric.id, this.imageValues(metric), this.settings.numClasses, this.#z);
  }

  /** Per-class values under the settings (dataset values, or imagewise per-class means). */
  perClass(metric: PerClassMetricDescriptor): Float64Array {
    let out: Float64Array;
    if (this.settings.aggregate === 'dataset' || metric.summaryIds.length === 0) {
      out = metric.compute(this.dataset, this.#options);
    } else {
      out = this.#imagewisePerClass(metric);
    }
    const shown = this.settings.quirks.perClassAbsentValue;
    if (shown !== null && metric.summaryIds.length > 0) {
      for (let k = 0; k < out.length; k++) {
        if (this.dataset.support[k] === 0 && this.dataset.predicted[k] === 0) out[k] = shown;
      }
    }
    return out;
  }

  /** The summary (class-averaged) value of a per-class metric under the three choices. */
  classSummary(metric: PerClassMetricDescriptor): number {
    const { aggregate, average, imageReduce } = this.settings;
    if (average === 'none') return Number.NaN;
    if (aggregate === 'dataset') return this.unitMean(metric, this.dataset);
    const images = this.#images;
    const units = this.images;
    const values = this.imageValues(metric);
    if (average === 'micro' || imageReduce === 'per-image') {
      return images.mean(
        `unitMean:${metric.id}`,
        (i) => this.unitMean(metric, units[i]!.counts, values[i]),
        this.#emptyMean(),
      );
    }
    if (imageReduce === 'per-class')
      return this.#classMean(this.#imagewisePerClass(metric), this.dataset.support);
    // pooled: every defined (image, class) pair of the included classes
    const weighted = average === 'weighted';
    return images.pooledMean(
      `pooled:${metric.id}`,
      values,
      (i, k) => (this.include[k] === 0 ? 0 : weighted ? units[i]!.counts.support[k]! : 1),
      this.#emptyMean(),
    );
  }

  /** A dataset-level metric: on the dataset counts, or its mean over images. */
  summary(metric: SummaryMetricDescriptor): number {
    if (this.settings.aggregate === 'dataset') return metric.compute(this.dataset, this.#options);
    const units = this.images;
    return this.#images.mean(
      `summary:${metric.id}`,
      (i) => metric.compute(units[i]!.counts, this.#options),
      this.#z,
    );
  }
}
