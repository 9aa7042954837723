import { dilationOf } from '../boundary-dilation.js';
import type { BoundarySettings, ConfusionMatrixSettings, LabelArray } from '../types.js';
import { IntervalWindow } from './interval-window.js';
import { buildSlotLut, classifyValue, lutKind, slotOf, unsignedView, valueSpan } from './label-lut.js';
import { type WasmBoundaryKernel, wasmBoundaryKernel } from './wasm-boundary-kernel.js';

/*
 * Boundary IoU counting (Cheng et al., CVPR 2021), per class, as the paper's reference code defines it:
 * for class k, G = (gt == k) and P = (pred == k) on the mapped labels; boundary(M) = M minus its erosion
 * by a (2d + 1)² square, the image padded with one pixel of zeros; then the pixels whose ground truth is
 * ignored are left out of both boundaries.
 *
 * Since the class masks of a map partition the image, a pixel of class k is NOT on k's boundary (it is
 * "interior") exactly when the (2d + 1)² square around it lies inside the image and holds class k only.
 * This file finds every class's interior of both maps in one pass over the rows:
 * - the horizontal half: a row's runs of one class (adjacent raw values of the same class merge), those at
 *   least 2d + 1 long, shrunk by d at both ends (`rowInteriors`);
 * - the vertical half: the tagged intersection of those lists over 2d + 1 rows (IntervalWindow).
 * The boundary counts are then the image's plain counts minus what lies in the interiors:
 *   |Gb| = |G| − |IG|,   |Pb ∩ valid| = |P ∩ valid| − |IP ∩ valid|,
 *   |Gb ∩ Pb| = |G ∩ P| − |IG ∩ P| − |IP ∩ G| + |IG ∩ IP|,
 * where IG ⊆ G and IP ⊆ P are the interiors and "valid" = ground truth not ignored. Where both maps are
 * interior the classes are known from the interval tags (IP ∩ IG(any class) is valid; IG(k) ∩ IP(k) is in
 * G ∩ P); only where one map is interior and the other is not — a thin band for a good prediction — is the
 * other map read, run by run.
 *
 * A prediction that is ignored (an ignore label, or a value the label mapping ignores) or invalid (only
 * possible where the ground truth is ignored: the counting pass has validated every other pixel) belongs
 * to no class: it is "another class" for its neighbours and is on no boundary.
 *
 * Two 8-bit maps are counted in WebAssembly SIMD (wasm-boundary-kernel.ts) when the realm has it: by the
 * same pass, or, when no two bytes of a map share a class and 2d + 1 ≤ 255 (the default settings,
 * ignore labels, reduce-zero-label), by a column pass that finds the same interiors without interval
 * lists: per column a counter of the rows it has kept one value for, so that the vertical half costs
 * O(W) per row whatever d is. Every other pair of array kinds, and realms without it, by the JavaScript
 * below.
 */

/** One image's interior counts per class (scratch, valid until the next count). */
export interface BoundaryInteriors {
  /** |IG|: ground-truth pixels of the class off its ground-truth boundary. */
  readonly support: Float64Array;
  /** |IP ∩ valid|: predicted pixels of the class off its predicted boundary, ground truth not ignored. */
  readonly predicted: Float64Array;
  /** |(G ∩ P) ∖ (Gb ∩ Pb)| = |IG ∩ P| + |IP ∩ G| − |IG ∩ IP|. */
  readonly tp: Float64Array;
}

/** How one map's raw values become class slots (C: ignored, C + 1: invalid). */
interface Side {
  readonly data: ArrayLike<unknown>;
  /**
   * 8- and 16-bit maps: the same memory read as 32-bit words (four or two pixels each), so that runs are
   * skipped a word at a time; `null` for the other kinds.
   */
  readonly words: Uint32Array | null;
  /** Pixels per word: 4 (8-bit maps) or 2 (16-bit maps). */
  readonly perWord: number;
  /** `data[i]` is pixel `i + shift` of the word view (the view starts at a 4-byte boundary). */
  readonly shift: number;
  /** Slot of `value − offset` (every value of 8/16-bit maps, the valid span of the others). */
  readonly lut: Int32Array;
  readonly offset: number;
  /** True for Int32/Uint32/float/number[] maps: values need a type and range check. */
  readonly general: boolean;
  /** Slots of values outside the table (wide spans only), cached. */
  readonly cache: Map<unknown, number> | null;
  readonly settings: ConfusionMatrixSettings;
  readonly mapped: boolean;
}

