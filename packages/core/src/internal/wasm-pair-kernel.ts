/**
 * A WebAssembly SIMD (v128) version of the 8-bit pair-count kernel, emitted byte by byte here (no
 * toolchain; the output is stored in wasm-kernel-bytes.ts, which a test keeps equal to it, so that start-up
 * loads bytes instead of running the emitter). The module is well under 4 KB, so it compiles synchronously even on a
 * browser's main thread (Chromium refuses synchronous compilation there above 4 KB, 8 MB in recent
 * versions).
 *
 * Memory layout (one instance per realm, created lazily): bytes [0, 256 KiB) hold the 65,536-bin Int32
 * pair histogram `hist[(gt << 8) | pred]`, followed by two {@link WASM_BLOCK}-byte blocks into which
 * the caller copies a slice of the ground truth and of the prediction.
 *
 * The kernel `count(gtPtr, predPtr, n)` (n a positive multiple of 16) run-length encodes the block:
 * it compares 16 pairs at a time with the same 16 pairs shifted by one pixel (`i8x16.shuffle` of the
 * previous and current vectors, two `i8x16.eq`, `v128.and`, `i8x16.bitmask`). A vector without a change
 * of pair costs ~12 instructions for 16 pixels; each change of pair (a set bit, found with `i32.ctz`)
 * adds the finished run's length to its bin. Vectors with {@link DENSE} or more changes (noisy maps) are
 * counted pixel by pixel instead: the 16 pairs become 16-bit lanes (one shuffle per 8) and each adds 1.
 * The work is proportional to pixels / 16 plus the number of runs, whatever the alignment.
 *
 * A second module, {@link shortKernelModuleBytes}, counts 16-bit maps the same way (8 pixels per vector)
 * into a slot histogram through the class lookup tables, which live in its linear memory.
 *
 * Text form: `wasm-pair-kernel.wat` and `wasm-short-kernel.wat` beside this file are the two modules in
 * WebAssembly text (wabt's `wat2wasm` assembles them to exactly these bytes); wasm-kernel-text.test.ts
 * disassembles the emitted bytes and fails when they and the text files drift apart. Change both.
 */

import { name, section, sleb, uleb, vector } from './wasm-emit.js';
import { PAIR_KERNEL_BYTES, SHORT_KERNEL_BYTES } from './wasm-kernel-bytes.js';
import {
  BR_IF,
  ELSE,
  END,
  GET,
  I8X16_BITMASK,
  I8X16_EQ,
  I8X16_SHUFFLE,
  I8X16_SPLAT,
  I16X8_EXTRACT_LANE_U,
  I32,
  I32_ADD,
  I32_AND,
  I32_CONST,
  I32_CTZ,
  I32_GE_U,
  I32_LOAD,
  I32_LOAD8_U,
  I32_LT_U,
  I32_OR,
  I32_POPCNT,
  I32_SHL,
  I32_STORE,
  I32_SUB,
  I32_XOR,
  IF,
  LOOP,
  SET,
  SIMD,
  TEE,
  V128,
  V128_AND,
  V128_LOAD,
  VOID,
} from './wasm-opcodes.js';

/** Bytes per copied block of each map (a multiple of 16). */
export const WASM_BLOCK = 1 << 15;

/** Byte address of the ground-truth block in linear memory (the prediction block follows it). */
export const WASM_GT_BLOCK = 65536 * 4;

/** Vectors with at least this many changes of pair are counted pixel by pixel instead of by runs. */
const DENSE = 8;

/** The instantiated kernel: its linear memory's histogram view, byte view and count function. */
export interface WasmPairKernel {
  /** The 65,536-bin pair histogram living in linear memory at address 0. */
  readonly hist: Int32Array;
  /** All of linear memory, for copying blocks in. */
  readonly bytes: Uint8Array;
  /** Counts the `n` pairs at `gtPtr`/`predPtr` (n a positive multiple of 16) into `hist`. */
  readonly count: (gtPtr: number, predPtr: number, n: number) => void;
}

/** The subset of the WebAssembly JS API used here (the base tsconfig has no DOM or node types). */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** memarg: alignment exponent, offset 0. */
const mem = (align: number) => [align, 0];

