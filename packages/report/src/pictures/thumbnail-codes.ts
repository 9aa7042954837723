import type { ConfusionMatrixSettings } from '@segmetrics/core';
import { displayCodeOf, displayLabels, errorStates } from './display-labels.js';
import { samplePairWasm, type ThumbnailKernel, thumbnailKernel } from './thumbnail-kernel.js';
import {
  type LabelGrid,
  THUMBNAIL_SIZE,
  type ThumbnailGrid,
  thumbnailGrid,
  thumbnailLabels,
} from './thumbnail-labels.js';

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
  /**
   * The three pictures' PNG image data, filtered while sampling (see {@link ThumbnailScanlines}): when
   * both maps were sampled in one pass (8-bit maps of one size whose codes fit a byte).
   */
  readonly scanlines?: ThumbnailScanlines;
}

/** One picture's PNG scanlines (per row: its filter byte, then the filtered row) and its largest index. */
export interface FilteredPicture {
  readonly data: Uint8Array;
  readonly largest: number;
}

/**
 * The ground truth's and prediction's codes and the error states as palette PNG image data under one
 * row filter, None (0) or Up (2): what `@segmetrics/io`'s `encodePaletteScanlines` writes as it is, the
 * same PNG `encodeColorizedPng` writes from the codes under that filter.
 */
export interface ThumbnailScanlines {
  readonly filter: 0 | 2;
  readonly gt: FilteredPicture;
  readonly pred: FilteredPicture;
  readonly errorMap: FilteredPicture;
}

/**
 * Memory that {@link thumbnailCodePair} may draw into instead of fresh arrays: the codes, states and
 * scanlines of the previous pair drawn with it are overwritten by the next one. For a caller that uses
 * each result before drawing the next pair (the report encodes each image's pictures at once): fresh
 * arrays per pair (six of 32 KiB) cost more than sampling them on these machines.
 */
export interface ThumbnailScratch {
  arrays: Uint8Array[];
}

/** Arrays of the given lengths, from `scratch` when it holds arrays of those lengths (else fresh, kept there). */
function scratchArrays(scratch: ThumbnailScratch | null, lengths: readonly number[]): Uint8Array[] {
  if (scratch === null) return lengths.map((n) => new Uint8Array(n));
  if (scratch.arrays.length !== lengths.length || scratch.arrays.some((a, i) => a.length !== lengths[i])) {
    scratch.arrays = lengths.map((n) => new Uint8Array(n));
  }
  return scratch.arrays;
}

/**
 * `thumbnailCodes` of the ground truth (mapped) and of the prediction (mapped when `predMapped`) and
 * their `errorStates`, the same codes and states; two 8-bit maps of one size whose codes fit a byte (the
 * report's usual case) are sampled in one pass, each pixel's two labels read together, and also written
 * as the three pictures' scanlines under `filter` (None by default, or Up). That pass runs in the
 * WebAssembly `kernel` (default: the realm's, when it has WebAssembly) or, without one, in JavaScript:
 * the same bytes.
 */
export function thumbnailCodePair(
  gt: LabelGrid,
  pred: LabelGrid,
  settings: ConfusionMatrixSettings,
  predMapped: boolean,
  maxSide = THUMBNAIL_SIZE,
  filter: 0 | 2 = 0,
  scratch: ThumbnailScratch | null = null,
  kernel: ThumbnailKernel | null = thumbnailKernel(),
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
  const { width: w, height: h, columns, rowStarts } = sharedGrid(gt.width, gt.height, maxSide);
  const gtTable = codeTable(settings, true);
  const predTable = predMapped ? gtTable : codeTable(settings, false);
  const [gtOut, predOut, states, ...scanlines] = scratchArrays(scratch, [
    w * h,
    w * h,
    w * h,
    h * (w + 1),
    h * (w + 1),
    h * (w + 1),
  ]) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const codes = {
    gt: { data: gtOut, width: w, height: h },
    pred: { data: predOut, width: w, height: h },
    states,
  };
  const largest = new Int32Array(3);
  const outputs = [gtOut, predOut, states, ...scanlines];
  if (
    !samplePairWasm(
      kernel,
      g,
      p,
      gt.width,
      gtTable,
      predTable,
      columns,
      rowStarts,
      c,
      filter,
      outputs,
      largest,
    )
  ) {
    samplePairScanlines(g, p, gtTable, predTable, columns, rowStarts, c, codes, filter, scanlines, largest);
  }
  return {
    ...codes,
    scanlines: {
      filter,
      gt: { data: scanlines[0], largest: largest[0]! },
      pred: { data: scanlines[1], largest: largest[1]! },
      errorMap: { data: scanlines[2], largest: largest[2]! },
    },
  };
}

