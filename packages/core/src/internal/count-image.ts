import { ErrorCode, SegmetricsError } from '../errors/segmetrics-error.js';
import type { ConfusionMatrixSettings, LabelArray, UpdateOptions } from '../types.js';
import {
  countBytePairs,
  countShortPairs,
  countSlots,
  KERNEL_CHUNK,
  pairHistogram as kernelPairHistogram,
  shortPairHistogram,
} from './count-kernels.js';
import {
  buildSlotLut,
  classifyValue,
  isUnmappedValue,
  type LutKind,
  lutKind,
  mappedValue,
  slotOf,
  unsignedView,
  valueOfRaw,
  valueSpan,
} from './label-lut.js';
import { noteCountKernel } from './last-count-kernel.js';

/** Below this many pixels, 8-bit maps skip the 65,536-bin pair histogram (its fold costs ~65k steps). */
export const PAIR_HISTOGRAM_MIN_PIXELS = 1 << 15;

/** Module-wide scratch: JavaScript is single-threaded and counting is synchronous, so one suffices. */
let pairHistogram: Int32Array | null = null;
let pairHistogramDirty = false;
let slotHistogram: Int32Array | null = null;
let slotHistogramDirty = false;
let shortHistogramDirty = false;

function pairScratch(): Int32Array {
  if (pairHistogram === null) pairHistogram = kernelPairHistogram();
  else if (pairHistogramDirty) pairHistogram.fill(0);
  pairHistogramDirty = true;
  return pairHistogram;
}

/** The 16-bit kernel's slot histogram (possibly in WebAssembly memory), zeroed. */
function shortScratch(size: number): Int32Array {
  const hist = shortPairHistogram(size);
  if (shortHistogramDirty) hist.fill(0);
  shortHistogramDirty = true;
  return hist;
}

function slotScratch(size: number): Int32Array {
  if (slotHistogram === null || slotHistogram.length < size) {
    slotHistogram = new Int32Array(size);
  } else if (slotHistogramDirty) {
    slotHistogram.fill(0);
  }
  slotHistogramDirty = true;
  return slotHistogram;
}

interface GeneralSide {
  data: ArrayLike<number>;
  lut: Int32Array;
  offset: number;
}

/** Classes from which the 8-bit pair path marks the histogram rows it writes (see `ImageCounter`). */
export const TRACK_ROWS_MIN_CLASSES = 64;

/** One image's counts: the slot histogram and, when asked, predicted-as-ignore pixels by raw value. */
export interface ImageCount {
  /** The (C + 2) × (C + 2) slot histogram: a scratch buffer, valid until the next count. */
  readonly acc: Float64Array;
  /**
   * Per row of `acc` (ground-truth slot): 0 when the row is known to be all zeros, so that readers may
   * skip it; `null` when any row may hold counts. A scratch buffer, valid until the next count.
   */
  readonly rows: Uint8Array | null;
  /**
   * With `splitPredictedIgnore`: raw prediction value → per ground-truth class, the pixels predicted as
   * that (ignored) value; `null` otherwise.
   */
  readonly ignoredByValue: Map<number, Float64Array> | null;
  /**
   * With `splitIgnoredGroundTruth`: raw ground-truth value → raw prediction value → pixels, over the
   * pixels whose ground truth is ignored; `null` otherwise.
   */
  readonly ignoredGroundTruth: PairCounts | null;
}

/** Raw ground-truth value → raw prediction value → pixels (insertion order). */
export type PairCounts = Map<number, Map<number, number>>;

/**
 * Counts one image into a (C + 2) × (C + 2) float64 histogram of slots (rows = ground truth; slot C =
 * ignored, C + 1 = invalid). Owns the lookup tables of one matrix's settings.
 */
