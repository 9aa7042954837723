/**
 * The per-pixel hot loops. Every kernel adds counts into an Int32 histogram; callers keep each call
 * below 2^30 pixels so no bin can overflow, and fold the histogram into float64 counts afterwards.
 *
 * The word kernels read four 8-bit (or two 16-bit) pixels of each map as one 32-bit word and scan runs
 * of repeated word pairs in a tight inner loop: in piecewise-constant label maps most words equal the
 * previous one, so most of the image costs two loads and two compares per four pixels. Byte lanes of the two words are paired
 * lane by lane, so the platform's endianness does not matter (counting is order-independent).
 */

import { noteCountKernel } from './last-count-kernel.js';
import { WASM_BLOCK, WASM_GT_BLOCK, wasmPairKernel, wasmShortKernel } from './wasm-pair-kernel.js';

/** Largest number of pixels one kernel call may count (keeps Int32 bins below 2^31). */
export const KERNEL_CHUNK = 1 << 30;

/** Pixels per block when one map must be copied to line up with the other's 32-bit alignment. */
const ALIGN_BLOCK = 1 << 16;
let alignBuffer: ArrayBuffer | null = null;

/**
 * `source` copied into a reused 256 KiB scratch buffer at a byte offset congruent to `byteOffset` modulo
 * 4, so that it can be read as 32-bit words in step with the other map. `source` holds at most
 * {@link ALIGN_BLOCK} elements.
 */
function alignedCopy<T extends Uint8Array | Uint16Array>(source: T, byteOffset: number): T {
  if (alignBuffer === null) alignBuffer = new ArrayBuffer(ALIGN_BLOCK * 2 + 4);
  const shift = byteOffset & 3;
  const copy =
    source instanceof Uint8Array
      ? new Uint8Array(alignBuffer, shift, source.length)
      : new Uint16Array(alignBuffer, shift, source.length);
  copy.set(source);
  return copy as T;
}

/**
 * Counts raw (ground truth, prediction) byte pairs into `hist[(gt << 8) | pred]` (65,536 bins).
 * `gt.length === pred.length`, at most {@link KERNEL_CHUNK} pixels.
 */
export function countBytePairs(gt: Uint8Array, pred: Uint8Array, hist: Int32Array): void {
  const n = gt.length;
  const wasm = wasmPairKernel();
  if (wasm !== null && hist === wasm.hist) {
    noteCountKernel('wasm-simd-8bit');
    countBytePairsWasm(gt, pred, wasm.bytes, wasm.count, hist);
    return;
  }
  noteCountKernel('js-8bit');
  if (((gt.byteOffset - pred.byteOffset) & 3) !== 0 && n >= 16) {
    for (let start = 0; start < n; start += ALIGN_BLOCK) {
      const end = Math.min(n, start + ALIGN_BLOCK);
      const g = gt.subarray(start, end);
      countAlignedBytePairs(g, alignedCopy(pred.subarray(start, end), g.byteOffset), hist);
    }
    return;
  }
  countAlignedBytePairs(gt, pred, hist);
}

/**
 * A 65,536-bin Int32 histogram for {@link countBytePairs}: the WebAssembly kernel's histogram in its
 * linear memory when WebAssembly SIMD is available (one per realm: callers must not hold two at once),
 * otherwise a new array. {@link countBytePairs} counts with the WebAssembly kernel exactly when given
 * this array.
 */
export function pairHistogram(): Int32Array {
  return wasmPairKernel()?.hist ?? new Int32Array(65536);
}

/**
 * {@link countBytePairs} through the WebAssembly kernel: copies {@link WASM_BLOCK}-pixel blocks of both
 * maps into linear memory and counts each; the last < 16 pixels are counted here.
 */
function countBytePairsWasm(
  gt: Uint8Array,
  pred: Uint8Array,
  bytes: Uint8Array,
  count: (gtPtr: number, predPtr: number, n: number) => void,
  hist: Int32Array,
): void {
  const n = gt.length;
  const vectorEnd = n - (n & 15);
  for (let start = 0; start < vectorEnd; start += WASM_BLOCK) {
    const len = Math.min(WASM_BLOCK, vectorEnd - start);
    bytes.set(gt.subarray(start, start + len), WASM_GT_BLOCK);
    bytes.set(pred.subarray(start, start + len), WASM_GT_BLOCK + WASM_BLOCK);
    count(WASM_GT_BLOCK, WASM_GT_BLOCK + WASM_BLOCK, len);
  }
  for (let i = vectorEnd; i < n; i++) hist[(gt[i]! << 8) | pred[i]!]!++;
}

/** {@link countBytePairs} for maps whose byte offsets agree modulo 4 (or tiny maps). */
function countAlignedBytePairs(gt: Uint8Array, pred: Uint8Array, hist: Int32Array): void {
  const n = gt.length;
  let head = (4 - (gt.byteOffset & 3)) & 3;
  if (((gt.byteOffset - pred.byteOffset) & 3) !== 0 || head > n) head = n;
  for (let i = 0; i < head; i++) hist[(gt[i]! << 8) | pred[i]!]!++;
  const words = (n - head) >>> 2;
  if (words > 0) {
    const g32 = new Int32Array(gt.buffer, gt.byteOffset + head, words);
    const p32 = new Int32Array(pred.buffer, pred.byteOffset + head, words);
    countByteWords(g32, p32, hist);
  }
  for (let i = head + words * 4; i < n; i++) hist[(gt[i]! << 8) | pred[i]!]!++;
}

