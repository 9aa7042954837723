import type { ConfusionMatrix } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { type ConfidenceIntervals, confidenceIntervals } from './bootstrap/bootstrap-confidence.js';
import { resolveConfidenceOptions } from './bootstrap/confidence-options.js';
import type { boundaryIoU } from './boundary-iou.js';
import { type ConfusedPair, confusedPairs } from './confused-pairs.js';
import { Engine } from './internal/engine.js';
import { perImageResults } from './internal/per-image-results.js';
import { resolveOptions } from './internal/resolve-options.js';
import { sharedStacks } from './internal/shared-stacks.js';
import type { StackCache } from './internal/stacked-units.js';
import { summaryOf } from './internal/summary-of.js';
import { iouMetric } from './iou.js';
import { metricRegistry, type PerClassMetricId, type SummaryId } from './metric-registry.js';
import type { EvaluateOptions, EvaluationSettings } from './settings.js';
import { version } from './version.js';

/**
 * Summary values by id: class means (mIoU, mDice, mFscore, mPrecision, mRecall, mAcc, …) and aAcc, fwIoU,
 * kappa; `mBoundaryIoU` when the matrix counts Boundary IoU.
 */
export type Summary = Readonly<
  Record<SummaryId, number> & {
    /**
     * The class mean of {@link PerClassResult.boundaryIoU} under the report's averaging, aggregation
     * and absent policy (present exactly when the matrix was created with `boundary`).
     */
    mBoundaryIoU?: number;
  }
>;

/**
 * One class's results: its dataset counts and every per-class metric under the report's settings
 * (with `aggregate: 'image'`, each ratio is the class's mean over the images where it is defined).
 */
export type PerClassResult = Readonly<
  {
    id: number;
    name: string;
    tp: number;
    fp: number;
    fn: number;
    tn: number;
    /**
     * Boundary IoU of the class (Cheng et al., CVPR 2021; see {@link boundaryIoU}): |Gb ∩ Pb| / |Gb ∪ Pb|
     * with intersections and unions summed over the dataset (`aggregate: 'dataset'`), or the class's
     * mean over the images where it is defined (`'image'`, from each image's boundary counts). A class
     * with a boundary union of 0 is absent (the absent policy value, NaN by default). Present exactly
     * when the matrix was created with `boundary`.
     */
    boundaryIoU?: number;
  } & Record<PerClassMetricId, number>
>;

/** One image's results (canonical order: sorted by sample id). */
export type PerImageResult = Readonly<
  {
    sampleId: string | null;
    /** Counted (non-ignored) pixels. */
    pixels: number;
    /** Pixels whose ground truth is ignored. */
    ignoredPixels: number;
    /** Classes in the image's ground truth or prediction. */
    presentClasses: number;
    /** Classes predicted in the image but not in its ground truth. */
    predictedOnlyClasses: readonly number[];
    /**
     * IoU of every class present in the image (in its ground truth or its prediction) and not
     * excluded from means, lowest first (ties by class id): the classes that hurt the image most come
     * first. Classes absent from the image (0/0) are not listed.
     */
    classIoU: readonly ImageClassIoU[];
    /** The image's class mean of Boundary IoU (present exactly when the matrix counts it). */
    mBoundaryIoU?: number;
  } & Record<SummaryId, number>
>;

/** One class's IoU in one image (see {@link PerImageResult.classIoU}). */
export interface ImageClassIoU {
  readonly id: number;
  readonly iou: number;
}

/** Which images `evaluate`'s `perImage: { worst }` listed (see {@link EvaluationReport.perImageSelection}). */
export interface PerImageSelectionResult {
  /** The per-image value that ranked the images (worst first: lowest where higher is better). */
  readonly by: SummaryId;
  /** Images asked for; fewer are listed when the matrix has fewer. */
  readonly worst: number;
  /** Images in the matrix (all of them were ranked). */
  readonly images: number;
  /** Canonical (sample-id order) index of each listed image, in the listed order. */
  readonly indices: readonly number[];
}

