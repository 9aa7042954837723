import type { ConfusionMatrixSettings } from '@segmetrics/core';

/**
 * The display code of one raw label as the matrix counts it: class k → k, an ignored value (an ignore
 * label, or mapped to ignored) → C, an invalid value (outside [0, C) and not ignored) → C + 1. Applies
 * the settings' label mapping (reduce-zero-label, then the table; a value not in the table passes through,
 * or is invalid with `unmapped: 'invalid'`) when `mapped`, exactly as core's counting classifies values.
 */
export function displayCodeOf(settings: ConfusionMatrixSettings, mapped: boolean): (value: number) => number {
  const c = settings.numClasses;
  const ignore = settings.ignoreIndex;
  const mapping = mapped ? settings.labelMapping : null;
  const table = new Map(mapping?.table ?? []);
  return (value) => {
    if (!Number.isInteger(value)) return c + 1;
    let v: number | null = value;
    if (mapping !== null) {
      if (mapping.reduceZeroLabel) {
        if (v === 0) return c;
        if (!ignore.includes(v)) v -= 1;
      }
      if (table.has(v)) v = table.get(v)!;
      else if (mapping.unmapped === 'invalid') return c + 1;
      if (v === null) return c;
    }
    if (ignore.includes(v)) return c;
    return v >= 0 && v < c ? v : c + 1;
  };
}

/**
 * The display code of each raw label as the matrix counts it (see {@link displayCodeOf}): class k → k,
 * ignored → C, invalid → C + 1, after the settings' label mapping when `mapped` (always for ground
 * truth; for predictions unless the mapping applies to ground truth only), so the pictures show what
 * was counted.
 */
export function displayLabels(
  raw: ArrayLike<number>,
  settings: ConfusionMatrixSettings,
  mapped: boolean,
): Uint16Array {
  const classify = displayCodeOf(settings, mapped);
  const out = new Uint16Array(raw.length);
  if (raw instanceof Uint8Array || raw instanceof Uint16Array) {
    // Every value of the type in one table: no lookup per pixel.
    const codes = new Uint16Array(raw instanceof Uint8Array ? 256 : 65536);
    const seen = new Uint8Array(codes.length);
    for (let i = 0; i < raw.length; i++) {
      const value = raw[i]!;
      if (seen[value] === 0) {
        codes[value] = classify(value);
        seen[value] = 1;
      }
      out[i] = codes[value]!;
    }
    return out;
  }
  const cache = new Map<number, number>();
  for (let i = 0; i < raw.length; i++) {
    const value = raw[i]!;
    let code = cache.get(value);
    if (code === undefined) {
      code = classify(value);
      cache.set(value, code);
    }
    out[i] = code;
  }
  return out;
}

/**
 * The error map of two display-code maps (from {@link displayLabels}): 0 = correct (same class), 1 =
 * wrong (including a prediction of an ignored or invalid value on a counted pixel), 2 = ignored (the
 * ground truth is ignored, code `ignoredCode`) — the indices of `@segmetrics/io`'s `encodeErrorMapPng`.
 */
export function errorStates(
  pred: Uint8Array | Uint16Array,
  gt: Uint8Array | Uint16Array,
  ignoredCode: number,
): Uint8Array {
  const out = new Uint8Array(gt.length);
  for (let i = 0; i < gt.length; i++) out[i] = gt[i] === ignoredCode ? 2 : pred[i] === gt[i] ? 0 : 1;
  return out;
}
