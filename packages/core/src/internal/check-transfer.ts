import { ErrorCode, SegmetricsError } from '../errors/segmetrics-error.js';
import {
  CONFUSION_MATRIX_TRANSFER_KIND,
  type ConfusionMatrixSettings,
  type ConfusionMatrixTransfer,
} from '../types.js';

function invalid(path: string, message: string): never {
  throw new SegmetricsError(
    ErrorCode.INVALID_STATE,
    `invalid confusion-matrix transfer: ${path} ${message}`,
    {
      context: { path },
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(path, 'must be a non-negative safe integer');
  }
}

/** A Float64Array of `length` non-negative safe integers (the element is named only when it is not one). */
function counts(value: unknown, length: number, path: string): void {
  if (!(value instanceof Float64Array) || value.length !== length) {
    invalid(path, `must be a Float64Array of ${length} counts`);
  }
  for (let i = 0; i < length; i++) {
    const v = value[i]!;
    if (!Number.isSafeInteger(v) || v < 0) count(v, `${path}[${i}]`);
  }
}

function boundaryCounts(value: unknown, c: number, path: string): void {
  if (!isRecord(value)) invalid(path, 'must be { tp, support, predicted }');
  counts(value.tp, c, `${path}.tp`);
  counts(value.support, c, `${path}.support`);
  counts(value.predicted, c, `${path}.predicted`);
}

function array(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) invalid(path, 'must be an array');
  return value;
}

/** `[rawValue, rest]`: a two-entry array whose first entry is a safe integer (a raw label value). */
function valuePair(value: unknown, path: string, shape: string): readonly unknown[] {
  const pair = array(value, path);
  if (pair.length !== 2 || typeof pair[0] !== 'number' || !Number.isSafeInteger(pair[0])) {
    invalid(path, `must be ${shape}`);
  }
  return pair;
}

/** `value` is `null` exactly when `absent`. */
function nullWhen(value: unknown, absent: boolean, path: string, setting: string): boolean {
  if ((value === null) !== absent) invalid(path, `must be ${absent ? 'null' : 'set'} when ${setting}`);
  return value !== null;
}

function imageStats(value: unknown, settings: ConfusionMatrixSettings, path: string): void {
  if (!isRecord(value)) invalid(path, 'must be an object');
  const c = settings.numClasses;
  if (value.sampleId !== null && typeof value.sampleId !== 'string')
    invalid(`${path}.sampleId`, 'must be a string or null');
  counts(value.tp, c, `${path}.tp`);
  counts(value.support, c, `${path}.support`);
  counts(value.predicted, c, `${path}.predicted`);
  count(value.ignored, `${path}.ignored`);
  if ((value.instances === undefined) !== (settings.instances === null)) {
    invalid(`${path}.instances`, `must be present exactly when settings.instances is set`);
  }
  if (value.instances !== undefined) {
    array(value.instances, `${path}.instances`).forEach((instance, i) => {
      const at = `${path}.instances[${i}]`;
      if (!isRecord(instance)) invalid(at, 'must be an object');
      count(instance.id, `${at}.id`);
      count(instance.pixels, `${at}.pixels`);
      array(instance.predictions, `${at}.predictions`).forEach((entry, j) => {
        const pair = valuePair(entry, `${at}.predictions[${j}]`, '[rawValue, pixels]');
        count(pair[1], `${at}.predictions[${j}][1]`);
      });
    });
  }
  if ((value.boundary === undefined) !== (settings.boundary === null)) {
    invalid(`${path}.boundary`, 'must be present exactly when settings.boundary is set');
  }
  if (value.boundary !== undefined) boundaryCounts(value.boundary, c, `${path}.boundary`);
}

/**
 * Checks the shape of a {@link ConfusionMatrixTransfer} against the settings of its options (already
 * validated by the constructor): kind, typed arrays of the right lengths holding non-negative safe
 * integers, the optional parts present exactly when their settings are on, unique sample ids and one
 * statistics entry per image under `perImage`. Throws INVALID_STATE naming the field (`context.path`).
 * It does not check that the parts sum to each other (`fromJSON` does, for files).
 */
export function checkTransfer(value: ConfusionMatrixTransfer, settings: ConfusionMatrixSettings): void {
  if (value.kind !== CONFUSION_MATRIX_TRANSFER_KIND)
    invalid('kind', `must be "${CONFUSION_MATRIX_TRANSFER_KIND}"`);
  const c = settings.numClasses;
  counts(value.counts, c * c, 'counts');
  counts(value.predictedIgnore, c, 'predictedIgnore');
  if (
    nullWhen(
      value.predictedIgnoreByValue,
      !settings.splitPredictedIgnore,
      'predictedIgnoreByValue',
      'splitPredictedIgnore is off',
    )
  ) {
    array(value.predictedIgnoreByValue, 'predictedIgnoreByValue').forEach((entry, i) => {
      const pair = valuePair(entry, `predictedIgnoreByValue[${i}]`, '[rawValue, counts]');
      counts(pair[1], c, `predictedIgnoreByValue[${i}][1]`);
    });
  }
  if (
    nullWhen(value.boundaryCounts, settings.boundary === null, 'boundaryCounts', 'settings.boundary is null')
  ) {
    boundaryCounts(value.boundaryCounts, c, 'boundaryCounts');
  }
  if (
    nullWhen(
      value.ignoredGroundTruthByValue,
      !settings.splitIgnoredGroundTruth,
      'ignoredGroundTruthByValue',
      'splitIgnoredGroundTruth is off',
    )
  ) {
    array(value.ignoredGroundTruthByValue, 'ignoredGroundTruthByValue').forEach((entry, i) => {
      const pair = valuePair(entry, `ignoredGroundTruthByValue[${i}]`, '[rawValue, [rawValue, pixels][]]');
      array(pair[1], `ignoredGroundTruthByValue[${i}][1]`).forEach((cell, j) => {
        const at = `ignoredGroundTruthByValue[${i}][1][${j}]`;
        count(valuePair(cell, at, '[rawValue, pixels]')[1], `${at}[1]`);
      });
    });
  }
  count(value.ignoredPixels, 'ignoredPixels');
  count(value.images, 'images');
  count(value.pixels, 'pixels');
  const ids = array(value.sampleIds, 'sampleIds');
  if (ids.length > value.images) invalid('sampleIds', `lists ${ids.length} ids for ${value.images} images`);
  if (ids.some((id) => typeof id !== 'string')) invalid('sampleIds', 'must hold strings');
  if (new Set(ids).size !== ids.length) invalid('sampleIds', 'repeats a sample id');
  const stats = array(value.imageStats, 'imageStats');
  if (stats.length !== (settings.perImage ? value.images : 0)) {
    invalid(
      'imageStats',
      `must hold ${settings.perImage ? value.images : 0} entries (one per image under perImage)`,
    );
  }
  stats.forEach((entry, i) => {
    imageStats(entry, settings, `imageStats[${i}]`);
  });
}
