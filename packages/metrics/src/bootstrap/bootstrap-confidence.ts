import type { ConfusionMatrix } from '@segmetrics/core';
import { resolveOptions } from '../internal/resolve-options.js';
import type { SummaryId } from '../metric-registry.js';
import type { EvaluateOptions, EvaluationSettings } from '../settings.js';
import {
  type ConfidenceOptions,
  type ResolvedConfidenceOptions,
  resolveConfidenceOptions,
} from './confidence-options.js';
import { ImageTable } from './internal/image-table.js';
import {
  assignMultiset,
  BoundaryImages,
  checkExactSums,
  checkReproduces,
  checkStorage,
  drawResample,
  evaluateMultiset,
  imageStatsOf,
  type MultisetValues,
  ResampleValues,
} from './internal/resample.js';
import { WeightedImages } from './internal/weighted-images.js';
import { Xoshiro128 } from './internal/xoshiro128.js';
import { type Interval, percentileInterval } from './quantile.js';

/**
 * Bootstrap percentile intervals of a report's numbers (the JSON report's `confidence` field).
 * `null` where fewer than half of the resamples define the value (see {@link percentileInterval}).
 */
export interface ConfidenceIntervals {
  readonly level: number;
  readonly samples: number;
  readonly seed: number;
  readonly method: 'percentile';
  /** What is resampled: whole images. */
  readonly unit: 'image';
  /** Per summary id (mIoU, mDice, aAcc, mAcc, fwIoU, kappa, …): the interval. */
  readonly summary: Readonly<Record<SummaryId, Interval | null>> & {
    /** With Boundary IoU counted: its class mean's interval, from the same resamples. */
    readonly mBoundaryIoU?: Interval | null;
  };
  /** Per class, in class order: the interval of its IoU as `report.perClass[k].iou` reports it. */
  readonly perClass: readonly (Interval | null)[];
}

/** Options of {@link bootstrapConfidence}: the evaluation's own options plus the bootstrap's. */
export interface BootstrapOptions extends EvaluateOptions, ConfidenceOptions {}

/** Intervals of resampled values (internal: shared with the comparison). */
export function intervalsOf(values: ResampleValues, options: ResolvedConfidenceOptions): ConfidenceIntervals {
  const summary: Record<string, Interval | null> = {};
  values.ids.forEach((id, j) => {
    summary[id] = percentileInterval(values.summary[j]!, options.level);
  });
  const perClass: (Interval | null)[] = [];
  for (let k = 0; k < values.numClasses; k++) {
    perClass.push(percentileInterval(values.classColumn(k), options.level));
  }
  return {
    level: options.level,
    samples: options.samples,
    seed: options.seed,
    method: 'percentile',
    unit: 'image',
    summary: summary as Record<SummaryId, Interval | null>,
    perClass,
  };
}

/**
 * The bootstrap under resolved settings (internal: `evaluate`'s `confidence` option runs this). `known`:
 * the matrix's own summary values and per-class IoU when the caller has computed them (its self-check
 * compares the resampling code's values on all the images with them; computed here otherwise).
 */
export function confidenceIntervals(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  options: ResolvedConfidenceOptions,
  known?: MultisetValues,
): ConfidenceIntervals {
  checkStorage(options.samples, settings.numClasses, 1);
  const stats = imageStatsOf(matrix, 'the bootstrap');
  const table = new ImageTable(stats, matrix.settings);
  const n = table.size;
  checkExactSums(table, n);
  const view = new WeightedImages(table);
  const boundary = BoundaryImages.of(stats, matrix.settings);
  const multiplicity = new Int32Array(n).fill(1);
  assignMultiset(view, multiplicity, 1, 0);
  checkReproduces(matrix, view, settings, 'the bootstrap', known, boundary);
  const rng = Xoshiro128.fromSeed(options.seed, 0);
  let values: ResampleValues | null = null;
  for (let r = 0; r < options.samples; r++) {
    drawResample(rng, multiplicity);
    assignMultiset(view, multiplicity, 1, 0);
    const result = evaluateMultiset(view, settings, boundary);
    values ??= new ResampleValues(Object.keys(result.summary), options.samples, settings.numClasses);
    values.set(r, result);
  }
  return intervalsOf(values!, options);
}

/**
 * Bootstrap confidence intervals over images (Efron & Tibshirani, "An Introduction to the Bootstrap",
 * 1993, ch. 13, percentile intervals): `samples` times, draw as many images as the matrix holds, with
 * replacement, and recompute every summary value and per-class IoU exactly as {@link evaluate} would
 * on a matrix of those images under the same options (dataset aggregation: from the summed counts;
 * image aggregation: the chosen image reduction with each image counted as often as it was drawn);
 * each interval holds the central `level` of the resampled values (type-7 quantiles).
 *
 * Deterministic: the same matrix, options and `seed` give the same intervals, whatever the update or
 * merge order and worker count, because images are drawn in core's canonical order (sample ids
 * sorted; images counted without a sample id follow in counting order, so their intervals do depend on
 * the order they were counted and merged). With Boundary IoU counted, `mBoundaryIoU` gets its interval
 * from the same resamples (each image's boundary counts drawn with its pixel counts). Draws come from xoshiro128** stream 0 of `seed` (SplitMix64-seeded) with Lemire's unbiased
 * bounded integers. A class absent from a resample has the IoU the absent policy gives it there (NaN by
 * default: left out of that resample); an interval over fewer than half the resamples is `null`.
 *
 * Throws PER_IMAGE_DISABLED for a matrix without per-image statistics, and the option errors of
 * {@link evaluate} plus INVALID_OPTION for `level`, `samples` or `seed`.
 *
 * @example
 * const ci = bootstrapConfidence(matrix, { level: 0.95, samples: 1000, seed: 0 });
 * ci.summary.mIoU; // [0.651, 0.680]
 */
export function bootstrapConfidence(
  matrix: ConfusionMatrix,
  options: BootstrapOptions = {},
): ConfidenceIntervals {
  const { settings } = resolveOptions(matrix.settings, options);
  return confidenceIntervals(matrix, settings, resolveConfidenceOptions(options));
}