export class ImageCounter {
  readonly #settings: ConfusionMatrixSettings;
  readonly #c: number;
  readonly #stride: number;
  readonly #mapPrediction: boolean;
  readonly #split: boolean;
  readonly #splitIgnoredGt: boolean;
  readonly #luts = new Map<string, Int32Array>();
  readonly #spanLuts = new Map<string, { lut: Int32Array; offset: number } | null>();
  #acc: Float64Array | null = null;
  /**
   * Per row of `#acc`: 1 when the last count's fold wrote it; meaningful while `#rowsKnown` (the byte
   * pair path marks the rows it folds, and the next count then clears only those: a label map holds a
   * few of the C classes, and clearing and reading all (C + 2)² entries per image cost more than
   * counting a 512×512 image at 150 classes).
   */
  readonly #rows: Uint8Array;
  #rowsKnown = false;
  /**
   * Whether the pair path marks its rows: from {@link TRACK_ROWS_MIN_CLASSES} classes on (at 150 classes
   * `update` takes 0.85× the time). Below, the whole histogram (≤ 4,356 entries) is cheap to clear and
   * read: at 19–21 classes marking gained nothing measurable (within the ±2 % of an A/A comparison).
   */
  readonly #trackRows: boolean;

  constructor(settings: ConfusionMatrixSettings) {
    this.#settings = settings;
    this.#c = settings.numClasses;
    this.#stride = this.#c + 2;
    this.#mapPrediction = settings.labelMapping?.applyTo !== 'gt';
    this.#split = settings.splitPredictedIgnore;
    this.#splitIgnoredGt = settings.splitIgnoredGroundTruth;
    this.#rows = new Uint8Array(this.#stride);
    this.#trackRows = this.#c >= TRACK_ROWS_MIN_CLASSES;
  }

  /** Row stride of the returned histogram: C + 2. */
  get stride(): number {
    return this.#stride;
  }

  /**
   * Counts `prediction` against `groundTruth` (same length, checked by the caller), or throws the typed
   * error of the first offending pixel.
   */
  count(prediction: LabelArray, groundTruth: LabelArray, options: UpdateOptions): ImageCount {
    let acc = this.#acc;
    const rows = this.#rows;
    const s = this.#stride;
    if (acc === null) {
      acc = new Float64Array(s * s);
      this.#acc = acc;
    } else if (this.#rowsKnown) {
      for (let r = 0; r < s; r++) if (rows[r] === 1) acc.fill(0, r * s, (r + 1) * s);
      rows.fill(0);
    } else {
      acc.fill(0);
    }
    this.#rowsKnown = false;
    const byValue = this.#split ? new Map<number, Float64Array>() : null;
    const pairs: PairCounts | null = this.#splitIgnoredGt ? new Map() : null;
    if (!this.#countFast(prediction, groundTruth, options, acc, byValue, pairs) || this.#hasInvalid(acc)) {
      acc.fill(0);
      if (this.#trackRows) rows.fill(0);
      this.#rowsKnown = false;
      byValue?.clear();
      pairs?.clear();
      this.#countSlow(prediction, groundTruth, options, acc, byValue, pairs);
    }
    return { acc, rows: this.#rowsKnown ? rows : null, ignoredByValue: byValue, ignoredGroundTruth: pairs };
  }

  /** True when some pixel's ground truth is ignored (row C). */
  #hasIgnoredGroundTruth(acc: Float64Array): boolean {
    const c = this.#c;
    const s = this.#stride;
    for (let p = 0; p < s; p++) if (acc[c * s + p] !== 0) return true;
    return false;
  }

  /** True when some pixel with a ground-truth class was predicted as ignored (slot C). */
  #hasPredictedIgnore(acc: Float64Array): boolean {
    const c = this.#c;
    const s = this.#stride;
    for (let g = 0; g < c; g++) if (acc[g * s + c] !== 0) return true;
    return false;
  }

