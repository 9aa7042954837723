import type { ConfusionMatrixSettings, LabelArray } from '../types.js';

/** Code of a pixel whose value is ignored (not counted / predicted-as-ignore). */
export const IGNORED = -1;
/** Code of a pixel whose value is invalid (non-integer, or outside [0, C) and not ignored). */
export const INVALID = -2;

/**
 * Maps one raw label value to a class id in [0, C), {@link IGNORED} or {@link INVALID}, applying the
 * settings' label mapping (when `mapped`) and ignore labels. The slow, obviously-correct definition that
 * the lookup tables are built from.
 */
export function classifyValue(settings: ConfusionMatrixSettings, value: number, mapped: boolean): number {
  if (!Number.isInteger(value)) return INVALID;
  const ignore = settings.ignoreIndex;
  let v: number | null = value;
  const mapping = settings.labelMapping;
  if (mapped && mapping !== null) {
    if (mapping.reduceZeroLabel) {
      if (v === 0) return IGNORED;
      if (!ignore.includes(v)) v -= 1;
    }
    const entry = lookupTable(mapping.table, v);
    if (entry !== undefined) v = entry[1];
    if (v === null) return IGNORED;
  }
  if (ignore.includes(v)) return IGNORED;
  if (v >= 0 && v < settings.numClasses) return v;
  return INVALID;
}

function lookupTable(
  table: readonly (readonly [number, number | null])[],
  raw: number,
): readonly [number, number | null] | undefined {
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const entry = table[mid]!;
    if (entry[0] === raw) return entry;
    if (entry[0] < raw) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Smallest value a typed array of this kind can hold, and how many distinct values (for LUTs). */
export function lutDomain(data: LabelArray): { offset: number; size: number } | null {
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return { offset: 0, size: 256 };
  if (data instanceof Int8Array) return { offset: -128, size: 256 };
  if (data instanceof Uint16Array) return { offset: 0, size: 65536 };
  if (data instanceof Int16Array) return { offset: -32768, size: 65536 };
  return null;
}

/** A lookup table: `lut[value - offset]` is the value's class code. */
export function buildLut(
  settings: ConfusionMatrixSettings,
  mapped: boolean,
  offset: number,
  size: number,
): Int32Array {
  const lut = new Int32Array(size);
  for (let i = 0; i < size; i++) lut[i] = classifyValue(settings, i + offset, mapped);
  return lut;
}