/** A self-describing evaluation result. NaN stays NaN here; JSON writers print `null`. */
export interface EvaluationReport {
  /** The settings that produced every number below. */
  readonly settings: EvaluationSettings;
  readonly summary: Summary;
  readonly perClass: readonly PerClassResult[];
  /** Classes neither in the ground truth nor predicted anywhere (0/0: the absent policy applies). */
  readonly absentClasses: readonly number[];
  /**
   * Classes predicted but not in the ground truth: IoU 0, counted in means (NaN and skipped under
   * `predictedOnly: 'skip'`).
   */
  readonly predictedOnlyClasses: readonly number[];
  /** The largest off-diagonal cells (see {@link confusedPairs}). */
  readonly confusedPairs: readonly ConfusedPair[];
  /**
   * Per image, when the matrix keeps per-image statistics (or `perImage: true` was asked): every image
   * in canonical order, or with `perImage: { worst }` only the worst images, worst first (see
   * {@link perImageSelection}).
   */
  readonly perImage?: readonly PerImageResult[];
  /**
   * Present exactly when `perImage: { worst }` selected the images listed in {@link perImage}: the value
   * that ranked them, how many were asked, how many images there are, and each listed image's index in
   * canonical (sample-id) order.
   */
  readonly perImageSelection?: PerImageSelectionResult;
  /** Bootstrap confidence intervals, when the `confidence` option asked for them. */
  readonly confidence?: ConfidenceIntervals;
  /** Images counted. */
  readonly images: number;
  /**
   * Pixels counted: ground truth not ignored, minus the {@link droppedPixels} (the sum of the per-class
   * supports).
   */
  readonly pixels: number;
  /** Pixels whose ground truth is ignored. */
  readonly ignoredPixels: number;
  /**
   * Pixels with a ground-truth class that the convention does not count at all: in no class's support,
   * neither a hit nor a miss, and not in {@link pixels}. Only `quirks.outOfRangeIgnorePredictions:
   * 'drop'` drops pixels (preset `'keras'`: Keras 3 discards a prediction outside [0, num_classes), such
   * as 255, before it builds its confusion matrix), and then drops every counted pixel predicted as an
   * ignore label; 0 under every other convention, where such a pixel is a miss of its class (or also a
   * prediction of another label). `pixels + ignoredPixels + droppedPixels` is every pixel of the matrix.
   * Dataset counts only: per-image results count such pixels as misses.
   */
  readonly droppedPixels: number;
  /** Version of @segmetrics/metrics. */
  readonly version: string;
}

/**
 * Evaluates a confusion matrix: every registry metric per class and as summaries, under three
 * explicit choices (aggregation over images, averaging over classes, absent-class policy) or a
 * compatibility preset, returned with the settings that produced them and the package version.
 *
 * Defaults (`aggregate: 'dataset'`, `average: 'macro'`, `absent: 'nan'`) reproduce mmsegmentation's
 * dataset IoU, Acc, Dice, Precision, Recall, aAcc and fwIoU: per class NaN for 0/0, means skip NaN.
 * The default F-score is count-based (F1 = Dice, a predicted-only class scores 0); the `'mmseg'`
 * preset reproduces mmsegmentation's precision/recall-based F-score.
 *
 * A matrix created with `boundary` also gets Boundary IoU (Cheng et al., CVPR 2021): `perClass[k].boundaryIoU`,
 * `summary.mBoundaryIoU` (and `perImage[i].mBoundaryIoU`), IoU computed on the boundary counts under the
 * same averaging, aggregation and absent policy (a class whose boundary union is 0 is absent).
 *
 * Throws `INVALID_OPTION` / `UNKNOWN_PRESET` for bad options, and `PER_IMAGE_DISABLED` when image
 * aggregation (or `perImage: true`) is asked of a matrix created without `perImage: true`. An empty
 * matrix is not an error: every ratio is 0/0 and takes the absent policy value.
 *
 * @example
 * const report = evaluate(matrix, { excludeClasses: [0] });
 * report.summary.mIoU; // e.g. 0.7049
 * report.perClass[3].iou; // NaN when class 3 is absent
 */
