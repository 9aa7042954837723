import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { cityscapesLabels } from './cityscapes-labels.js';
import { type CityscapesMatrix, checkCityscapesMatrix } from './cityscapes-matrix.js';
import { cityscapesLabelScores } from './cityscapes-scores.js';
import { meanSkippingNaN } from './internal/mean-skipping-nan.js';

/**
 * cityscapesScripts' `resultPixelLevelSemanticLabeling.json`, key by key. NaN stays NaN here (the JSON
 * text writes `null`); a `confMatrix` cell or prior that the matrix cannot know is `null` (see
 * {@link CityscapesResult.complete}).
 */
export interface CityscapesResult {
  readonly averageScoreCategories: number;
  readonly averageScoreClasses: number;
  readonly averageScoreInstCategories: number;
  readonly averageScoreInstClasses: number;
  /** The 8 categories (void included) → category iIoU (NaN except human and vehicle). */
  readonly categoryInstScores: Readonly<Record<string, number>>;
  readonly categoryScores: Readonly<Record<string, number>>;
  /** The 34 label names → class iIoU (NaN for ignored labels and labels without instances). */
  readonly classInstScores: Readonly<Record<string, number>>;
  /** The 34 label names → class IoU (NaN for ignored labels). */
  readonly classScores: Readonly<Record<string, number>>;
  /** 34×34 pixel counts over labelIds, rows = ground truth, every pixel (ignored ground truth too). */
  readonly confMatrix: readonly (readonly (number | null)[])[];
  /** Label name → labelId. */
  readonly labels: Readonly<Record<string, number>>;
  /** Label name → share of all pixels whose ground truth is the label (row sum / total). */
  readonly priors: Readonly<Record<string, number | null>>;
  /**
   * False when the rows of ignored ground-truth labels (and their priors) are unknown — `null` — because
   * the matrix does not keep ignored pixels by value (counted without `splitIgnoredGroundTruth`, e.g. a
   * state saved before the option existed). Every score is exact either way.
   */
  readonly complete: boolean;
}

const L = cityscapesLabels.length;
const C = 19;

/**
 * The result of cityscapesScripts' `evalPixelLevelSemanticLabeling.py` (its default settings: IoU and
 * iIoU of classes and categories), computed from a matrix counted with the `cityscapes-labelids`
 * settings: the four score dictionaries and their averages ({@link cityscapesLabelScores}), the
 * 34×34 labelId confusion matrix, each label's prior and the label ids.
 *
 * The confusion matrix is rebuilt from the counts: rows of evaluated labels from the C×C counts and
 * the predicted-ignore column split by value; rows of ignored ground-truth labels need
 * `ignoredGroundTruthByValue` (core's `splitIgnoredGroundTruth`; `null` cells otherwise, `complete:
 * false`). Throws `LABEL_OUT_OF_RANGE` when a
 * prediction value outside 0 … 33 was counted (cityscapesScripts has no column for it).
 */
export function cityscapesResult(matrix: CityscapesMatrix): CityscapesResult {
  checkCityscapesMatrix(matrix);
  const scores = cityscapesLabelScores(matrix);
  const conf = labelIdMatrix(matrix);
  let total = matrix.ignoredPixels;
  for (let g = 0; g < C; g++) {
    total += matrix.predictedIgnore[g]!;
    for (let p = 0; p < C; p++) total += matrix.counts[g * C + p]!;
  }
  const priors: Record<string, number | null> = {};
  const labels: Record<string, number> = {};
  for (const label of cityscapesLabels) {
    const row = conf.rows[label.id]!;
    let sum: number | null = 0;
    for (const cell of row) sum = sum === null || cell === null ? null : sum + cell;
    priors[label.name] = sum === null ? null : sum / total;
    labels[label.name] = label.id;
  }
  return {
    averageScoreCategories: meanSkippingNaN(scores.categoryScores.values()),
    averageScoreClasses: meanSkippingNaN(scores.classScores.values()),
    averageScoreInstCategories: meanSkippingNaN(scores.categoryInstScores.values()),
    averageScoreInstClasses: meanSkippingNaN(scores.classInstScores.values()),
    categoryInstScores: Object.fromEntries(scores.categoryInstScores),
    categoryScores: Object.fromEntries(scores.categoryScores),
    classInstScores: Object.fromEntries(scores.classInstScores),
    classScores: Object.fromEntries(scores.classScores),
    confMatrix: conf.rows,
    labels,
    priors,
    complete: conf.complete,
  };
}

/** The 34×34 labelId matrix; `null` where the matrix does not know the count. */
function labelIdMatrix(matrix: CityscapesMatrix): { rows: (number | null)[][]; complete: boolean } {
  const split = matrix.predictedIgnoreByValue ?? null;
  const ignored = matrix.ignoredGroundTruthByValue ?? null;
  for (const [value, column] of split ?? []) {
    if (value >= 0 && value < L) continue;
    const pixels = column.reduce((a, b) => a + b, 0);
    if (pixels === 0) continue;
    throw outOfRange(value, pixels);
  }
  let complete = true;
  const rows: (number | null)[][] = [];
  for (const gt of cityscapesLabels) {
    const row: (number | null)[] = [];
    if (!gt.ignoreInEval) {
      const g = gt.trainId;
      for (const pred of cityscapesLabels) {
        if (!pred.ignoreInEval) row.push(matrix.counts[g * C + pred.trainId]!);
        else if (split !== null) row.push(split.get(pred.id)?.[g] ?? 0);
        else row.push(matrix.predictedIgnore[g] === 0 ? 0 : null);
      }
    } else if (ignored !== null) {
      const counts = ignored.get(gt.id);
      for (const [value, pixels] of counts ?? []) {
        if (pixels !== 0 && !(value >= 0 && value < L)) throw outOfRange(value, pixels);
      }
      for (const pred of cityscapesLabels) row.push(counts?.get(pred.id) ?? 0);
    } else {
      row.push(...cityscapesLabels.map(() => null));
    }
    if (row.includes(null)) complete = false;
    rows.push(row);
  }
  return { rows, complete };
}

function outOfRange(value: number, pixels: number): SegmetricsError {
  return new SegmetricsError(
    ErrorCode.LABEL_OUT_OF_RANGE,
    `${pixels} pixels were predicted as ${value}, which is not a Cityscapes labelId (0 … 33): ` +
      `cityscapesScripts' 34×34 confMatrix has no column for it`,
    { context: { side: 'prediction', value, pixels } },
  );
}
