import type { NormalizedLabelMapping } from '@segmetrics/core';
import type { ConfidenceOptions } from './bootstrap/confidence-options.js';
import type { SummaryId } from './metric-registry.js';

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

/**
 * What a class that is predicted but not in the ground truth of a unit (the dataset, or one image) scores:
 * `'score'` (default): its ratios are computed (IoU 0/FP = 0, precision 0, …) and count in every mean;
 * `'skip'`: the class is not evaluated in that unit: its per-class ratios are NaN and every mean (and the
 * pooled counts of `'micro'`) leaves it out — detectron2's `SemSegEvaluator` and MONAI's
 * `ignore_empty=True`. Counts (`support`, `predicted`) and pixel-level figures (`aAcc`, `kappa`, `fwIoU`)
 * do not change.
 */
export type PredictedOnlyPolicy = 'score' | 'skip';

/** Names of the compatibility presets (see {@link presets}). */
export type PresetName =
  | 'mmseg'
  | 'torchmetrics-jaccard'
  | 'torchmetrics-meaniou'
  | 'torchmetrics-dice'
  | 'torchmetrics-generalized-dice'
  | 'sklearn'
  | 'keras'
  | 'detectron2'
  | 'monai';

/**
 * The value of one preset parameter (named after the library's own parameter): a boolean, a number, a
 * string from a fixed list, a list of class ids, or `null` (the library's `None`).
 */
export type PresetOptionValue = boolean | number | string | readonly number[] | null;

/** Preset parameters by the library's own names, e.g. `{ labels: [0, 2, 5], zero_division: 1 }`. */
export type PresetOptions = Readonly<Record<string, PresetOptionValue>>;

