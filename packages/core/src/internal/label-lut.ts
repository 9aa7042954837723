import type { ConfusionMatrixSettings, LabelArray } from '../types.js';

/** Code of a pixel whose value is ignored (not counted / predicted-as-ignore). */
export const IGNORED = -1;
/** Code of a pixel whose value is invalid (non-integer, or outside [0, C) and not ignored). */
export const INVALID = -2;

/**
 * Maps one raw label value to a class id in [0, C), {@link IGNORED} or {@link INVALID}, applying the
 * settings' label mapping (when `mapped`) and ignore labels. The slow, obviously-correct definition that
 * every lookup table (and so every kernel) is built from.
 */
export function classifyValue(settings: ConfusionMatrixSettings, value: number, mapped: boolean): number {
  if (!Number.isInteger(value)) return INVALID;
  const ignore = settings.ignoreIndex;
  let v: number | null = value;
  const mapping = settings.labelMapping;
  if (mapped && mapping !== null) {
    if (mapping.reduceZeroLabel) {
      if (v === 0) return IGNORED;
      if (!sortedIncludes(ignore, v)) v -= 1;
    }
    const entry = lookupTable(mapping.table, v);
    if (entry !== undefined) v = entry[1];
    else if (mapping.unmapped === 'invalid') return INVALID;
    if (v === null) return IGNORED;
  }
  if (sortedIncludes(ignore, v)) return IGNORED;
  if (v >= 0 && v < settings.numClasses) return v;
  return INVALID;
}

/**
 * True when `value`, under the settings' label mapping of its side (`mapped`), is refused because it
 * is not a key of the table (`unmapped: 'invalid'`): the reason an error message gives.
 */
export function isUnmappedValue(settings: ConfusionMatrixSettings, value: number, mapped: boolean): boolean {
  const mapping = settings.labelMapping;
  if (!mapped || mapping === null || mapping.unmapped !== 'invalid' || !Number.isInteger(value)) return false;
  let v = value;
  if (mapping.reduceZeroLabel) {
    if (v === 0) return false;
    if (!sortedIncludes(settings.ignoreIndex, v)) v -= 1;
  }
  return lookupTable(mapping.table, v) === undefined;
}

/**
 * The value `value` becomes under the settings' label mapping of its side (`mapped`): reduce-zero-label
 * then the table (`null`: mapped to ignored; a value not in the table passes through). The value itself
 * without a mapping. For error messages: "label 0 (mapped to 99)".
 */
export function mappedValue(
  settings: ConfusionMatrixSettings,
  value: number,
  mapped: boolean,
): number | null {
  const mapping = settings.labelMapping;
  if (!mapped || mapping === null || !Number.isInteger(value)) return value;
  let v: number | null = value;
  if (mapping.reduceZeroLabel) {
    if (v === 0) return null;
    if (!sortedIncludes(settings.ignoreIndex, v)) v -= 1;
  }
  const entry = lookupTable(mapping.table, v);
  return entry === undefined ? v : entry[1];
}

/** Binary search in a sorted array (ignore labels are sorted and unique in normalised settings). */
function sortedIncludes(sorted: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x === value) return true;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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

/** The raw-bit width of a label array whose values fit a lookup table, or `null` for the general path. */
export type LutKind = 'u8' | 'i8' | 'u16' | 'i16';

/** Which lookup-table kind a label array uses (`null`: Int32, Uint32, floats and number arrays). */
export function lutKind(data: LabelArray): LutKind | null {
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return 'u8';
  if (data instanceof Int8Array) return 'i8';
  if (data instanceof Uint16Array) return 'u16';
  if (data instanceof Int16Array) return 'i16';
  return null;
}

/**
 * The data of an 8- or 16-bit label array seen as unsigned raw bits (a view, no copy), so that every
 * kernel reads monomorphic `Uint8Array` / `Uint16Array`.
 */
export function unsignedView(data: LabelArray, kind: LutKind): Uint8Array | Uint16Array {
  const view = data as Uint8Array | Int8Array | Uint8ClampedArray | Uint16Array | Int16Array;
  if (kind === 'u8' || kind === 'i8') {
    return data instanceof Uint8Array ? data : new Uint8Array(view.buffer, view.byteOffset, view.length);
  }
  return data instanceof Uint16Array ? data : new Uint16Array(view.buffer, view.byteOffset, view.length);
}

/** Signed value of raw bits for a lookup-table kind. */
export function valueOfRaw(kind: LutKind, raw: number): number {
  if (kind === 'i8') return raw < 128 ? raw : raw - 256;
  if (kind === 'i16') return raw < 32768 ? raw : raw - 65536;
  return raw;
}

/**
 * Histogram slot of a class code in the (C + 2) × (C + 2) image histogram: classes 0 … C − 1, then
 * C = ignored, C + 1 = invalid.
 */
export function slotOf(code: number, numClasses: number): number {
  if (code === IGNORED) return numClasses;
  if (code === INVALID) return numClasses + 1;
  return code;
}

/**
 * A slot lookup table indexed by raw bits (`kind`) or by `value - offset` (general path): each entry is
 * the value's histogram slot, multiplied by `scale` (the row stride for ground truth, 1 for predictions).
 */
export function buildSlotLut(
  settings: ConfusionMatrixSettings,
  mapped: boolean,
  scale: number,
  kind: LutKind | null,
  offset: number,
  size: number,
): Int32Array {
  const lut = new Int32Array(size);
  const c = settings.numClasses;
  for (let i = 0; i < size; i++) {
    const value = kind === null ? i + offset : valueOfRaw(kind, i);
    lut[i] = slotOf(classifyValue(settings, value, mapped), c) * scale;
  }
  return lut;
}

/** Largest span of raw values a general-path lookup table covers. */
export const SPAN_LUT_MAX = 1 << 20;

/**
 * The span of raw values that can be valid or ignored on one side (`mapped`: the label mapping applies):
 * classes (shifted by one under reduce-zero-label), ignore labels and table keys; any value outside it is
 * invalid. `null` when it is wider than {@link SPAN_LUT_MAX} (callers classify value by value then).
 */
export function valueSpan(
  settings: ConfusionMatrixSettings,
  mapped: boolean,
): { offset: number; size: number } | null {
  const mapping = mapped ? settings.labelMapping : null;
  const candidates = [0, settings.numClasses - 1, ...settings.ignoreIndex];
  if (mapping !== null) for (const [raw] of mapping.table) candidates.push(raw);
  if (mapping?.reduceZeroLabel) for (const v of [...candidates]) candidates.push(v + 1);
  let lo = candidates[0]!;
  let hi = lo;
  for (const v of candidates) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo + 1 > SPAN_LUT_MAX ? null : { offset: lo, size: hi - lo + 1 };
}
