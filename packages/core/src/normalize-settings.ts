import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';
import type { ConfusionMatrixOptions, ConfusionMatrixSettings, NormalizedLabelMapping } from './types.js';

function fail(message: string, context: Record<string, unknown>): never {
  throw new SegmetricsError(ErrorCode.INVALID_OPTION, message, { context });
}

function checkInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(`${name} must be an integer, got ${String(value)}`, { option: name, value });
  }
  return value;
}

/**
 * Validates options and returns the canonical settings: ignore labels sorted and unique, the label
 * mapping table as sorted `[raw, mapped]` pairs. Equal settings ⇔ mergeable matrices.
 */
export function normalizeSettings(options: ConfusionMatrixOptions): ConfusionMatrixSettings {
  if (typeof options !== 'object' || options === null) fail('options must be an object', { value: options });
  const numClasses = checkInteger('numClasses', options.numClasses);
  if (numClasses < 1)
    fail(`numClasses must be at least 1, got ${numClasses}`, { option: 'numClasses', value: numClasses });
  const rawIgnore = options.ignoreIndex === undefined ? [] : [options.ignoreIndex].flat();
  const ignoreIndex = [...new Set(rawIgnore.map((v) => checkInteger('ignoreIndex', v)))].sort(
    (a, b) => a - b,
  );
  return {
    numClasses,
    ignoreIndex,
    labelMapping: normalizeMapping(options.labelMapping),
    perImage: options.perImage === true,
  };
}

function normalizeMapping(mapping: ConfusionMatrixOptions['labelMapping']): NormalizedLabelMapping | null {
  if (mapping === undefined || mapping === null) return null;
  if (typeof mapping !== 'object') fail('labelMapping must be an object', { value: mapping });
  const applyTo = mapping.applyTo ?? 'both';
  if (applyTo !== 'both' && applyTo !== 'gt')
    fail(`labelMapping.applyTo must be 'both' or 'gt', got ${String(applyTo)}`, { value: applyTo });
  const pairs = new Map<number, number | null>();
  const table = mapping.table;
  if (table !== undefined && table !== null) {
    const entries: [string, unknown][] = Array.isArray(table)
      ? table.map((v, i) => [String(i), v] as [string, unknown])
      : Object.entries(table);
    for (const [key, value] of entries) {
      if (value === undefined) continue;
      const raw = Number(key);
      if (!Number.isSafeInteger(raw))
        fail(`labelMapping.table key must be an integer, got ${key}`, { value: key });
      const mapped =
        value === null || value === -1 ? null : checkInteger(`labelMapping.table[${key}]`, value);
      pairs.set(raw, mapped);
    }
  }
  const reduceZeroLabel = mapping.reduceZeroLabel === true;
  if (pairs.size === 0 && !reduceZeroLabel) return null;
  return {
    table: [...pairs.entries()].sort((a, b) => a[0] - b[0]),
    reduceZeroLabel,
    applyTo,
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