/** Behaviours of other libraries that the three choices alone do not express (set by presets). */
export interface Quirks {
  /**
   * Value shown in per-class results for classes absent from the whole dataset, in place of their 0/0
   * (NaN) values, while means still skip them: torchmetrics JaccardIndex shows 0 (`average='none'`),
   * torchmetrics MeanIoU shows −1. A ratio an absent class still has (specificity, tn / (tn + fp)) is
   * kept, as the means use it.
   */
  readonly perClassAbsentValue: number | null;
  /**
   * Value of a class mean over no defined value (Keras, MONAI: 0), of an imagewise per-class mean over no
   * image and of the mean over images when no image has a value. `null`: the absent policy value. (Under
   * image aggregation an image whose class mean is over nothing is left out of the mean over images.)
   */
  readonly emptyMeanValue: number | null;
  /** Value of a micro average whose pooled denominator is 0 (torchmetrics: 0). `null`: the absent policy value. */
  readonly microZeroDivision: number | null;
  /** F-beta from precision and recall, NaN-propagating (mmsegmentation), instead of from counts. */
  readonly fscoreFrom: 'counts' | 'precision-recall';
  /**
   * A counted pixel predicted as an ignore label v that is a class id (v in [0, C)): `'miss'` (default:
   * only a false negative of its ground-truth class) or `'class'` (also a prediction of class v, an FP of
   * v), as every library that masks the ground truth only does (mmsegmentation, torchmetrics,
   * scikit-learn, Keras, detectron2).
   */
  readonly inRangeIgnorePredictions: 'miss' | 'class';
  /**
   * A counted pixel predicted as an ignore label outside [0, C) (e.g. 255): `'miss'` (default,
   * mmsegmentation), `'drop'` (the pixel is not counted at all: Keras 3 drops out-of-range predictions;
   * dataset counts only) or `'label'` (the value is one more label, with no ground truth: scikit-learn
   * with `labels=None`).
   */
  readonly outOfRangeIgnorePredictions: 'miss' | 'drop' | 'label';
  /**
   * Classes absent from a unit (neither in its ground truth nor predicted) are not evaluated there: NaN
   * per class and left out of every mean whatever the absent policy, which then only gives the value of
   * the other 0/0 ratios (scikit-learn's `labels=None`: such a class is not a label). A class mean over
   * no class is then NaN (NumPy's mean of nothing: a unit with no counted pixel has no label), unless
   * `emptyMeanValue` says otherwise.
   */
  readonly absentClassesSkipped: boolean;
  /**
   * A weighted class mean whose included classes have no ground truth (weights summing to 0):
   * `'empty'` (default: the value of a mean over nothing), `'zero-if-defined'` (0 when some class value is
   * defined: torchmetrics `DiceScore`), `'sklearn'` (scikit-learn: `jaccard_score` falls back to the
   * unweighted mean; precision and F-beta are 0 when anything was predicted, else `zero_division`;
   * recall is `zero_division`).
   */
  readonly weightedWithoutSupport: 'empty' | 'zero-if-defined' | 'sklearn';
  /**
   * Class weights of the pooled counts of `average: 'micro'`: `'none'` (default), or per unit 1/support
   * (`'inverse-support'`) or 1/support² (`'inverse-support-squared'`), with weight 0 for a class without
   * ground truth in the unit (torchmetrics `GeneralizedDiceScore` with `weight_type` `'simple'` /
   * `'square'`, one image per update).
   */
  readonly microClassWeights: 'none' | 'inverse-support' | 'inverse-support-squared';
  /**
   * scikit-learn's `average='binary'` (`pos_label`): this class alone is evaluated (the others are
   * excluded), and the counted pixels must hold at most two labels (the classes in the ground truth or
   * the prediction, and an ignore label outside the classes predicted on them), this class among them
   * when there are two; otherwise evaluation throws INVALID_OPTION, where scikit-learn raises
   * `ValueError`. `null`: no such check.
   */
  readonly binaryPositiveLabel: number | null;
  /**
   * The dataset's fwIoU when the included classes have no ground-truth pixel (0/0): detectron2's sum over
   * no class, 0 (an image's fwIoU stays NaN then). `null`: the absent policy value.
   */
  readonly fwIoUWithoutSupport: number | null;
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
  /** Predicted-only classes: `'score'` (default) or `'skip'` (see {@link PredictedOnlyPolicy}). */
  predictedOnly?: PredictedOnlyPolicy;
  /**
   * The preset's parameters by the library's own names (e.g. `{ labels: [0, 2, 5] }` for `'sklearn'`);
   * each preset lists them in `presets[name].parameters`. Unknown names and bad values throw
   * INVALID_OPTION; without `preset` this option is an error.
   */
  presetOptions?: PresetOptions;
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
  /**
   * Include per-image results; default `true` when the matrix keeps per-image statistics.
   * `{ worst: n, by? }` lists only the n worst images by the per-image value `by` (default `'mIoU'`;
   * worst = lowest where higher is better, images whose value is NaN last, ties in sample-id order:
   * `rankImages`' order), worst first, with `report.perImageSelection` saying so: the values of a listed
   * image are those of the full list, and the others are computed only as far as ranking needs (the
   * HTML report's worst images on a large dataset).
   */
  perImage?: boolean | PerImageSelection;
  /**
   * Add bootstrap confidence intervals to the report (`report.confidence`, see
   * {@link bootstrapConfidence}): `{ level, samples, seed }`, each optional (0.95, 1000, 0). Needs
   * per-image statistics. Default: none.
   */
  confidence?: ConfidenceOptions;
}

/** `EvaluateOptions.perImage: { worst, by }`: per-image results of the worst images only. */
export interface PerImageSelection {
  /** How many images to list: an integer ≥ 0 (all of them when the matrix has fewer). */
  readonly worst: number;
  /** The per-image summary value that ranks the images; default `'mIoU'`. */
  readonly by?: SummaryId;
}

/** The settings that produced a report: everything needed to compare two numbers honestly. */
export interface EvaluationSettings {
  readonly preset: PresetName | null;
  readonly aggregate: Aggregate;
  /** `null` under `aggregate: 'dataset'`. */
  readonly imageReduce: ImageReduce | null;
  readonly average: Average;
  readonly absent: AbsentPolicy;
  readonly predictedOnly: PredictedOnlyPolicy;
  /** Every parameter of the preset, resolved (defaults filled in); `null` without a preset. */
  readonly presetOptions: PresetOptions | null;
  readonly beta: number;
  readonly tverskyAlpha: number;
  readonly tverskyBeta: number;
  /** Sorted, unique; includes the classes a preset's parameters leave out (e.g. sklearn `labels`). */
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