function slotOfValue(side: Side, value: unknown): number {
  const c = side.settings.numClasses;
  if (typeof value !== 'number') return c + 1;
  const i = value - side.offset;
  if (i >= 0 && i < side.lut.length && Number.isInteger(i)) return side.lut[i]!;
  if (side.cache === null) return c + 1;
  let slot = side.cache.get(value);
  if (slot === undefined) {
    slot = slotOf(classifyValue(side.settings, value, side.mapped), c);
    side.cache.set(value, slot);
  }
  return slot;
}

/**
 * The end of the run of value `v` that holds `from` (`data[from] === v`): the first index after `from`
 * whose value differs, at most `to`. Word at a time where the map has a word view: a word equal to `v`
 * repeated holds `perWord` pixels of the run.
 */
function runEnd(side: Side, from: number, to: number, v: unknown): number {
  const data = side.data;
  let i = from + 1;
  const words = side.words;
  if (words === null || i >= to || data[i] !== v) {
    while (i < to && data[i] === v) i++;
    return i;
  }
  const perWord = side.perWord;
  const shift = side.shift;
  const mask = perWord - 1;
  while (((i + shift) & mask) !== 0) {
    if (i >= to || data[i] !== v) return i;
    i++;
  }
  const repeated = perWord === 4 ? Math.imul(v as number, 0x01010101) >>> 0 : ((v as number) * 0x10001) >>> 0;
  const log = perWord === 4 ? 2 : 1;
  let j = (i + shift) >> log;
  const jEnd = (to + shift) >> log;
  while (j < jEnd && words[j] === repeated) j++;
  i = (j << log) - shift;
  while (i < to && data[i] === v) i++;
  return i;
}

/**
 * Writes S of the row starting at `rowStart` (runs of one class < C at least 2d + 1 long, shrunk by d) into
 * `lists` from `at`; returns the number of intervals.
 */
function rowInteriors(
  side: Side,
  rowStart: number,
  width: number,
  d: number,
  numClasses: number,
  lists: Int32Array,
  at: number,
): number {
  const { data, lut, general } = side;
  const span = 2 * d + 1;
  const rowEnd = rowStart + width;
  let o = at;
  let x = rowStart;
  let v = data[x];
  let k = general ? slotOfValue(side, v) : lut[v as number]!;
  while (x < rowEnd) {
    // the class run from x: raw runs of v, then of other raw values of the same class
    let end = x + 1;
    let w: unknown;
    let slot = -1;
    while (end < rowEnd) {
      w = data[end];
      if (w === v) {
        end = runEnd(side, end, rowEnd, v);
        continue;
      }
      slot = general ? slotOfValue(side, w) : lut[w as number]!;
      if (slot !== k) break;
      v = w;
      end++;
    }
    if (k < numClasses && end - x >= span) {
      lists[o] = x - rowStart + d;
      lists[o + 1] = end - rowStart - d;
      lists[o + 2] = k;
      o += 3;
    }
    x = end;
    v = w;
    k = slot;
  }
  return (o - at) / 3;
}

/** Pixels of class `k` among `data[from … to)`, run by run. */
function countClass(side: Side, from: number, to: number, k: number): number {
  const { data, lut, general } = side;
  let n = 0;
  let i = from;
  while (i < to) {
    const v = data[i];
    const j = i + 1 < to && data[i + 1] === v ? runEnd(side, i + 1, to, v) : i + 1;
    if ((general ? slotOfValue(side, v) : lut[v as number]!) === k) n += j - i;
    i = j;
  }
  return n;
}

/**
 * Over the ground truth `data[from … to)` (inside a predicted interior of class `k`): adds the pixels of
 * class `k` to `same[k]` and the valid (not ignored) pixels to `valid[k]`.
 */
function countGroundTruth(
  side: Side,
  from: number,
  to: number,
  k: number,
  same: Float64Array,
  valid: Float64Array,
): void {
  const { data, lut, general } = side;
  const c = side.settings.numClasses;
  let i = from;
  while (i < to) {
    const v = data[i];
    const j = i + 1 < to && data[i + 1] === v ? runEnd(side, i + 1, to, v) : i + 1;
    const slot = general ? slotOfValue(side, v) : lut[v as number]!;
    if (slot === k) same[k]! += j - i;
    if (slot < c) valid[k]! += j - i;
    i = j;
  }
}

