import type { LabelMapping } from '@segmetrics/core';
import { invalidOption } from './invalid-option.js';
import { parseSettingsJson } from './parse-settings-json.js';
import type { SettingsTextSource } from './settings-text-source.js';

/** Label values a label map may name: what a label array holds without wrapping (int32 and uint32). */
export const LABEL_VALUE_RANGE = [-(2 ** 31), 2 ** 32 - 1] as const;

/**
 * A raw label → class table from its JSON text (the CLI's `--label-map FILE`, the web app's "Label map"
 * field): an object `{"raw label": class id | null}` (null or -1: ignored) or an array indexed by raw
 * label. Raw labels not listed pass through unchanged. Throws `INVALID_OPTION` naming `from` for text
 * that is not JSON, a key written twice or two keys naming one value (`"1"` and `"01"`: one would be lost
 * silently), keys that are not whole numbers in {@link LABEL_VALUE_RANGE}, and values that are not class
 * ids (whole numbers from -1 up) or null.
 */
export function parseLabelMap(text: string, from: SettingsTextSource): NonNullable<LabelMapping['table']> {
  const { option, source } = from;
  const data = parseSettingsJson(text, from, 'the label value');
  const [min, max] = LABEL_VALUE_RANGE;
  const valid = (v: unknown) =>
    v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= -1 && v <= max);
  if (Array.isArray(data)) {
    const bad = data.findIndex((v) => !valid(v));
    if (bad >= 0) {
      throw invalidOption(
        option,
        `${source}: entry ${bad}: ${JSON.stringify(data[bad])} is not a class id (a whole number from -1 to ${max}) or null`,
        source,
      );
    }
    return data as (number | null)[];
  }
  if (typeof data !== 'object' || data === null) {
    throw invalidOption(option, `${source}: expected an object {"raw": class} or an array`, source);
  }
  const table: Record<number, number | null> = {};
  const keyOf = new Map<number, string>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (/^-0+$/.test(key)) {
      throw invalidOption(option, `${source}: entry "${key}": write the label value 0 as "0"`, source);
    }
    if (!/^-?\d+$/.test(key) || Number(key) < min || Number(key) > max || !valid(value)) {
      throw invalidOption(
        option,
        `${source}: entry "${key}": ${JSON.stringify(value)} is not label value → class id (or null); label values are whole numbers from ${min} to ${max}`,
        source,
      );
    }
    // "1" and "01" (or "-0" and "0") name one label value: one of them would be lost.
    const other = keyOf.get(Number(key));
    if (other !== undefined) {
      throw invalidOption(
        option,
        `${source}: entries "${other}" and "${key}" both name label value ${Number(key)}`,
        source,
      );
    }
    keyOf.set(Number(key), key);
    table[Number(key)] = value as number | null;
  }
  return table;
}
