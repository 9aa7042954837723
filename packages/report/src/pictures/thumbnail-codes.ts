import type { ConfusionMatrixSettings } from '@segmetrics/core';
import { displayCodeOf, displayLabels, errorStates } from './display-labels.js';
import { type LabelGrid, THUMBNAIL_SIZE, thumbnailGrid, thumbnailLabels } from './thumbnail-labels.js';

/** A thumbnail of display codes: one byte per pixel while the codes fit (C + 1 ≤ 255). */
export interface ThumbnailCodes {
  readonly data: Uint8Array | Uint16Array;
  readonly width: number;
  readonly height: number;
}

/**
 * `displayLabels(thumbnailLabels(map, maxSide).data, settings, mapped)` in one pass: the thumbnail's
 * display codes (class k → k, ignored → C, invalid → C + 1, after the label mapping when `mapped`),
 * the same codes at the same pixels, in a `Uint8Array` when C + 1 ≤ 255 (else a `Uint16Array`). 8- and
 * 16-bit maps (what the readers decode) look their codes up in a table of the type's values.
 */
export function thumbnailCodes(
  map: LabelGrid,
  settings: ConfusionMatrixSettings,
  mapped: boolean,
  maxSide = THUMBNAIL_SIZE,
): ThumbnailCodes {
  const { data } = map;
  const narrow = settings.numClasses + 1 <= 255;
  if (!(data instanceof Uint8Array || data instanceof Uint16Array)) {
    const thumbnail = thumbnailLabels(map, maxSide);
    const codes = displayLabels(thumbnail.data, settings, mapped);
    return { ...thumbnail, data: narrow ? Uint8Array.from(codes) : codes };
  }
  const { width: w, height: h, columns, rowStarts } = thumbnailGrid(map.width, map.height, maxSide);
  const out = narrow ? new Uint8Array(w * h) : new Uint16Array(w * h);
  if (data instanceof Uint8Array) {
    const codes = codeTable(settings, mapped);
    for (let y = 0, o = 0; y < h; y++) {
      const row = rowStarts[y]!;
      for (let x = 0; x < w; x++, o++) out[o] = codes[data[row + columns[x]!]!]!;
    }
    return { data: out, width: w, height: h };
  }
  // 16-bit labels: the codes of the values met, classified once each.
  const classify = displayCodeOf(settings, mapped);
  const codes = new Int32Array(65536).fill(-1);
  for (let y = 0, o = 0; y < h; y++) {
    const row = rowStarts[y]!;
    for (let x = 0; x < w; x++, o++) {
      const value = data[row + columns[x]!]!;
      let code = codes[value]!;
      if (code < 0) code = codes[value] = classify(value);
      out[o] = code;
    }
  }
  return { data: out, width: w, height: h };
}

/** The codes of both maps' thumbnails and their error states (see {@link thumbnailCodePair}). */
export interface ThumbnailCodePair {
  readonly gt: ThumbnailCodes;
  readonly pred: ThumbnailCodes;
  /** `errorStates(pred codes, gt codes, C)`: 0 correct, 1 wrong, 2 ignored. */
  readonly states: Uint8Array;
}

/**
 * `thumbnailCodes` of the ground truth (mapped) and of the prediction (mapped when `predMapped`) and
 * their `errorStates`, the same codes and states; two 8-bit maps of one size whose codes fit a byte (the
 * report's usual case) are sampled in one pass, each pixel's two labels read together.
 */
export function thumbnailCodePair(
  gt: LabelGrid,
  pred: LabelGrid,
  settings: ConfusionMatrixSettings,
  predMapped: boolean,
  maxSide = THUMBNAIL_SIZE,
): ThumbnailCodePair {
  const c = settings.numClasses;
  const g = gt.data;
  const p = pred.data;
  if (
    !(g instanceof Uint8Array && p instanceof Uint8Array) ||
    c + 1 > 255 ||
    gt.width !== pred.width ||
    gt.height !== pred.height
  ) {
    const gtCodes = thumbnailCodes(gt, settings, true, maxSide);
    const predCodes = thumbnailCodes(pred, settings, predMapped, maxSide);
    return { gt: gtCodes, pred: predCodes, states: errorStates(predCodes.data, gtCodes.data, c) };
  }
  const { width: w, height: h, columns, rowStarts } = thumbnailGrid(gt.width, gt.height, maxSide);
  const gtTable = codeTable(settings, true);
  const predTable = predMapped ? gtTable : codeTable(settings, false);
  const gtOut = new Uint8Array(w * h);
  const predOut = new Uint8Array(w * h);
  const states = new Uint8Array(w * h);
  samplePair(g, p, gtTable, predTable, columns, rowStarts, c, gtOut, predOut, states);
  return {
    gt: { data: gtOut, width: w, height: h },
    pred: { data: predOut, width: w, height: h },
    states,
  };
}

/**
 * The paired sampling loop of {@link thumbnailCodePair}, alone in a function that reads no property: the
 * report calls it a few dozen times per run, so it runs mostly as on-stack-replaced code, which V8 threw
 * away at every return when the loop shared its function with the object literals after it (an eager
 * deoptimization per call: ≈ 4× the time of the optimized loop on Cityscapes-sized maps).
 */
function samplePair(
  g: Uint8Array,
  p: Uint8Array,
  gtTable: Uint16Array,
  predTable: Uint16Array,
  columns: Int32Array,
  rowStarts: Int32Array,
  c: number,
  gtOut: Uint8Array,
  predOut: Uint8Array,
  states: Uint8Array,
): void {
  const w = columns.length;
  const h = rowStarts.length;
  for (let y = 0, o = 0; y < h; y++) {
    const row = rowStarts[y]!;
    for (let x = 0; x < w; x++, o++) {
      const at = row + columns[x]!;
      const a = gtTable[g[at]!]!;
      const b = predTable[p[at]!]!;
      gtOut[o] = a;
      predOut[o] = b;
      states[o] = a === c ? 2 : a === b ? 0 : 1;
    }
  }
}

/** The display code of every byte value (see {@link displayCodeOf}; codes reach C + 1). */
function codeTable(settings: ConfusionMatrixSettings, mapped: boolean): Uint16Array {
  const classify = displayCodeOf(settings, mapped);
  const codes = new Uint16Array(256);
  for (let v = 0; v < 256; v++) codes[v] = classify(v);
  return codes;
}
