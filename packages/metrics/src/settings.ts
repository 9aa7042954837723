import type { NormalizedLabelMapping } from '@segmetrics/core';
import type { ConfidenceOptions } from './bootstrap/confidence-options.js';

/**
 * Aggregation over images. `'dataset'` (default): sum the counts over every image, then compute (what
 * mmsegmentation, cityscapesScripts, detectron2, Keras and torchmetrics' JaccardIndex do). `'image'`:
 * compute per image, then average as `imageReduce` says (needs a matrix with `perImage: true`).
 */
export type Aggregate = 'dataset' | 'image';

/**
 * How `aggregate: 'image'` reduces the (image, class) grid of values to one number:
 * - `'per-class'` (default): per class, the mean over the images where the class's value is defined;
 *   then the class average;
 * - `'per-image'`: per image, the class average (e.g. the image's mIoU); then the mean over images;
 * - `'pooled'`: the mean over every defined (image, class) pair (torchmetrics `segmentation.MeanIoU`).
 */
export type ImageReduce = 'per-class' | 'per-image' | 'pooled';

/**
 * Averaging over classes: `'macro'` (default, unweighted mean of the defined class values),
 * `'micro'` (pool TP, FP, FN, TN over the classes, then compute once), `'weighted'` (mean weighted by
 * ground-truth support), `'none'` (per-class values only: class means in the summary are NaN).
 */
export type Average = 'macro' | 'micro' | 'weighted' | 'none';

/**
 * Absent-class policy: the value of a 0/0 ratio, e.g. the IoU of a class that is neither in the
 * ground truth nor predicted in a unit (the dataset, or one image). `'nan'` (default): undefined,
 * skipped by every mean, `null` in JSON. `'zero'` / `'one'` / a number: that value, counted in means.
 * A class that is predicted but not in the ground truth is not absent: its IoU is 0 and counts.
 */
export type AbsentPolicy = 'nan' | 'zero' | 'one' | number;

/** Names of the compatibility presets (see {@link presets}). */
export type PresetName = 'mmseg' | 'torchmetrics-jaccard' | 'torchmetrics-meaniou' | 'sklearn' | 'keras';

/** Behaviours of other libraries that the three choices alone do not express (set by presets). */
export interface Quirks {
  /**
   * Value shown in per-class results for classes absent from the whole dataset, while means still skip
   * them: torchmetrics JaccardIndex shows 0 (`average='none'`), torchmetrics MeanIoU shows −1.
   */
  readonly perClassAbsentValue: number | null;
  /** Value of a class mean over no defined value (Keras: 0). `null`: the absent policy value. */
  readonly emptyMeanValue: number | null;
  /** Value of a micro average whose pooled denominator is 0 (torchmetrics: 0). `null`: the absent policy value. */
  readonly microZeroDivision: number | null;
  /** F-beta from precision and recall, NaN-propagating (mmsegmentation), instead of from counts. */
  readonly fscoreFrom: 'counts' | 'precision-recall';
}

/** Options of {@link evaluate}, {@link Evaluator} and the convenience functions. */
export interface EvaluateOptions {
  /**
   * A compatibility preset: sets the three choices and the quirks of another library. Options a preset
   * fixes may not be overridden (INVALID_OPTION); the ones it leaves open (e.g. `average` for
   * `'torchmetrics-jaccard'`, `absent` for `'mmseg'`'s `nan_to_num`) may.
   */
  preset?: PresetName;
  /** Default `'dataset'`. */
  aggregate?: Aggregate;
  /** Only with `aggregate: 'image'`; default `'per-class'`. */
  imageReduce?: ImageReduce;
  /** Default `'macro'`. */
  average?: Average;
  /** Default `'nan'`. */
  absent?: AbsentPolicy;
  /** Class ids left out of class means (e.g. `[0]` for background). Per-class values still appear. */
  excludeClasses?: readonly number[];
  /** One name per class; default the class ids as strings. */
  classNames?: readonly string[];
  /** F-beta's β; default 1. */
  beta?: number;
  /** Tversky index weight of false positives; default 0.5. */
  tverskyAlpha?: number;
  /** Tversky index weight of false negatives; default 0.5. */
  tverskyBeta?: number;
  /** How many confused class pairs the report lists; default 10. */
  topConfusedPairs?: number;
  /** Include per-image results; default `true` when the matrix keeps per-image statistics. */
  perImage?: boolean;
  /**
   * Add bootstrap confidence intervals to the report (`report.confidence`, see
   * {@link bootstrapConfidence}): `{ level, samples, seed }`, each optional (0.95, 1000, 0). Needs
   * per-image statistics. Default: none.
   */
  confidence?: ConfidenceOptions;
}

/** The settings that produced a report: everything needed to compare two numbers honestly. */
export interface EvaluationSettings {
  readonly preset: PresetName | null;
  readonly aggregate: Aggregate;
  /** `null` under `aggregate: 'dataset'`. */
  readonly imageReduce: ImageReduce | null;
  readonly average: Average;
  readonly absent: AbsentPolicy;
  readonly beta: number;
  readonly tverskyAlpha: number;
  readonly tverskyBeta: number;
  /** Sorted, unique. */
  readonly excludeClasses: readonly number[];
  readonly classNames: readonly string[];
  readonly numClasses: number;
  /** The matrix's ignore labels (sorted). */
  readonly ignoreIndex: readonly number[];
  /** The matrix's label mapping (`null`: none). */
  readonly labelMapping: NormalizedLabelMapping | null;
  readonly quirks: Quirks;
}

/** The number an {@link AbsentPolicy} stands for. */
export function absentValue(policy: AbsentPolicy): number {
  if (policy === 'nan') return Number.NaN;
  if (policy === 'zero') return 0;
  if (policy === 'one') return 1;
  return policy;
}