/**
 * Adds one row's interior counts (see the header comment): `gw`'s list `gi` is the row's ground-truth
 * interior IG, `pw`'s list `pi` its predicted interior IP; `base` is the row's first pixel.
 *   support[k]   += |IG(k)|
 *   tp[k]        += |IG(k) ∩ IP(k)| + |IG(k) ∩ P ∖ IP| + |IP(k) ∩ G ∖ IG|   (= |IG ∩ P| + |IP ∩ G| − |IG ∩ IP|)
 *   predicted[k] += |IP(k) ∩ IG| + |IP(k) ∩ valid ∖ IG|
 */
function addInteriorRow(
  gw: IntervalWindow,
  gi: number,
  pw: IntervalWindow,
  pi: number,
  base: number,
  pred: Side,
  gt: Side,
  support: Float64Array,
  predicted: Float64Array,
  tp: Float64Array,
): void {
  const g = gw.lists;
  const p = pw.lists;
  const gStart = gi * gw.stride;
  const gEnd = gStart + 3 * gw.lengths[gi]!;
  const pStart = pi * pw.stride;
  const pEnd = pStart + 3 * pw.lengths[pi]!;
  // ground-truth interiors against the predicted ones
  let j = pStart;
  for (let o = gStart; o < gEnd; o += 3) {
    const a = g[o]!;
    const b = g[o + 1]!;
    const k = g[o + 2]!;
    support[k]! += b - a;
    while (j < pEnd && p[j + 1]! <= a) j += 3;
    let x = a;
    let q = j;
    while (x < b) {
      if (q < pEnd && p[q]! < b) {
        const s = Math.max(p[q]!, x);
        if (s > x) tp[k]! += countClass(pred, base + x, base + s, k);
        const e = Math.min(p[q + 1]!, b);
        if (p[q + 2] === k) tp[k]! += e - s;
        x = e;
        q += 3;
      } else {
        tp[k]! += countClass(pred, base + x, base + b, k);
        x = b;
      }
    }
  }
  // predicted interiors against the ground-truth ones
  j = gStart;
  for (let o = pStart; o < pEnd; o += 3) {
    const a = p[o]!;
    const b = p[o + 1]!;
    const k = p[o + 2]!;
    while (j < gEnd && g[j + 1]! <= a) j += 3;
    let x = a;
    let q = j;
    while (x < b) {
      if (q < gEnd && g[q]! < b) {
        const s = Math.max(g[q]!, x);
        if (s > x) countGroundTruth(gt, base + x, base + s, k, tp, predicted);
        const e = Math.min(g[q + 1]!, b);
        predicted[k]! += e - s;
        x = e;
        q += 3;
      } else {
        countGroundTruth(gt, base + x, base + b, k, tp, predicted);
        x = b;
      }
    }
  }
}

/**
 * Counts the class interiors of one image's two maps (see the header comment). Owns the lookup tables of
 * one matrix's settings and scratch buffers reused across images.
 */
export class BoundaryCounter {
  readonly #settings: ConfusionMatrixSettings;
  readonly #boundary: BoundarySettings;
  readonly #mapPrediction: boolean;
  readonly #luts = new Map<string, { lut: Int32Array; offset: number; cache: boolean }>();
  readonly #interiors: BoundaryInteriors;
  #windows: { width: number; d: number; gt: IntervalWindow; pred: IntervalWindow } | null = null;
  /** The WebAssembly pass for two 8-bit maps; `undefined` until first needed (then the realm's). */
  #kernel: WasmBoundaryKernel | null | undefined;