/**
 * The paired sampling loop of {@link thumbnailCodePair}: the codes, the error states, and the three
 * pictures' scanlines under `filter` (None or Up, whose row above is the codes just written) with their
 * largest values, the only pass over the pixels the pictures need. Alone in a function that reads no
 * property after its loop: the report calls it a few dozen times per run, so it runs mostly as
 * on-stack-replaced code, which V8 threw away at every return when the loop shared its function with the
 * object literals after it (an eager deoptimization per call).
 */
function samplePairScanlines(
  g: Uint8Array,
  p: Uint8Array,
  gtTable: Uint16Array,
  predTable: Uint16Array,
  columns: Int32Array,
  rowStarts: Int32Array,
  c: number,
  codes: { gt: { data: Uint8Array }; pred: { data: Uint8Array }; states: Uint8Array },
  filter: 0 | 2,
  [gtF, predF, stF]: readonly [Uint8Array, Uint8Array, Uint8Array],
  largest: Int32Array,
): void {
  const gtOut = codes.gt.data;
  const predOut = codes.pred.data;
  const states = codes.states;
  const w = columns.length;
  const h = rowStarts.length;
  let lg = 0;
  let lp = 0;
  let ls = 0;
  for (let y = 0, o = 0, f = 0; y < h; y++) {
    const row = rowStarts[y]!;
    gtF[f] = filter;
    predF[f] = filter;
    stF[f] = filter;
    f++;
    // The Up filter subtracts the row above (none above the first row: it stays as is).
    const above = filter === 2 && y > 0 ? w : 0;
    for (let x = 0; x < w; x++, o++, f++) {
      const at = row + columns[x]!;
      const a = gtTable[g[at]!]!;
      const b = predTable[p[at]!]!;
      const e = a === c ? 2 : a === b ? 0 : 1;
      gtOut[o] = a;
      predOut[o] = b;
      states[o] = e;
      if (a > lg) lg = a;
      if (b > lp) lp = b;
      if (e > ls) ls = e;
      if (above === 0) {
        gtF[f] = a;
        predF[f] = b;
        stF[f] = e;
      } else {
        gtF[f] = (a - gtOut[o - above]!) & 0xff;
        predF[f] = (b - predOut[o - above]!) & 0xff;
        stF[f] = (e - states[o - above]!) & 0xff;
      }
    }
  }
  largest[0] = lg;
  largest[1] = lp;
  largest[2] = ls;
}

/**
 * The last settings' code tables, [unmapped, mapped], under the settings' JSON (a report draws many
 * pairs under one settings; a key of the values, not the object, which its owner could change).
 */
let lastTables: { readonly key: string; readonly tables: [Uint16Array | null, Uint16Array | null] } | null =
  null;

/**
 * The display code of every byte value (see {@link displayCodeOf}; codes reach C + 1), kept for the
 * next call under equal settings (the tables are only read).
 */
function codeTable(settings: ConfusionMatrixSettings, mapped: boolean): Uint16Array {
  // The test `settingsEqual` applies (normalised settings are equal exactly when their JSON is).
  const key = JSON.stringify(settings);
  if (lastTables?.key !== key) lastTables = { key, tables: [null, null] };
  const { tables } = lastTables;
  const known = tables[mapped ? 1 : 0];
  if (known !== null) return known;
  const classify = displayCodeOf(settings, mapped);
  const codes = new Uint16Array(256);
  for (let v = 0; v < 256; v++) codes[v] = classify(v);
  tables[mapped ? 1 : 0] = codes;
  return codes;
}

let lastGrid: { key: string; grid: ThumbnailGrid } | null = null;

/** `thumbnailGrid`, the last one kept (a report's images mostly share a size; the grid is only read). */
function sharedGrid(width: number, height: number, maxSide: number): ThumbnailGrid {
  const key = `${width}x${height}/${maxSide}`;
  if (lastGrid?.key !== key) lastGrid = { key, grid: thumbnailGrid(width, height, maxSide) };
  return lastGrid.grid;
}