/** The module's bytes: memory "m" (exported) and function "c" = count(gtPtr, predPtr, n). */
export function pairKernelModuleBytes(): Uint8Array {
  // params 0 gt, 1 pred, 2 n; i32 locals 3 i, 4 start, 5 cur, 6 mask, 7 j, 8 addr; v128 locals 9 prevG,
  // 10 prevP, 11 g, 12 p, 13 pairs
  const [gt, pred, n, i, start, cur, mask, j, addr, prevG, prevP, g, p, pairs] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ];
  // [previous lane 15, current lanes 0..14]: each lane holds the pixel before it
  const shiftLanes = Array.from({ length: 16 }, (_, k) => 15 + k);
  // ((gt[base] << 8) | pred[base])
  // biome-ignore format: instruction groups
  const pairAt = (base: number) => [
    GET, gt, GET, base, I32_ADD, I32_LOAD8_U, ...mem(0), I32_CONST, 8, I32_SHL,
    GET, pred, GET, base, I32_ADD, I32_LOAD8_U, ...mem(0), I32_OR,
  ];
  // hist[cur] += end - start
  // biome-ignore format: instruction groups
  const addRun = (end: number[]) => [
    GET, cur, I32_CONST, 2, I32_SHL, TEE, addr, GET, addr, I32_LOAD, ...mem(2),
    ...end, GET, start, I32_SUB, I32_ADD, I32_STORE, ...mem(2),
  ];
  // the 16 pairs of a vector as 16-bit lanes pred | gt << 8, in two halves; each adds 1 to its bin
  // biome-ignore format: instruction groups
  const denseCounts = () =>
    [0, 8].flatMap((half) => [
      GET, p, GET, g, ...I8X16_SHUFFLE,
      ...Array.from({ length: 16 }, (_, k) => (k & 1 ? 16 : 0) + half + (k >> 1)),
      SET, pairs,
      ...Array.from({ length: 8 }, (_, lane) => [
        GET, pairs, ...I16X8_EXTRACT_LANE_U, lane, I32_CONST, 2, I32_SHL, TEE, addr,
        GET, addr, I32_LOAD, ...mem(2), I32_CONST, 1, I32_ADD, I32_STORE, ...mem(2),
      ]).flat(),
    ]);
  // biome-ignore format: nested blocks are indented
  const body = [
    ...vector([[6, I32], [5, V128]].map(([count, type]) => [count!, type!])),
    GET, gt, I32_LOAD8_U, ...mem(0), ...I8X16_SPLAT, SET, prevG,
    GET, pred, I32_LOAD8_U, ...mem(0), ...I8X16_SPLAT, SET, prevP,
    I32_CONST, 0, SET, i,
    ...pairAt(i), SET, cur,
    LOOP, VOID,
      GET, gt, GET, i, I32_ADD, ...V128_LOAD, ...mem(0), SET, g,
      GET, pred, GET, i, I32_ADD, ...V128_LOAD, ...mem(0), SET, p,
      GET, prevG, GET, g, ...I8X16_SHUFFLE, ...shiftLanes, GET, g, ...I8X16_EQ,
      GET, prevP, GET, p, ...I8X16_SHUFFLE, ...shiftLanes, GET, p, ...I8X16_EQ,
      ...V128_AND, ...I8X16_BITMASK, I32_CONST, ...sleb(0xffff), I32_XOR, TEE, mask,
      IF, VOID,
       GET, mask, I32_POPCNT, I32_CONST, ...sleb(DENSE), I32_GE_U,
       IF, VOID,
        ...addRun([GET, i]),
        ...denseCounts(),
        GET, i, I32_CONST, 16, I32_ADD, SET, start,
        GET, i, I32_CONST, 15, I32_ADD, SET, j,
        ...pairAt(j), SET, cur,
       ELSE,
        LOOP, VOID,
          GET, i, GET, mask, I32_CTZ, I32_ADD, SET, j,
          ...addRun([GET, j]),
          GET, j, SET, start,
          ...pairAt(j), SET, cur,
          GET, mask, GET, mask, I32_CONST, 1, I32_SUB, I32_AND, TEE, mask,
          BR_IF, 0,
        END,
       END,
      END,
      GET, g, SET, prevG,
      GET, p, SET, prevP,
      GET, i, I32_CONST, 16, I32_ADD, TEE, i, GET, n, I32_LT_U, BR_IF, 0,
    END,
    ...addRun([GET, n]),
    END,
  ];
  const pages = (WASM_GT_BLOCK + 2 * WASM_BLOCK + 65535) >>> 16;
  // biome-ignore format: one section per line
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32]]), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x01, ...uleb(pages), ...uleb(pages)]])),
    ...section(7, vector([[...name('m'), 0x02, 0], [...name('c'), 0x00, 0]])),
    ...section(10, vector([[...uleb(body.length), ...body]])),
  ]);
}