  /**
   * `kernel`: the WebAssembly pass to use for two 8-bit maps (`null`: JavaScript only, as tests compare
   * the two); by default the realm's, created when first needed.
   */
  constructor(settings: ConfusionMatrixSettings, kernel?: WasmBoundaryKernel | null) {
    this.#kernel = kernel;
    if (settings.boundary === null) throw new Error('BoundaryCounter needs boundary settings');
    this.#settings = settings;
    this.#boundary = settings.boundary;
    this.#mapPrediction = settings.labelMapping?.applyTo !== 'gt';
    const c = settings.numClasses;
    this.#interiors = {
      support: new Float64Array(c),
      predicted: new Float64Array(c),
      tp: new Float64Array(c),
    };
  }

  /** The boundary width d of a `width` × `height` image. */
  dilation(width: number, height: number): number {
    return dilationOf(width, height, this.#boundary.dilationRatio);
  }

  /**
   * The interior counts of an image whose maps the counting pass has validated (same length
   * `width × height`), or `null` when no pixel can be interior (2d + 1 exceeds the width or the height:
   * every pixel of a class is on its boundary). Scratch: valid until the next call.
   */
  interiors(
    prediction: LabelArray,
    groundTruth: LabelArray,
    width: number,
    height: number,
  ): BoundaryInteriors | null {
    const d = this.dilation(width, height);
    const span = 2 * d + 1;
    if (width < span || height < span) return null;
    const c = this.#settings.numClasses;
    const { support, predicted, tp } = this.#interiors;
    support.fill(0);
    predicted.fill(0);
    tp.fill(0);
    const gt = this.#side(groundTruth, true);
    const pred = this.#side(prediction, this.#mapPrediction);
    if (gt.perWord === 4 && pred.perWord === 4) {
      if (this.#kernel === undefined) this.#kernel = wasmBoundaryKernel();
      const kernel = this.#kernel;
      if (
        kernel?.count(
          gt.data as Uint8Array,
          pred.data as Uint8Array,
          width,
          height,
          d,
          c,
          gt.lut,
          pred.lut,
          this.#interiors,
        ) === true
      ) {
        return this.#interiors;
      }
    }
    const windows = this.#windowsFor(width, d);
    const gw = windows.gt;
    const pw = windows.pred;
    for (let e = 0; e < height; e++) {
      const rowStart = e * width;
      const gs = gw.next;
      gw.lengths[gs] = rowInteriors(gt, rowStart, width, d, c, gw.lists, gs * gw.stride);
      const ps = pw.next;
      pw.lengths[ps] = rowInteriors(pred, rowStart, width, d, c, pw.lists, ps * pw.stride);
      const gi = gw.push();
      const pi = pw.push();
      if (gi < 0) continue;
      const base = (e - d) * width;
      addInteriorRow(gw, gi, pw, pi, base, pred, gt, support, predicted, tp);
    }
    return this.#interiors;
  }

  #windowsFor(width: number, d: number): { gt: IntervalWindow; pred: IntervalWindow } {
    let w = this.#windows;
    if (w === null || w.width !== width || w.d !== d) {
      w = { width, d, gt: new IntervalWindow(width, d), pred: new IntervalWindow(width, d) };
      this.#windows = w;
    } else {
      w.gt.reset();
      w.pred.reset();
    }
    return w;
  }

  #side(data: LabelArray, mapped: boolean): Side {
    const kind = lutKind(data);
    const key = `${mapped ? 'mapped' : 'raw'}:${kind ?? 'general'}`;
    let entry = this.#luts.get(key);
    if (entry === undefined) {
      const settings = this.#settings;
      if (kind !== null) {
        const size = kind === 'u8' || kind === 'i8' ? 256 : 65536;
        entry = { lut: buildSlotLut(settings, mapped, 1, kind, 0, size), offset: 0, cache: false };
      } else {
        const range = valueSpan(settings, mapped);
        entry =
          range === null
            ? { lut: new Int32Array(0), offset: 0, cache: true }
            : {
                lut: buildSlotLut(settings, mapped, 1, null, range.offset, range.size),
                offset: range.offset,
                cache: false,
              };
      }
      this.#luts.set(key, entry);
    }
    const view = kind === null ? data : unsignedView(data, kind);
    let words: Uint32Array | null = null;
    let perWord = 1;
    let shift = 0;
    if (view instanceof Uint8Array || view instanceof Uint16Array) {
      perWord = view instanceof Uint8Array ? 4 : 2;
      const bytesPerPixel = 4 / perWord;
      const skew = view.byteOffset & 3;
      shift = skew / bytesPerPixel;
      // whole words inside the map's own bytes (a 16-bit map's offset is even, so its skew is 0 or 2)
      words = new Uint32Array(
        view.buffer,
        view.byteOffset - skew,
        Math.floor((view.length + shift) / perWord),
      );
    }
    return {
      data: view,
      words,
      perWord,
      shift,
      lut: entry.lut,
      offset: entry.offset,
      general: kind === null,
      cache: entry.cache ? new Map() : null,
      settings: this.#settings,
      mapped,
    };
  }
}