function countByteWords(g32: Int32Array, p32: Int32Array, hist: Int32Array): void {
  const words = g32.length;
  let w = 0;
  while (w < words) {
    const g = g32[w]!;
    const p = p32[w]!;
    // scan the run of word pairs equal to this one: two loads and two compares per four pixels
    let end = w + 1;
    while (end < words && g32[end] === g && p32[end] === p) end++;
    const run = end - w;
    hist[((g & 0xff) << 8) | (p & 0xff)]! += run;
    hist[(g & 0xff00) | ((p >>> 8) & 0xff)]! += run;
    hist[((g >>> 8) & 0xff00) | ((p >>> 16) & 0xff)]! += run;
    hist[((g >>> 16) & 0xff00) | (p >>> 24)]! += run;
    w = end;
  }
}

/**
 * An Int32 slot histogram of `size` bins for {@link countShortPairs}, zero when new (callers clear what they count): a view of the
 * 16-bit WebAssembly kernel's linear memory when WebAssembly SIMD is available and memory can grow to
 * `size` (one per realm: a later call may invalidate the previous view, so callers fetch it per use),
 * otherwise a new array. {@link countShortPairs} counts with the WebAssembly kernel exactly when given
 * the view last returned here.
 */
export function shortPairHistogram(size: number): Int32Array {
  const hist = wasmShortKernel()?.histogram(size);
  if (hist != null) return hist;
  if (shortFallback === null || shortFallback.length !== size) shortFallback = new Int32Array(size);
  return shortFallback;
}
let shortFallback: Int32Array | null = null;

/**
 * Counts 16-bit pairs into `hist[gtRow[gt] + predCol[pred]]` through slot lookup tables indexed by raw
 * 16-bit values (65,536 entries each). At most {@link KERNEL_CHUNK} pixels.
 */
export function countShortPairs(
  gt: Uint16Array,
  pred: Uint16Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  hist: Int32Array,
): void {
  const n = gt.length;
  const wasm = wasmShortKernel();
  if (wasm?.owns(hist) && gtRow.length === 65536 && predCol.length === 65536) {
    noteCountKernel('wasm-simd-16bit');
    wasm.count(gt, pred, gtRow, predCol, hist);
    return;
  }
  noteCountKernel('js-16bit');
  if (((gt.byteOffset - pred.byteOffset) & 3) !== 0 && n >= 16) {
    for (let start = 0; start < n; start += ALIGN_BLOCK) {
      const end = Math.min(n, start + ALIGN_BLOCK);
      const g = gt.subarray(start, end);
      countAlignedShortPairs(g, alignedCopy(pred.subarray(start, end), g.byteOffset), gtRow, predCol, hist);
    }
    return;
  }
  countAlignedShortPairs(gt, pred, gtRow, predCol, hist);
}

/** {@link countShortPairs} for maps whose byte offsets agree modulo 4 (or tiny maps). */
function countAlignedShortPairs(
  gt: Uint16Array,
  pred: Uint16Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  hist: Int32Array,
): void {
  const n = gt.length;
  let head = (gt.byteOffset & 3) === 0 ? 0 : 1;
  if (((gt.byteOffset - pred.byteOffset) & 3) !== 0 || head > n) head = n;
  for (let i = 0; i < head; i++) hist[gtRow[gt[i]!]! + predCol[pred[i]!]!]!++;
  const words = (n - head) >>> 1;
  if (words > 0) {
    const g32 = new Int32Array(gt.buffer, gt.byteOffset + head * 2, words);
    const p32 = new Int32Array(pred.buffer, pred.byteOffset + head * 2, words);
    countShortWords(g32, p32, gtRow, predCol, hist);
  }
  for (let i = head + words * 2; i < n; i++) hist[gtRow[gt[i]!]! + predCol[pred[i]!]!]!++;
}

function countShortWords(
  g32: Int32Array,
  p32: Int32Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  hist: Int32Array,
): void {
  const words = g32.length;
  let w = 0;
  while (w < words) {
    const g = g32[w]!;
    const p = p32[w]!;
    let end = w + 1;
    while (end < words && g32[end] === g && p32[end] === p) end++;
    const run = end - w;
    hist[gtRow[g & 0xffff]! + predCol[p & 0xffff]!]! += run;
    hist[gtRow[g >>> 16]! + predCol[p >>> 16]!]! += run;
    w = end;
  }
}

/**
 * The general kernel, for any array kinds: slot of a value `v` is `table[v - offset]` when `v - offset`
 * is an integer in [0, table.length) and `v` a number, otherwise `invalid` (non-integers, NaN, values
 * outside the table, non-numbers in a plain array).
 * Runs of identical (gt, pred) pairs are looked up once. At most {@link KERNEL_CHUNK} pixels.
 */
export function countSlots(
  gt: ArrayLike<number>,
  gtRow: Int32Array,
  gtOffset: number,
  gtInvalid: number,
  pred: ArrayLike<number>,
  predCol: Int32Array,
  predOffset: number,
  predInvalid: number,
  start: number,
  end: number,
  hist: Int32Array,
): void {
  const gtSize = gtRow.length;
  const predSize = predCol.length;
  let i = start;
  while (i < end) {
    const g = gt[i]!;
    const p = pred[i]!;
    let next = i + 1;
    while (next < end && gt[next] === g && pred[next] === p) next++;
    // typeof first: no arithmetic (or valueOf call) on a non-number entry of a plain array
    let gs = gtInvalid;
    if (typeof g === 'number') {
      const gk = g - gtOffset;
      if (gk >>> 0 === gk && gk < gtSize) gs = gtRow[gk]!;
    }
    let ps = predInvalid;
    if (typeof p === 'number') {
      const pk = p - predOffset;
      if (pk >>> 0 === pk && pk < predSize) ps = predCol[pk]!;
    }
    hist[gs + ps]! += next - i;
    i = next;
  }
}
