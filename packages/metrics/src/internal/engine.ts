import type { ClassCounts, ConfusionMatrix, ImageStats } from '@segmetrics/core';
import { classCounts, ErrorCode, imageClassCounts, SegmetricsError } from '@segmetrics/core';
import { absentValue, type EvaluationSettings } from '../settings.js';
import type { MetricOptions, PerClassMetricDescriptor, SummaryMetricDescriptor } from '../types.js';

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

function meanSkippingNaN(values: Iterable<number>, empty: number): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? empty : sum / n;
}

/**
 * Lazily computes metric values of one matrix under resolved settings. Every imagewise sum runs over
 * the images in canonical order and over classes in id order.
 */
export class Engine {
  readonly settings: EvaluationSettings;
  readonly dataset: ClassCounts;
  readonly include: Uint8Array;
  readonly #includeBool: boolean[];
  readonly #matrix: ConfusionMatrix;
  readonly #z: number;
  readonly #options: MetricOptions;
  #images: ImageUnit[] | null = null;
  readonly #perImageValues = new Map<string, Float64Array[]>();

  constructor(matrix: ConfusionMatrix, settings: EvaluationSettings) {
    this.#matrix = matrix;
    this.settings = settings;
    this.dataset = classCounts(matrix);
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
    if (settings.aggregate === 'image' && !matrix.settings.perImage) {
      throw new SegmetricsError(
        ErrorCode.PER_IMAGE_DISABLED,
        "aggregate: 'image' needs per-image statistics: create the ConfusionMatrix with perImage: true",
        { context: { option: 'aggregate', value: 'image' } },
      );
    }
  }

  /** Whether per-image statistics are available. */
  get hasImages(): boolean {
    return this.#matrix.settings.perImage;
  }

  /** The images in canonical order (throws PER_IMAGE_DISABLED without per-image statistics). */
  get images(): readonly ImageUnit[] {
    if (this.#images === null) {
      if (!this.hasImages) {
        throw new SegmetricsError(
          ErrorCode.PER_IMAGE_DISABLED,
          'per-image results need per-image statistics: create the ConfusionMatrix with perImage: true',
        );
      }
      this.#images = canonicalImageStats(this.#matrix.imageStats).map((s) => ({
        sampleId: s.sampleId,
        ignored: s.ignored,
        counts: imageClassCounts(s),
      }));
    }
    return this.#images;
  }

  get metricOptions(): MetricOptions {
    return this.#options;
  }

  #emptyMean(): number {
    return this.settings.quirks.emptyMeanValue ?? this.#z;
  }

  /** Values of `metric` per class in each image (cached). */
  imageValues(metric: PerClassMetricDescriptor): Float64Array[] {
    let values = this.#perImageValues.get(metric.id);
    if (values === undefined) {
      values = this.images.map((u) => metric.compute(u.counts, this.#options));
      this.#perImageValues.set(metric.id, values);
    }
    return values;
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
    const values = this.imageValues(metric);
    const c = this.settings.numClasses;
    const out = new Float64Array(c);
    for (let k = 0; k < c; k++)
      out[k] = meanSkippingNaN(
        values.map((v) => v[k]!),
        this.#z,
      );
    return out;
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
    const images = this.images;
    const values = this.imageValues(metric);
    if (average === 'micro' || imageReduce === 'per-image') {
      return meanSkippingNaN(
        images.map((u, i) => this.unitMean(metric, u.counts, values[i])),
        this.#emptyMean(),
      );
    }
    if (imageReduce === 'per-class')
      return this.#classMean(this.#imagewisePerClass(metric), this.dataset.support);
    // pooled: every defined (image, class) pair of the included classes
    const weighted = average === 'weighted';
    let sum = 0;
    let total = 0;
    images.forEach((u, i) => {
      const v = values[i]!;
      for (let k = 0; k < v.length; k++) {
        if (this.include[k] === 0 || Number.isNaN(v[k]!)) continue;
        const w = weighted ? u.counts.support[k]! : 1;
        if (w === 0) continue;
        sum += w * v[k]!;
        total += w;
      }
    });
    return total === 0 ? this.#emptyMean() : sum / total;
  }

  /** A dataset-level metric: on the dataset counts, or its mean over images. */
  summary(metric: SummaryMetricDescriptor): number {
    if (this.settings.aggregate === 'dataset') return metric.compute(this.dataset, this.#options);
    return meanSkippingNaN(
      this.images.map((u) => metric.compute(u.counts, this.#options)),
      this.#z,
    );
  }
}