  #hasInvalid(acc: Float64Array): boolean {
    const c = this.#c;
    const s = this.#stride;
    for (let p = 0; p < s; p++) if (acc[(c + 1) * s + p] !== 0) return true;
    for (let g = 0; g < c; g++) if (acc[g * s + c + 1] !== 0) return true;
    return false;
  }

  #kindLut(kind: LutKind, side: 'gt' | 'pred'): Int32Array {
    const mapped = side === 'gt' || this.#mapPrediction;
    const key = `${side}:${kind}`;
    let lut = this.#luts.get(key);
    if (lut === undefined) {
      const size = kind === 'u8' || kind === 'i8' ? 256 : 65536;
      lut = buildSlotLut(this.#settings, mapped, side === 'gt' ? this.#stride : 1, kind, 0, size);
      this.#luts.set(key, lut);
    }
    return lut;
  }

  /**
   * The lookup table of the general path: it covers every raw value that can be valid or ignored
   * (classes, shifted by one under reduce-zero-label, ignore labels, table keys); any value outside it
   * is invalid. `null` when that span is too wide (the slow path counts then).
   */
  #spanLut(side: 'gt' | 'pred'): { lut: Int32Array; offset: number } | null {
    const cached = this.#spanLuts.get(side);
    if (cached !== undefined) return cached;
    const settings = this.#settings;
    const mapped = side === 'gt' || this.#mapPrediction;
    const range = valueSpan(settings, mapped);
    const span =
      range === null
        ? null
        : {
            lut: buildSlotLut(
              settings,
              mapped,
              side === 'gt' ? this.#stride : 1,
              null,
              range.offset,
              range.size,
            ),
            offset: range.offset,
          };
    this.#spanLuts.set(side, span);
    return span;
  }

  /** False when the fast path cannot decide (non-integers, a very wide value range). */
  #countFast(
    prediction: LabelArray,
    groundTruth: LabelArray,
    options: UpdateOptions,
    acc: Float64Array,
    byValue: Map<number, Float64Array> | null,
    pairs: PairCounts | null,
  ): boolean {
    const n = groundTruth.length;
    if (n === 0) return true;
    const gtKind = lutKind(groundTruth);
    const predKind = lutKind(prediction);
    const byteKinds = (k: LutKind | null) => k === 'u8' || k === 'i8';
    if (byteKinds(gtKind) && byteKinds(predKind) && n >= PAIR_HISTOGRAM_MIN_PIXELS) {
      this.#countBytes(
        unsignedView(groundTruth, gtKind!) as Uint8Array,
        unsignedView(prediction, predKind!) as Uint8Array,
        this.#kindLut(gtKind!, 'gt'),
        this.#kindLut(predKind!, 'pred'),
        acc,
        byValue === null ? null : { kind: predKind!, out: byValue },
        pairs === null ? null : { gtKind: gtKind!, predKind: predKind!, out: pairs },
      );
      return true;
    }
    const c = this.#c;
    const s = this.#stride;
    if ((gtKind === 'u16' || gtKind === 'i16') && (predKind === 'u16' || predKind === 'i16')) {
      const gt = unsignedView(groundTruth, gtKind) as Uint16Array;
      const pred = unsignedView(prediction, predKind) as Uint16Array;
      const gtRow = this.#kindLut(gtKind, 'gt');
      const predCol = this.#kindLut(predKind, 'pred');
      const hist = shortScratch(s * s);
      for (let start = 0; start < n; start += KERNEL_CHUNK) {
        const end = Math.min(n, start + KERNEL_CHUNK);
        countShortPairs(gt.subarray(start, end), pred.subarray(start, end), gtRow, predCol, hist);
        drain(hist, acc);
      }
      shortHistogramDirty = false;
      if (byValue !== null && this.#hasPredictedIgnore(acc)) {
        splitIgnored(gt, gtRow, 0, pred, predCol, 0, predKind, c, s, byValue);
      }
      if (pairs !== null && this.#hasIgnoredGroundTruth(acc) && !this.#hasInvalid(acc)) {
        splitIgnoredGroundTruthShort(gt, gtRow, gtKind, pred, predKind, c * s, pairs);
      }
      return true;
    }
    const hist = slotScratch(s * s);
    const gtSide = this.#generalSide(groundTruth, gtKind, 'gt');
    const predSide = gtSide === null ? null : this.#generalSide(prediction, predKind, 'pred');
    if (gtSide === null || predSide === null) {
      slotHistogramDirty = false;
      return false;
    }
    noteCountKernel('general');
    for (let start = 0; start < n; start += KERNEL_CHUNK) {
      const end = Math.min(n, start + KERNEL_CHUNK);
      countSlots(
        gtSide.data,
        gtSide.lut,
        gtSide.offset,
        (c + 1) * s,
        predSide.data,
        predSide.lut,
        predSide.offset,
        c + 1,
        start,
        end,
        hist,
      );
      drain(hist, acc);
    }
    slotHistogramDirty = false;
    if (byValue !== null && this.#hasPredictedIgnore(acc) && !this.#hasInvalid(acc)) {
      splitIgnored(
        gtSide.data,
        gtSide.lut,
        gtSide.offset,
        predSide.data,
        predSide.lut,
        predSide.offset,
        predKind,
        c,
        s,
        byValue,
      );
    }
    if (pairs !== null && this.#hasIgnoredGroundTruth(acc) && !this.#hasInvalid(acc)) {
      splitIgnoredGroundTruth(
        gtSide.data,
        gtSide.lut,
        gtSide.offset,
        gtKind,
        predSide.data,
        predKind,
        c * s,
        pairs,
        options,
      );
    }
    return true;
  }

  #countBytes(
    gt: Uint8Array,
    pred: Uint8Array,
    gtRow: Int32Array,
    predCol: Int32Array,
    acc: Float64Array,
    split: { kind: LutKind; out: Map<number, Float64Array> } | null,
    ignoredGt: { gtKind: LutKind; predKind: LutKind; out: PairCounts } | null,
  ): void {
    const n = gt.length;
    for (let start = 0; start < n; start += KERNEL_CHUNK) {
      const end = Math.min(n, start + KERNEL_CHUNK);
      const hist = pairScratch();
      countBytePairs(gt.subarray(start, end), pred.subarray(start, end), hist);
      if (split !== null) splitPairs(hist, gtRow, predCol, split.kind, this.#c, this.#stride, split.out);
      if (ignoredGt !== null) {
        ignoredGroundTruthPairs(
          hist,
          gtRow,
          this.#c * this.#stride,
          ignoredGt.gtKind,
          ignoredGt.predKind,
          ignoredGt.out,
        );
      }
      foldPairs(hist, gtRow, predCol, acc, this.#trackRows ? this.#rows : null, this.#stride);
      pairHistogramDirty = false;
    }
    this.#rowsKnown = this.#trackRows;
  }

  /** A side of the general path: its lookup table and offset, or `null` when it needs the slow path. */
  #generalSide(data: LabelArray, kind: LutKind | null, side: 'gt' | 'pred'): GeneralSide | null {
    if (kind !== null) return { data: unsignedView(data, kind), lut: this.#kindLut(kind, side), offset: 0 };
    const span = this.#spanLut(side);
    return span === null ? null : { data, lut: span.lut, offset: span.offset };
  }

  /**
   * The reference loop: classifies every pixel with {@link classifyValue}, throws the typed error of the
   * first offending pixel (ground truth checked before prediction; a prediction on an ignored
   * ground-truth pixel is never checked), otherwise counts into `acc`.
   */
  #countSlow(
    prediction: LabelArray,
    groundTruth: LabelArray,
    options: UpdateOptions,
    acc: Float64Array,
    byValue: Map<number, Float64Array> | null,
    pairs: PairCounts | null,
  ): void {
    const settings = this.#settings;
    const c = this.#c;
    const s = this.#stride;
    const mapPred = this.#mapPrediction;
    noteCountKernel('reference');
    const gtCache = new Map<number, number>();
    const predCache = new Map<number, number>();
    const n = groundTruth.length;
    for (let i = 0; i < n; i++) {
      const gv = groundTruth[i]!;
      let g = gtCache.get(gv);
      if (g === undefined) {
        g = slotOf(classifyValue(settings, gv, true), c);
        if (typeof gv === 'number') gtCache.set(gv, g);
      }
      if (g === c) {
        acc[c * s]!++;
        if (pairs !== null) {
          const pv = prediction[i]!;
          if (!Number.isSafeInteger(pv)) unsafePrediction(pv, i, options);
          addPair(pairs, gv as number, pv, 1);
        }
        continue;
      }
      if (g === c + 1) invalidLabel(settings, 'groundTruth', gv, i, options);
      const pv = prediction[i]!;
      let p = predCache.get(pv);
      if (p === undefined) {
        p = slotOf(classifyValue(settings, pv, mapPred), c);
        if (typeof pv === 'number') predCache.set(pv, p);
      }
      if (p === c + 1) invalidLabel(settings, 'prediction', pv, i, options);
      acc[g * s + p]!++;
      if (p === c && byValue !== null) addIgnored(byValue, pv as number, g, 1, c);
    }
  }
}

