import {
  type ConfusionMatrixSettings,
  ErrorCode,
  type ImageStats,
  type InstanceStats,
  SegmetricsError,
} from '@segmetrics/core';
import { cityscapesLabels } from './cityscapes-labels.js';

/**
 * One ground-truth instance of one image, as core's per-image instance statistics keep it: its id
 * (`labelId * 1000 + k` in `*_gtFine_instanceIds.png`), its pixel count and the histogram of the RAW
 * (unmapped) prediction values over its pixels, `[value, count]` sorted by value.
 */
export type CityscapesInstance = InstanceStats;

/**
 * What the Cityscapes scores read from a core `ConfusionMatrix` (state v2): the C×C counts (rows =
 * ground truth), the per-class predicted-as-ignored column and its split by raw prediction value
 * (`splitPredictedIgnore`), the ignored ground-truth pixels by raw value (`splitIgnoredGroundTruth`) and
 * the per-image instance statistics (`instances`, `perImage`). A core `ConfusionMatrix` is one.
 */
export interface CityscapesMatrix {
  readonly settings: Pick<
    ConfusionMatrixSettings,
    'numClasses' | 'ignoreIndex' | 'labelMapping' | 'perImage' | 'instances' | 'splitPredictedIgnore'
  >;
  /** Row-major C×C counts over trainIds (rows = ground truth). */
  readonly counts: Float64Array;
  /** Per ground-truth class: pixels predicted as an ignored value (a miss). */
  readonly predictedIgnore: Float64Array;
  /** `predictedIgnore` split by raw prediction value (`null` unless `splitPredictedIgnore`). */
  readonly predictedIgnoreByValue: ReadonlyMap<number, Float64Array> | null;
  /** Pixels whose ground truth is ignored. */
  readonly ignoredPixels: number;
  /**
   * The ignored pixels split by raw ground-truth value, then by raw prediction value (pixels), when the
   * matrix keeps them (core's `splitIgnoredGroundTruth`): the rows of void and other ignored labelIds in
   * cityscapesScripts' 34×34 `confMatrix`. Without it (`null`, or a state counted before the option
   * existed) those rows and their priors are unknown.
   */
  readonly ignoredGroundTruthByValue?: ReadonlyMap<number, ReadonlyMap<number, number>> | null;
  /** Per image, in canonical order (sorted by sample id); read only when `instances` is set. */
  readonly imageStats: readonly Pick<ImageStats, 'sampleId' | 'instances'>[];
}

/** cityscapesScripts counts an instance id as an instance when it is `> 1000`. */
export const CITYSCAPES_MIN_INSTANCE_ID = 1001;

const NUM_CLASSES = 19;

/**
 * Throws `INVALID_OPTION` unless `matrix` counted Cityscapes labelIds: 19 classes, ignore 255, the
 * labelId → trainId table (every labelId 0 … 33, applied to both maps, no reduce-zero-label), and —
 * when instances are counted — instance ids from 1001 and predicted-ignore split by value.
 */
export function checkCityscapesMatrix(matrix: CityscapesMatrix): void {
  const { settings } = matrix;
  const mapping = settings.labelMapping;
  const problems: string[] = [];
  if (settings.numClasses !== NUM_CLASSES) problems.push(`numClasses is ${settings.numClasses}, not 19`);
  if (settings.ignoreIndex.length !== 1 || settings.ignoreIndex[0] !== 255) {
    problems.push(`ignoreIndex is [${settings.ignoreIndex.join(', ')}], not [255]`);
  }
  if (mapping === null) {
    problems.push('no labelId → trainId mapping');
  } else {
    if (mapping.reduceZeroLabel) problems.push('reduceZeroLabel is set');
    if (mapping.applyTo !== 'both') problems.push(`the mapping applies to '${mapping.applyTo}' only`);
    const table = new Map(mapping.table.map(([raw, mapped]) => [raw, mapped ?? 255]));
    const wrong = cityscapesLabels.find((label) => table.get(label.id) !== label.trainId);
    if (wrong !== undefined) {
      problems.push(
        `labelId ${wrong.id} (${wrong.name}) maps to ${table.get(wrong.id)}, not ${wrong.trainId}`,
      );
    }
    const extra = [...table].find(([raw, mapped]) => !(raw >= 0 && raw <= 33) && mapped !== 255);
    if (extra !== undefined) problems.push(`raw value ${extra[0]} maps to class ${extra[1]}`);
  }
  const instances = settings.instances;
  if (instances !== null) {
    if (instances.minInstanceId > CITYSCAPES_MIN_INSTANCE_ID) {
      problems.push(
        `instances.minInstanceId is ${instances.minInstanceId}; cityscapesScripts counts ids > 1000`,
      );
    }
    if (settings.splitPredictedIgnore !== true) {
      problems.push('instances are counted but splitPredictedIgnore is off (category iIoU needs it)');
    }
  }
  if (problems.length > 0) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `Cityscapes scores need a matrix counted with the Cityscapes labelIds settings (dataset preset ` +
        `cityscapes-labelids): ${problems.join('; ')}`,
      { context: { option: 'matrix', problems } },
    );
  }
}

/** Whether the matrix keeps per-image instance statistics. */
export function hasInstanceStats(matrix: CityscapesMatrix): boolean {
  return matrix.settings.instances !== null;
}