export function evaluate(matrix: ConfusionMatrix, options: EvaluateOptions = {}): EvaluationReport {
  const resolved = resolveOptions(matrix.settings, options);
  const { settings } = resolved;
  const engine = new Engine(matrix, settings, 'mask', sharedStacks(matrix));
  const confidence = options.confidence === undefined ? null : resolveConfidenceOptions(options.confidence);
  const wantImages = resolved.perImage !== false && (resolved.perImage !== undefined || engine.hasImages);
  const selection = typeof resolved.perImage === 'object' ? resolved.perImage : null;
  if (wantImages && !engine.hasImages) {
    throw new SegmetricsError(
      ErrorCode.PER_IMAGE_DISABLED,
      'perImage results need per-image statistics: create the ConfusionMatrix with perImage: true',
      { context: { option: 'perImage', value: resolved.perImage ?? true } },
    );
  }

  const c = settings.numClasses;
  const columns = new Map<string, Float64Array>();
  for (const metric of metricRegistry) {
    if (metric.kind === 'per-class') columns.set(metric.id, engine.perClass(metric));
  }
  const boundary = matrix.settings.boundary === null ? null : engine.boundary();
  const boundaryColumn = boundary === null ? null : boundary.perClass(iouMetric);
  const { dataset } = engine;
  const perClass: PerClassResult[] = [];
  const absentClasses: number[] = [];
  const predictedOnlyClasses: number[] = [];
  for (let k = 0; k < c; k++) {
    const entry: Record<string, unknown> = {
      id: k,
      name: settings.classNames[k],
      tp: dataset.tp[k],
      fp: dataset.fp[k],
      fn: dataset.fn[k],
      tn: dataset.tn[k],
    };
    for (const [id, values] of columns) entry[id] = values[k];
    if (boundaryColumn !== null) entry.boundaryIoU = boundaryColumn[k];
    perClass.push(entry as PerClassResult);
    if (dataset.support[k] === 0) {
      if (dataset.predicted[k] === 0) absentClasses.push(k);
      else predictedOnlyClasses.push(k);
    }
  }

  const images = wantImages ? perImageResults(engine, boundary, selection) : null;
  // The matrix's values, computed once: the summary shows them, the bootstrap's self-check compares with them.
  const known = { summary: withBoundary(summaryOf(engine), boundary), iou: columns.get(iouMetric.id)! };
  const report: EvaluationReport = {
    settings,
    summary: known.summary,
    perClass,
    absentClasses,
    predictedOnlyClasses,
    // Shares of the supports the per-class results show (smaller than the matrix's when pixels are dropped).
    confusedPairs: confusedPairs(matrix, {
      top: resolved.topConfusedPairs,
      classNames: settings.classNames,
      support: dataset.support.subarray(0, c),
    }),
    ...(images === null
      ? {}
      : {
          perImage: images.results,
          ...(selection === null
            ? {}
            : {
                perImageSelection: {
                  by: selection.by,
                  worst: selection.worst,
                  images: engine.images.length,
                  indices: images.indices,
                },
              }),
        }),
    ...(confidence === null ? {} : { confidence: confidenceIntervals(matrix, settings, confidence, known) }),
    images: matrix.images,
    pixels: dataset.total,
    ignoredPixels: matrix.ignoredPixels,
    droppedPixels: matrixPixels(matrix) - dataset.total,
    version,
  };
  return report;
}

/**
 * The matrix's pixels with a ground-truth class (each row's pixels plus those predicted as an ignore
 * label): what the dataset counts hold unless the convention drops some of them.
 */
function matrixPixels(matrix: ConfusionMatrix): number {
  let total = 0;
  for (const v of matrix.counts) total += v;
  for (const v of matrix.predictedIgnore) total += v;
  return total;
}

/** An engine's summary values (`summaryOf`), with `mBoundaryIoU` when boundary counts are kept. */
function withBoundary(summary: Record<string, number>, boundary: Engine | null): Summary {
  return {
    ...summary,
    ...(boundary === null ? {} : { mBoundaryIoU: boundary.classSummary(iouMetric) }),
  } as Summary;
}

/**
 * `evaluate(matrix, options).summary`, computed alone: the same values and errors, without the
 * per-class table, confused pairs or per-image results (for callers that compare summaries, such as
 * {@link comparePresets}, which evaluates every preset). `options.perImage` and `options.confidence`
 * are ignored. `stacks`: image stacks to share with other summaries of the same, unchanged matrix.
 * `images: false` evaluates the matrix as if it had no per-image statistics (the same values and
 * errors as on a copy of it made without them).
 */
export function evaluateSummary(
  matrix: ConfusionMatrix,
  options: EvaluateOptions = {},
  stacks: StackCache | null = null,
  images = true,
): Summary {
  const { settings } = resolveOptions(matrix.settings, options);
  const engine = new Engine(matrix, settings, 'mask', stacks, images);
  return withBoundary(summaryOf(engine), matrix.settings.boundary === null ? null : engine.boundary());
}