/** Adds an Int32 slot histogram into the float64 accumulator and clears it. */
function drain(hist: Int32Array, acc: Float64Array): void {
  const size = acc.length;
  for (let i = 0; i < size; i++) {
    const v = hist[i]!;
    if (v !== 0) {
      acc[i]! += v;
      hist[i] = 0;
    }
  }
}

/** `out[value][gtClass] += pixels`, creating the value's row (C zeros) on first use. */
function addIgnored(
  out: Map<number, Float64Array>,
  value: number,
  gtClass: number,
  pixels: number,
  numClasses: number,
): void {
  // -0 (a float map) and 0 are the same raw value
  const key = value === 0 ? 0 : value;
  let row = out.get(key);
  if (row === undefined) {
    row = new Float64Array(numClasses);
    out.set(key, row);
  }
  row[gtClass]! += pixels;
}

/**
 * Splits the predicted-as-ignore pixels of a raw 8-bit pair histogram (before it is folded) by raw
 * prediction value: every pair whose ground truth is a class and whose prediction is ignored.
 */
function splitPairs(
  hist: Int32Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  predKind: LutKind,
  numClasses: number,
  stride: number,
  out: Map<number, Float64Array>,
): void {
  const ignored: number[] = [];
  for (let p = 0; p < 256; p++) if (predCol[p] === numClasses) ignored.push(p);
  if (ignored.length === 0) return;
  const classRows = numClasses * stride;
  for (let g = 0; g < 256; g++) {
    const row = gtRow[g]!;
    if (row >= classRows) continue;
    for (const p of ignored) {
      const v = hist[(g << 8) | p]!;
      if (v !== 0) addIgnored(out, valueOfRaw(predKind, p), row / stride, v, numClasses);
    }
  }
}

