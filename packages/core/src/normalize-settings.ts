import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';
import {
  type ConfusionMatrixOptions,
  type ConfusionMatrixSettings,
  type InstanceSettings,
  MAX_NUM_CLASSES,
  type NormalizedLabelMapping,
} from './types.js';

function fail(message: string, context: Record<string, unknown>): never {
  throw new SegmetricsError(ErrorCode.INVALID_OPTION, message, { context });
}

function checkInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(`${name} must be an integer, got ${String(value)}`, { option: name, value });
  }
  return value;
}

/** `undefined` → false; anything but a boolean is refused (no silent truthiness). */
function checkBoolean(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    fail(`${name} must be a boolean, got ${String(value)}`, { option: name, value });
  return value;
}

/**
 * Validates options and returns the canonical settings: ignore labels sorted and unique, the label
 * mapping table as sorted `[raw, mapped]` pairs, every default written out. Equal settings ⇔ mergeable
 * matrices. Throws INVALID_OPTION naming the option (and the limit, e.g. `numClasses` above
 * {@link MAX_NUM_CLASSES}).
 */
export function normalizeSettings(options: ConfusionMatrixOptions): ConfusionMatrixSettings {
  if (typeof options !== 'object' || options === null) fail('options must be an object', { value: options });
  const numClasses = checkInteger('numClasses', options.numClasses);
  if (numClasses < 1)
    fail(`numClasses must be at least 1, got ${numClasses}`, { option: 'numClasses', value: numClasses });
  if (numClasses > MAX_NUM_CLASSES) {
    fail(
      `numClasses must be at most ${MAX_NUM_CLASSES} (MAX_NUM_CLASSES: a C × C float64 matrix and its JSON state), got ${numClasses}`,
      { option: 'numClasses', value: numClasses, limit: MAX_NUM_CLASSES },
    );
  }
  const rawIgnore = options.ignoreIndex === undefined ? [] : [options.ignoreIndex].flat();
  const ignoreIndex = [...new Set(rawIgnore.map((v) => checkInteger('ignoreIndex', v)))].sort(
    (a, b) => a - b,
  );
  const perImage = checkBoolean('perImage', options.perImage);
  const instances = normalizeInstances(options.instances);
  if (instances !== null && !perImage) {
    fail('instances needs perImage: true (instance statistics are kept per image)', {
      option: 'instances',
      value: options.instances,
    });
  }
  return {
    numClasses,
    ignoreIndex,
    labelMapping: normalizeMapping(options.labelMapping),
    perImage,
    instances,
    splitPredictedIgnore: checkBoolean('splitPredictedIgnore', options.splitPredictedIgnore),
    splitIgnoredGroundTruth: checkBoolean('splitIgnoredGroundTruth', options.splitIgnoredGroundTruth),
  };
}

function normalizeInstances(value: unknown): InstanceSettings | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') fail('instances must be an object { minInstanceId }', { value });
  const { minInstanceId } = value as Record<string, unknown>;
  if (typeof minInstanceId !== 'number' || !Number.isSafeInteger(minInstanceId) || minInstanceId < 0) {
    fail(`instances.minInstanceId must be a non-negative integer, got ${String(minInstanceId)}`, {
      option: 'instances.minInstanceId',
      value: minInstanceId,
    });
  }
  return { minInstanceId };
}

function normalizeMapping(mapping: ConfusionMatrixOptions['labelMapping']): NormalizedLabelMapping | null {
  if (mapping === undefined || mapping === null) return null;
  if (typeof mapping !== 'object') fail('labelMapping must be an object', { value: mapping });
  const applyTo = mapping.applyTo ?? 'both';
  if (applyTo !== 'both' && applyTo !== 'gt')
    fail(`labelMapping.applyTo must be 'both' or 'gt', got ${String(applyTo)}`, { value: applyTo });
  const unmapped = mapping.unmapped ?? 'pass';
  if (unmapped !== 'pass' && unmapped !== 'invalid') {
    fail(`labelMapping.unmapped must be 'pass' or 'invalid', got ${String(unmapped)}`, {
      option: 'labelMapping.unmapped',
      value: unmapped,
    });
  }
  const pairs = new Map<number, number | null>();
  const table = mapping.table;
  if (table !== undefined && table !== null) {
    if (typeof table !== 'object') fail('labelMapping.table must be an object or an array', { value: table });
    // own enumerable keys only (holes of a sparse array are skipped without walking its length)
    for (const [key, value] of Object.entries(table)) {
      if (value === undefined) continue;
      const raw = Number(key);
      // the key must be written as the integer itself: '', ' 7', '0x10' or '1e3' are refused
      if (!Number.isSafeInteger(raw) || String(raw) !== key)
        fail(`labelMapping.table key must be an integer, got "${key}"`, {
          option: 'labelMapping.table',
          value: key,
        });
      const mapped =
        value === null || value === -1 ? null : checkInteger(`labelMapping.table[${key}]`, value);
      pairs.set(raw, mapped);
    }
  }
  const reduceZeroLabel = checkBoolean('labelMapping.reduceZeroLabel', mapping.reduceZeroLabel);
  if (pairs.size === 0 && unmapped === 'invalid') {
    fail("labelMapping.unmapped 'invalid' needs a non-empty table (every raw value would be invalid)", {
      option: 'labelMapping.unmapped',
      value: unmapped,
    });
  }
  if (pairs.size === 0 && !reduceZeroLabel) return null;
  return {
    table: [...pairs.entries()].sort((a, b) => a[0] - b[0]),
    reduceZeroLabel,
    applyTo,
    unmapped,
  };
}

/**
 * Deep equality of two normalised settings (as returned by {@link normalizeSettings} or a matrix's
 * `settings`): the test `merge` applies. Settings written differently but equal after normalisation
 * (e.g. `ignoreIndex: [255, 0]` and `[0, 255]`) are equal.
 */
export function settingsEqual(a: ConfusionMatrixSettings, b: ConfusionMatrixSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