/**
 * Instantiates the kernel through `api` (the realm's `WebAssembly`), or returns `null` when `api` is
 * missing, rejects the module (no SIMD support) or throws (e.g. a content security policy without
 * `wasm-unsafe-eval`).
 */
export function createWasmPairKernel(api: WebAssemblyApi | undefined): WasmPairKernel | null {
  if (api === undefined) return null;
  try {
    // The emitter's output, stored (wasm-kernel-bytes.ts; a test keeps the two equal).
    const bytes = Uint8Array.from(PAIR_KERNEL_BYTES);
    if (!api.validate(bytes)) return null;
    const { exports } = new api.Instance(new api.Module(bytes));
    const memory = exports.m as { buffer: ArrayBuffer };
    return {
      hist: new Int32Array(memory.buffer, 0, 65536),
      bytes: new Uint8Array(memory.buffer),
      count: exports.c as WasmPairKernel['count'],
    };
  } catch {
    return null;
  }
}

let kernel: WasmPairKernel | null | undefined;

/** The realm's kernel ({@link createWasmPairKernel} of `globalThis.WebAssembly`), created on first call. */
export function wasmPairKernel(): WasmPairKernel | null {
  if (kernel === undefined) {
    kernel = createWasmPairKernel((globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly);
  }
  return kernel;
}

// ---------------------------------------------------------------------------------------------------
// The 16-bit kernel
// ---------------------------------------------------------------------------------------------------

/** Pixels per copied block of each 16-bit map (a multiple of 8). */
export const WASM_SHORT_BLOCK = 1 << 14;

/** Byte address of the prediction's slot table (the ground truth's row table is at address 0). */
const SHORT_PRED_TABLE = 65536 * 4;

/** Byte address of the 16-bit ground-truth block (the prediction block follows it). */
export const WASM_SHORT_GT_BLOCK = 2 * 65536 * 4;

/** Byte address of the slot histogram (it grows with linear memory). */
const SHORT_HIST = WASM_SHORT_GT_BLOCK + 2 * 2 * WASM_SHORT_BLOCK;

/** Vectors (8 pixels) with at least this many changes of pair are counted pixel by pixel. */
const SHORT_DENSE = 4;

const I32_LOAD16_U = 0x2f;
const I32_SHR_U = 0x76;
const I16X8_SPLAT = [SIMD, 0x10];
const I16X8_EQ = [SIMD, 0x2d];
const I16X8_BITMASK = [SIMD, 0x84, 0x01];

/** memarg: alignment exponent and a constant byte offset. */
const memAt = (align: number, offset: number) => [align, ...uleb(offset)];

/**
 * The 16-bit module's bytes: memory "m" (exported, growable) and function "c" = count(gtPtr, predPtr, n),
 * n a positive multiple of 8. Linear memory holds the ground truth's row table `gtRow` (65,536 Int32 at
 * 0), the prediction's column table `predCol` (at 256 KiB), the two {@link WASM_SHORT_BLOCK}-pixel
 * blocks, then the slot histogram; each pixel pair (g, p) adds to `hist[gtRow[g] + predCol[p]]`.
 *
 * Same scheme as the 8-bit kernel with 8 lanes of 16 bits: the vectors are compared with themselves
 * shifted by one pixel (`i8x16.shuffle`, `i16x8.eq`, `i16x8.bitmask`); each change of pair adds the
 * finished run to the slot of its pair (two table loads per run, not per pixel); vectors with
 * {@link SHORT_DENSE} or more changes add 1 per pixel.
 */
export function shortKernelModuleBytes(): Uint8Array {
  // params 0 gt, 1 pred, 2 n (pixels); i32 locals 3 i (byte offset), 4 start, 5 cur (slot), 6 mask,
  // 7 j, 8 addr, 9 end (bytes); v128 locals 10 prevG, 11 prevP, 12 g, 13 p
  const [gt, pred, n, i, start, cur, mask, j, addr, end, prevG, prevP, g, p] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ];
  // [previous lane 7, current lanes 0..6] as bytes
  const shiftLanes = Array.from({ length: 16 }, (_, k) => 14 + k);
  // gtRow[gt16 at byte offset base] + predCol[pred16 at byte offset base]
  // biome-ignore format: instruction groups
  const slotAt = (base: number) => [
    GET, gt, GET, base, I32_ADD, I32_LOAD16_U, ...mem(1), I32_CONST, 2, I32_SHL, I32_LOAD, ...mem(2),
    GET, pred, GET, base, I32_ADD, I32_LOAD16_U, ...mem(1), I32_CONST, 2, I32_SHL,
    I32_LOAD, ...memAt(2, SHORT_PRED_TABLE), I32_ADD,
  ];
  // hist[slot] += value
  // biome-ignore format: instruction groups
  const addTo = (slot: number[], value: number[]) => [
    ...slot, I32_CONST, 2, I32_SHL, TEE, addr, GET, addr, I32_LOAD, ...memAt(2, SHORT_HIST),
    ...value, I32_ADD, I32_STORE, ...memAt(2, SHORT_HIST),
  ];
  // hist[cur] += (end - start) / 2 (byte offsets)
  const addRun = (endAt: number[]) =>
    addTo([GET, cur], [...endAt, GET, start, I32_SUB, I32_CONST, 1, I32_SHR_U]);
  // biome-ignore format: instruction groups
  const denseCounts = () =>
    Array.from({ length: 8 }, (_, lane) => addTo([
      GET, g, ...I16X8_EXTRACT_LANE_U, lane, I32_CONST, 2, I32_SHL, I32_LOAD, ...mem(2),
      GET, p, ...I16X8_EXTRACT_LANE_U, lane, I32_CONST, 2, I32_SHL, I32_LOAD, ...memAt(2, SHORT_PRED_TABLE),
      I32_ADD,
    ], [I32_CONST, 1])).flat();
  // biome-ignore format: nested blocks are indented
  const body = [
    ...vector([[7, I32], [4, V128]].map(([count, type]) => [count!, type!])),
    GET, n, I32_CONST, 1, I32_SHL, SET, end,
    GET, gt, I32_LOAD16_U, ...mem(1), ...I16X8_SPLAT, SET, prevG,
    GET, pred, I32_LOAD16_U, ...mem(1), ...I16X8_SPLAT, SET, prevP,
    I32_CONST, 0, SET, i,
    I32_CONST, 0, SET, start,
    ...slotAt(i), SET, cur,
    LOOP, VOID,
      GET, gt, GET, i, I32_ADD, ...V128_LOAD, ...mem(0), SET, g,
      GET, pred, GET, i, I32_ADD, ...V128_LOAD, ...mem(0), SET, p,
      GET, prevG, GET, g, ...I8X16_SHUFFLE, ...shiftLanes, GET, g, ...I16X8_EQ,
      GET, prevP, GET, p, ...I8X16_SHUFFLE, ...shiftLanes, GET, p, ...I16X8_EQ,
      ...V128_AND, ...I16X8_BITMASK, I32_CONST, ...sleb(0xff), I32_XOR, TEE, mask,
      IF, VOID,
       GET, mask, I32_POPCNT, I32_CONST, ...sleb(SHORT_DENSE), I32_GE_U,
       IF, VOID,
        ...addRun([GET, i]),
        ...denseCounts(),
        GET, i, I32_CONST, 16, I32_ADD, SET, start,
        GET, i, I32_CONST, 14, I32_ADD, SET, j,
        ...slotAt(j), SET, cur,
       ELSE,
        LOOP, VOID,
          GET, i, GET, mask, I32_CTZ, I32_CONST, 1, I32_SHL, I32_ADD, SET, j,
          ...addRun([GET, j]),
          GET, j, SET, start,
          ...slotAt(j), SET, cur,
          GET, mask, GET, mask, I32_CONST, 1, I32_SUB, I32_AND, TEE, mask,
          BR_IF, 0,
        END,
       END,
      END,
      GET, g, SET, prevG,
      GET, p, SET, prevP,
      GET, i, I32_CONST, 16, I32_ADD, TEE, i, GET, end, I32_LT_U, BR_IF, 0,
    END,
    ...addRun([GET, end]),
    END,
  ];
  // one page of histogram to start with (16,384 bins: up to 126 classes without growing)
  const pages = (SHORT_HIST >>> 16) + 1;
  // biome-ignore format: one section per line
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32]]), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, ...uleb(pages)]])),
    ...section(7, vector([[...name('m'), 0x02, 0], [...name('c'), 0x00, 0]])),
    ...section(10, vector([[...uleb(body.length), ...body]])),
  ]);
}