/**
 * Splits the predicted-as-ignore pixels of an image by raw prediction value, in a second pass through
 * the same slot tables the kernels used (only with `splitPredictedIgnore`, and only for images that have
 * such pixels; every pixel is known to be valid). Runs of identical pairs are looked up once.
 */
function splitIgnored(
  gt: ArrayLike<number>,
  gtRow: Int32Array,
  gtOffset: number,
  pred: ArrayLike<number>,
  predCol: Int32Array,
  predOffset: number,
  predKind: LutKind | null,
  numClasses: number,
  stride: number,
  out: Map<number, Float64Array>,
): void {
  const classRows = numClasses * stride;
  const n = gt.length;
  let i = 0;
  while (i < n) {
    const g = gt[i]!;
    const p = pred[i]!;
    let next = i + 1;
    while (next < n && gt[next] === g && pred[next] === p) next++;
    const row = gtRow[g - gtOffset]!;
    if (row < classRows && predCol[p - predOffset] === numClasses) {
      const value = predKind === null ? p : valueOfRaw(predKind, p);
      addIgnored(out, value, row / stride, next - i, numClasses);
    }
    i = next;
  }
}

/** `out[gtValue][predValue] += pixels` (-0 and 0 are one value). */
function addPair(out: PairCounts, gtValue: number, predValue: number, pixels: number): void {
  const g = gtValue === 0 ? 0 : gtValue;
  const p = predValue === 0 ? 0 : predValue;
  let row = out.get(g);
  if (row === undefined) {
    row = new Map();
    out.set(g, row);
  }
  row.set(p, (row.get(p) ?? 0) + pixels);
}

