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
import { buildSlotLut, classifyValue, type LutKind, lutKind, slotOf, unsignedView } from './label-lut.js';
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

/** Largest span of raw values the general path covers with one lookup table. */
const SPAN_LUT_MAX = 1 << 20;

/**
 * Counts one image into a (C + 2) × (C + 2) float64 histogram of slots (rows = ground truth; slot C =
 * ignored, C + 1 = invalid). Owns the lookup tables of one matrix's settings.
 */
export class ImageCounter {
  readonly #settings: ConfusionMatrixSettings;
  readonly #c: number;
  readonly #stride: number;
  readonly #mapPrediction: boolean;
  readonly #luts = new Map<string, Int32Array>();
  readonly #spanLuts = new Map<string, { lut: Int32Array; offset: number } | null>();
  #acc: Float64Array | null = null;

  constructor(settings: ConfusionMatrixSettings) {
    this.#settings = settings;
    this.#c = settings.numClasses;
    this.#stride = this.#c + 2;
    this.#mapPrediction = settings.labelMapping?.applyTo !== 'gt';
  }

  /** Row stride of the returned histogram: C + 2. */
  get stride(): number {
    return this.#stride;
  }

  /**
   * Counts `prediction` against `groundTruth` (same length, checked by the caller). Returns the slot
   * histogram (a scratch buffer, valid until the next call), or throws the typed error of the first
   * offending pixel.
   */
  count(prediction: LabelArray, groundTruth: LabelArray, options: UpdateOptions): Float64Array {
    let acc = this.#acc;
    if (acc === null) {
      acc = new Float64Array(this.#stride * this.#stride);
      this.#acc = acc;
    } else {
      acc.fill(0);
    }
    if (!this.#countFast(prediction, groundTruth, acc) || this.#hasInvalid(acc)) {
      acc.fill(0);
      this.#countSlow(prediction, groundTruth, options, acc);
    }
    return acc;
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
    const mapping = mapped ? settings.labelMapping : null;
    const candidates = [0, this.#c - 1, ...settings.ignoreIndex];
    if (mapping !== null) for (const [raw] of mapping.table) candidates.push(raw);
    if (mapping?.reduceZeroLabel) for (const v of [...candidates]) candidates.push(v + 1);
    let lo = candidates[0]!;
    let hi = lo;
    for (const v of candidates) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span =
      hi - lo + 1 > SPAN_LUT_MAX
        ? null
        : {
            lut: buildSlotLut(settings, mapped, side === 'gt' ? this.#stride : 1, null, lo, hi - lo + 1),
            offset: lo,
          };
    this.#spanLuts.set(side, span);
    return span;
  }

  /** False when the fast path cannot decide (non-integers, a very wide value range). */
  #countFast(prediction: LabelArray, groundTruth: LabelArray, acc: Float64Array): boolean {
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
    return true;
  }

  #countBytes(
    gt: Uint8Array,
    pred: Uint8Array,
    gtRow: Int32Array,
    predCol: Int32Array,
    acc: Float64Array,
  ): void {
    const n = gt.length;
    for (let start = 0; start < n; start += KERNEL_CHUNK) {
      const end = Math.min(n, start + KERNEL_CHUNK);
      const hist = pairScratch();
      countBytePairs(gt.subarray(start, end), pred.subarray(start, end), hist);
      foldPairs(hist, gtRow, predCol, acc);
      pairHistogramDirty = false;
    }
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

/**
 * Folds the 256 × 256 raw pair histogram through the slot tables into `acc`, clearing it. Nearly all
 * bins are empty (a label map holds a few dozen raw values), so blocks of 8 bins are tested with one
 * OR and skipped when all are zero: one branch per 8 bins instead of per bin.
 */
function foldPairs(hist: Int32Array, gtRow: Int32Array, predCol: Int32Array, acc: Float64Array): void {
  for (let g = 0; g < 256; g++) {
    const row = gtRow[g]!;
    const base = g << 8;
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
      for (let q = 0; q < 8; q++) {
        const v = hist[b + q]!;
        if (v !== 0) {
          acc[row + predCol[p + q]!]! += v;
          hist[b + q] = 0;
        }
      }
    }
  }
}

function describeSample(sampleId: string | undefined): string {
  return sampleId === undefined ? '' : ` in sample "${sampleId}"`;
}

/** Throws the typed error for an invalid label at pixel `index`. */
export function invalidLabel(
  settings: ConfusionMatrixSettings,
  side: 'groundTruth' | 'prediction',
  value: unknown,
  index: number,
  options: UpdateOptions,
): never {
  const { width, sampleId } = options;
  const position =
    width !== undefined && width > 0 ? { index, x: index % width, y: Math.floor(index / width) } : { index };
  const where = 'x' in position ? `pixel ${index} (x=${position.x}, y=${position.y})` : `pixel ${index}`;
  const sideName = side === 'groundTruth' ? 'ground truth' : 'prediction';
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SegmetricsError(
      ErrorCode.LABEL_NOT_INTEGER,
      `${sideName} value ${String(value)} at ${where} is not an integer${describeSample(sampleId)}`,
      { context: { side, value, ...position, sampleId } },
    );
  }
  const ignore = settings.ignoreIndex;
  throw new SegmetricsError(
    ErrorCode.LABEL_OUT_OF_RANGE,
    `${sideName} label ${value} at ${where} is outside [0, ${settings.numClasses})` +
      (ignore.length > 0 ? ` and not an ignore label (${ignore.join(', ')})` : '') +
      describeSample(sampleId),
    { context: { side, value, ...position, sampleId, numClasses: settings.numClasses } },
  );
}