/** The instantiated 16-bit kernel; see {@link shortKernelModuleBytes} for its memory layout. */
export interface WasmShortKernel {
  /**
   * The slot histogram in linear memory, `size` bins (grown on demand and zero when new), or `null`
   * when linear memory cannot grow that far. The view returned by the previous call is invalid after
   * a call with a larger size.
   */
  histogram(size: number): Int32Array | null;
  /** True when `hist` is the view last returned by {@link WasmShortKernel.histogram}. */
  owns(hist: Int32Array): boolean;
  /**
   * Adds the pairs of `gt`/`pred` (same length) into `hist[gtRow[g] + predCol[p]]`, `hist` the view
   * last returned by {@link WasmShortKernel.histogram}; the tables (65,536 entries each) are copied into
   * linear memory when they differ (by identity) from the previous call's.
   */
  count(gt: Uint16Array, pred: Uint16Array, gtRow: Int32Array, predCol: Int32Array, hist: Int32Array): void;
}

interface GrowableMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * Instantiates the 16-bit kernel through `api`, or returns `null` when `api` is missing, rejects the
 * module (no SIMD support) or throws (e.g. a content security policy without `wasm-unsafe-eval`).
 */
export function createWasmShortKernel(api: WebAssemblyApi | undefined): WasmShortKernel | null {
  if (api === undefined) return null;
  let memory: GrowableMemory;
  let run: (gtPtr: number, predPtr: number, n: number) => void;
  try {
    const bytes = Uint8Array.from(SHORT_KERNEL_BYTES);
    if (!api.validate(bytes)) return null;
    const { exports } = new api.Instance(new api.Module(bytes));
    memory = exports.m as GrowableMemory;
    run = exports.c as typeof run;
  } catch {
    return null;
  }
  let words = new Int32Array(memory.buffer);
  let shorts = new Uint16Array(memory.buffer);
  let hist = new Int32Array(0);
  let gtTable: Int32Array | null = null;
  let predTable: Int32Array | null = null;
  const gtBlock = WASM_SHORT_GT_BLOCK >>> 1;
  const predBlock = gtBlock + WASM_SHORT_BLOCK;
  return {
    histogram(size: number): Int32Array | null {
      const needed = SHORT_HIST + size * 4;
      if (needed > memory.buffer.byteLength) {
        try {
          memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
        } catch {
          return null;
        }
        words = new Int32Array(memory.buffer);
        shorts = new Uint16Array(memory.buffer);
      }
      if (hist.length !== size || hist.buffer !== memory.buffer) {
        hist = new Int32Array(memory.buffer, SHORT_HIST, size);
      }
      return hist;
    },
    owns: (h) => h === hist && h.buffer === memory.buffer,
    count(gt, pred, gtRow, predCol, h) {
      if (gtRow !== gtTable) {
        words.set(gtRow, 0);
        gtTable = gtRow;
      }
      if (predCol !== predTable) {
        words.set(predCol, SHORT_PRED_TABLE >>> 2);
        predTable = predCol;
      }
      const n = gt.length;
      const vectorEnd = n - (n & 7);
      for (let start = 0; start < vectorEnd; start += WASM_SHORT_BLOCK) {
        const len = Math.min(WASM_SHORT_BLOCK, vectorEnd - start);
        shorts.set(gt.subarray(start, start + len), gtBlock);
        shorts.set(pred.subarray(start, start + len), predBlock);
        run(WASM_SHORT_GT_BLOCK, WASM_SHORT_GT_BLOCK + 2 * WASM_SHORT_BLOCK, len);
      }
      for (let i = vectorEnd; i < n; i++) h[gtRow[gt[i]!]! + predCol[pred[i]!]!]!++;
    },
  };
}

let shortKernel: WasmShortKernel | null | undefined;

/** The realm's 16-bit kernel ({@link createWasmShortKernel} of `globalThis.WebAssembly`), created lazily. */
export function wasmShortKernel(): WasmShortKernel | null {
  if (shortKernel === undefined) {
    shortKernel = createWasmShortKernel((globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly);
  }
  return shortKernel;
}