/**
 * Adds the pairs of a raw 8-bit pair histogram (before it is folded) whose ground truth is ignored (slot
 * row `ignoredRow`): a read of 256 bins per ignored raw ground-truth value, whatever the image size.
 */
function ignoredGroundTruthPairs(
  hist: Int32Array,
  gtRow: Int32Array,
  ignoredRow: number,
  gtKind: LutKind,
  predKind: LutKind,
  out: PairCounts,
): void {
  for (let g = 0; g < 256; g++) {
    if (gtRow[g] !== ignoredRow) continue;
    const base = g << 8;
    for (let p = 0; p < 256; p++) {
      const v = hist[base + p]!;
      if (v !== 0) addPair(out, valueOfRaw(gtKind, g), valueOfRaw(predKind, p), v);
    }
  }
}

/**
 * Counts the (raw ground truth, raw prediction) pairs of the pixels whose ground truth is ignored, in a
 * second pass through the ground-truth slot table the kernels used (only with `splitIgnoredGroundTruth`,
 * and only for images that have such pixels; every ground-truth value is known to be valid). Runs of
 * identical pairs are counted once. A prediction there that is not a safe integer (possible in float
 * and number arrays) is refused.
 */
function splitIgnoredGroundTruth(
  gt: ArrayLike<number>,
  gtRow: Int32Array,
  gtOffset: number,
  gtKind: LutKind | null,
  pred: ArrayLike<number>,
  predKind: LutKind | null,
  ignoredRow: number,
  out: PairCounts,
  options: UpdateOptions,
): void {
  const n = gt.length;
  let i = 0;
  while (i < n) {
    const g = gt[i]!;
    let next = i + 1;
    if (gtRow[g - gtOffset] !== ignoredRow) {
      while (next < n && gt[next] === g) next++;
      i = next;
      continue;
    }
    const p = pred[i]!;
    while (next < n && gt[next] === g && pred[next] === p) next++;
    if (predKind === null && !Number.isSafeInteger(p)) unsafePrediction(p, i, options);
    addPair(
      out,
      gtKind === null ? g : valueOfRaw(gtKind, g),
      predKind === null ? p : valueOfRaw(predKind, p),
      next - i,
    );
    i = next;
  }
}

/**
 * {@link splitIgnoredGroundTruth} for the 16-bit path: the same loop over `Uint16Array`s only, so that
 * the engine compiles it for one array type (every prediction value is an integer there).
 */
function splitIgnoredGroundTruthShort(
  gt: Uint16Array,
  gtRow: Int32Array,
  gtKind: LutKind,
  pred: Uint16Array,
  predKind: LutKind,
  ignoredRow: number,
  out: PairCounts,
): void {
  const n = gt.length;
  let i = 0;
  while (i < n) {
    const g = gt[i]!;
    let next = i + 1;
    if (gtRow[g] !== ignoredRow) {
      while (next < n && gt[next] === g) next++;
      i = next;
      continue;
    }
    const p = pred[i]!;
    while (next < n && gt[next] === g && pred[next] === p) next++;
    addPair(out, valueOfRaw(gtKind, g), valueOfRaw(predKind, p), next - i);
    i = next;
  }
}

/**
 * Throws for a prediction on an ignored ground-truth pixel that `splitIgnoredGroundTruth` cannot count
 * by value: LABEL_NOT_INTEGER (not an integer) or LABEL_OUT_OF_RANGE (beyond ±(2^53 − 1)).
 */
function unsafePrediction(value: unknown, index: number, options: UpdateOptions): never {
  const { width, sampleId } = options;
  const position =
    width !== undefined && width > 0 ? { index, x: index % width, y: Math.floor(index / width) } : { index };
  const where = 'x' in position ? `pixel ${index} (x=${position.x}, y=${position.y})` : `pixel ${index}`;
  const integer = typeof value === 'number' && Number.isInteger(value);
  throw new SegmetricsError(
    integer ? ErrorCode.LABEL_OUT_OF_RANGE : ErrorCode.LABEL_NOT_INTEGER,
    `prediction value ${String(value)} at ${where}, where the ground truth is ignored, is not ${integer ? 'a safe integer' : 'an integer'}: splitIgnoredGroundTruth counts it by value${describeSample(sampleId)}`,
    { context: { side: 'prediction', value, ...position, sampleId } },
  );
}

/**
 * Folds the 256 × 256 raw pair histogram through the slot tables into `acc`, clearing it, and marks in
 * `rows` (when given; one entry per slot row of `acc`, `stride` entries each) the rows it adds to. Nearly all
 * bins are empty (a label map holds a few dozen raw values), so blocks of 8 bins are tested with one
 * OR and skipped when all are zero: one branch per 8 bins instead of per bin.
 */
function foldPairs(
  hist: Int32Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  acc: Float64Array,
  rows: Uint8Array | null,
  stride: number,
): void {
  for (let g = 0; g < 256; g++) {
    const row = gtRow[g]!;
    const base = g << 8;
    let folded = false;
    for (let p = 0; p < 256; p += 8) {
      const b = base + p;
      if (
        (hist[b]! |
          hist[b + 1]! |
          hist[b + 2]! |
          hist[b + 3]! |
          hist[b + 4]! |
          hist[b + 5]! |
          hist[b + 6]! |
          hist[b + 7]!) ===
        0
      ) {
        continue;
      }
      folded = true;
      for (let q = 0; q < 8; q++) {
        const v = hist[b + q]!;
        if (v !== 0) {
          acc[row + predCol[p + q]!]! += v;
          hist[b + q] = 0;
        }
      }
    }
    if (folded && rows !== null) rows[row / stride] = 1;
  }
}

function describeSample(sampleId: string | undefined): string {
  return sampleId === undefined ? '' : ` in sample "${sampleId}"`;
}

/** Throws the typed error for an invalid label (or instance id) at pixel `index`. */
export function invalidLabel(
  settings: ConfusionMatrixSettings,
  side: 'groundTruth' | 'prediction' | 'instances',
  value: unknown,
  index: number,
  options: UpdateOptions,
): never {
  const { width, sampleId } = options;
  const position =
    width !== undefined && width > 0 ? { index, x: index % width, y: Math.floor(index / width) } : { index };
  const where = 'x' in position ? `pixel ${index} (x=${position.x}, y=${position.y})` : `pixel ${index}`;
  const sideName =
    side === 'groundTruth' ? 'ground truth' : side === 'prediction' ? 'prediction' : 'instance id';
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SegmetricsError(
      ErrorCode.LABEL_NOT_INTEGER,
      `${sideName} value ${String(value)} at ${where} is not an integer${describeSample(sampleId)}`,
      { context: { side, value, ...position, sampleId } },
    );
  }
  const mapped = side === 'groundTruth' || settings.labelMapping?.applyTo !== 'gt';
  if (side !== 'instances' && isUnmappedValue(settings, value, mapped)) {
    throw new SegmetricsError(
      ErrorCode.LABEL_OUT_OF_RANGE,
      `${sideName} label ${value} at ${where} is not in the label mapping table (labelMapping.unmapped: 'invalid')${describeSample(sampleId)}`,
      { context: { side, value, ...position, sampleId, numClasses: settings.numClasses, unmapped: true } },
    );
  }
  const ignore = settings.ignoreIndex;
  // A label mapping may have made the value what is out of range: name both.
  const target = side === 'instances' ? value : mappedValue(settings, value, mapped);
  const shown = target === value ? `${value}` : `${value} (mapped to ${target} by the label mapping)`;
  throw new SegmetricsError(
    ErrorCode.LABEL_OUT_OF_RANGE,
    `${sideName} label ${shown} at ${where} is outside [0, ${settings.numClasses})` +
      (ignore.length > 0 ? ` and not an ignore label (${ignore.join(', ')})` : '') +
      describeSample(sampleId),
    {
      context: {
        side,
        value,
        ...(target === value ? {} : { mappedValue: target }),
        ...position,
        sampleId,
        numClasses: settings.numClasses,
      },
    },
  );
}
