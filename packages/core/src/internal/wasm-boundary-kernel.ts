/**
 * The Boundary IoU row pass of count-boundary.ts for two 8-bit maps, as a WebAssembly SIMD module
 * emitted byte by byte here (no toolchain; the output is stored in wasm-kernel-bytes.ts, which a test
 * keeps equal to it). Same integers as the JavaScript pass, by one of two passes:
 *
 * - the column pass ("c", `runColumns`), when no two bytes of a map share a class and 2d + 1 ≤ 255 (the
 *   default settings, ignore labels, reduce-zero-label, mappings that merge no values): per column a
 *   saturating byte counter of the rows it has kept one raw value for, so a pixel is "vertically
 *   constant" (its column holds one value over the last 2d + 1 rows) when the counter reaches 2d + 1;
 *   then per row one scan (`columns`) of the raw values with the vertically non-constant pixels replaced
 *   by a byte of no class: its runs of a class byte at least 2d + 1 long, shrunk by d, are the interior
 *   of the row d above, whatever d is. 16 columns per SIMD instruction, 128 pixels a step, and a few
 *   instructions per run;
 * - the interval pass ("r", `run`) otherwise: the horizontal interiors of each row (`scan`: class runs at
 *   least 2d + 1 long, shrunk by d) and the vertical sliding tagged intersection of IntervalWindow
 *   (`push`, `intersect`). `scan` finds the changes of raw value 32 pixels at a time (per vector of 16:
 *   `i8x16.shuffle` of the previous and current vectors, `i8x16.eq`, `i8x16.bitmask`).
 *
 * Both then add the interior counts of each complete row (`addRow`, reading the other map only where one
 * map is interior and the other is not: 16 pixels a step with `countRaw`, `countGroundTruthRaw`, inline
 * for pieces of at most 16 pixels, when the map's slot table is a shift (see {@link rawShift}: the
 * default settings and reduce-zero-label), else pixel by pixel through the table with `countClass`,
 * `countGroundTruth`).
 *
 * Text form: `wasm-boundary-kernel.wat` beside this file (wasm-kernel-text.test.ts disassembles the
 * emitted bytes and fails when they and the text drift apart). Change both.
 *
 * Linear memory (growable; the JavaScript side lays it out per image, see {@link boundaryLayout} and
 * {@link columnLayout}): the two 256-entry Int32 slot tables, the Int32 counts `support`, `predicted`,
 * `tp` (C each), then for the interval pass one window per map (prefix and spare list indices, the
 * 2L + 3 list lengths, then the lists of `stride` bytes, 12 bytes per interval), for the column pass the
 * two counter rows and one list per map, then the two maps, each followed by the padding that the last
 * step of the last row may read.
 */

import { name, section, sleb, uleb, vector } from './wasm-emit.js';
import { BOUNDARY_KERNEL_BYTES } from './wasm-kernel-bytes.js';
import {
  BLOCK,
  BR,
  BR_IF,
  CALL,
  ELSE,
  END,
  GET,
  I8X16_ADD_SAT_U,
  I8X16_BITMASK,
  I8X16_EQ,
  I8X16_GE_U,
  I8X16_LT_U,
  I8X16_SHUFFLE,
  I8X16_SPLAT,
  I8X16_SUB,
  I32,
  I32_ADD,
  I32_AND,
  I32_CONST,
  I32_CTZ,
  I32_DIV_U,
  I32_EQ,
  I32_EQZ,
  I32_GE_S,
  I32_GE_U,
  I32_GT_S,
  I32_LE_S,
  I32_LOAD,
  I32_LOAD8_U,
  I32_LT_S,
  I32_LT_U,
  I32_MUL,
  I32_NE,
  I32_OR,
  I32_POPCNT,
  I32_SHL,
  I32_STORE,
  I32_SUB,
  I32_WRAP_I64,
  I32_XOR,
  I64,
  I64_AND,
  I64_CONST,
  I64_CTZ,
  I64_EQZ,
  I64_EXTEND_I32_U,
  I64_OR,
  I64_SHL,
  I64_SUB,
  I64_XOR,
  IF,
  LOOP,
  MEMORY_COPY,
  SELECT,
  SET,
  TEE,
  V128,
  V128_AND,
  V128_BITSELECT,
  V128_LOAD,
  V128_STORE,
  VOID,
} from './wasm-opcodes.js';
import type { WebAssemblyApi } from './wasm-pair-kernel.js';

/** v128.load with its memarg (alignment 0, offset 0). */
const V128_LOAD_0 = [...V128_LOAD, 0, 0];
/** v128.load 16 bytes further on. */
const V128_LOAD_16 = [...V128_LOAD, 0, 16];

const get = (local: number) => [GET, local];
const set = (local: number) => [SET, local];
const tee = (local: number) => [TEE, local];
const i32 = (value: number) => [I32_CONST, ...sleb(value)];
const i64 = (value: number) => [I64_CONST, ...sleb(value)];
/** i32.load / i32.store with a constant byte offset (natural alignment). */
const load = (offset = 0) => [I32_LOAD, 2, ...uleb(offset)];
const store = (offset = 0) => [I32_STORE, 2, ...uleb(offset)];
const load8 = [I32_LOAD8_U, 0, 0];
/** `while (cond) body` (the body must not branch out itself). */
const whileLoop = (cond: number[], body: number[]) => [
  BLOCK,
  VOID,
  LOOP,
  VOID,
  ...cond,
  I32_EQZ,
  BR_IF,
  1,
  ...body,
  BR,
  0,
  END,
  END,
];
/** mem[addr] += value, `addr` an expression without side effects. */
const addTo = (addr: number[], value: number[]) => [
  ...addr,
  ...addr,
  ...load(),
  ...value,
  I32_ADD,
  ...store(),
];
/** select(x, y, x op y): the larger (op = GT_S) or smaller (op = LT_S) of two locals. */
const pick = (x: number, y: number, op: number) => [...get(x), ...get(y), ...get(x), ...get(y), op, SELECT];
/** The slot of the byte at `addr`: lut[byte] (Int32 table at `lut`). */
const slotAt = (addr: number[], lut: number) => [
  ...addr,
  ...load8,
  ...i32(2),
  I32_SHL,
  ...get(lut),
  I32_ADD,
  ...load(),
];

// function indices
const SCAN = 0;
const INTERSECT = 1;
const COUNT_CLASS = 2;
const COUNT_GROUND_TRUTH = 3;
const ADD_ROW = 4;
const PUSH = 5;
const COUNT_RAW = 6;
const COUNT_GROUND_TRUTH_RAW = 7;
const RUN = 8;
const COLUMNS = 9;
const RUN_COLUMNS = 10;

/**
 * scan(row, width, d, lut, c, out) → n: the class runs of the `width` bytes at `row` (adjacent raw values
 * of the same slot merge) at least 2d + 1 long and of a class < c, shrunk by d, written from `out` as
 * (start, end, class) Int32 triples relative to the row; returns their number. (`rowInteriors`)
 */
function scanFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [row, width, d, lut, c, out, i, start, cur, mask, j, slot, o, span, rem, prev, v, w] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
  ];
  // [previous lane 15, current lanes 0..14]: each lane holds the pixel before it
  const shiftLanes = Array.from({ length: 16 }, (_, k) => 15 + k);
  // biome-ignore format: instruction groups
  const closeRun = (end: number[]) => [
    ...get(cur), ...get(c), I32_LT_U, ...end, ...get(start), I32_SUB, ...get(span), I32_GE_S, I32_AND,
    IF, VOID,
      ...get(o), ...get(start), ...get(d), I32_ADD, ...store(0),
      ...get(o), ...end, ...get(d), I32_SUB, ...store(4),
      ...get(o), ...get(cur), ...store(8),
      ...get(o), ...i32(12), I32_ADD, ...set(o),
    END,
  ];
  // biome-ignore format: nested blocks are indented
  const body = [
    ...get(d), ...i32(1), I32_SHL, ...i32(1), I32_ADD, ...set(span),
    ...get(out), ...set(o),
    ...get(row), ...load8, ...I8X16_SPLAT, ...set(prev),
    ...i32(0), ...set(start),
    ...slotAt(get(row), lut), ...set(cur),
    ...i32(0), ...set(i),
    LOOP, VOID,
      // a bit per pixel of the 32 from i that differs from the pixel before it
      ...get(row), ...get(i), I32_ADD, ...V128_LOAD_0, ...set(v),
      ...get(row), ...get(i), I32_ADD, ...V128_LOAD_16, ...set(w),
      ...get(prev), ...get(v), ...I8X16_SHUFFLE, ...shiftLanes, ...get(v), ...I8X16_EQ, ...I8X16_BITMASK,
      ...get(v), ...get(w), ...I8X16_SHUFFLE, ...shiftLanes, ...get(w), ...I8X16_EQ, ...I8X16_BITMASK,
      ...i32(16), I32_SHL, I32_OR, ...i32(-1), I32_XOR, ...set(mask),
      // lanes past the row's end
      ...get(width), ...get(i), I32_SUB, ...tee(rem), ...i32(32), I32_LT_U,
      IF, VOID,
        ...get(mask), ...i32(1), ...get(rem), I32_SHL, ...i32(1), I32_SUB, I32_AND, ...set(mask),
      END,
      ...get(mask),
      IF, VOID,
        LOOP, VOID,
          ...get(i), ...get(mask), I32_CTZ, I32_ADD, ...set(j),
          ...slotAt([...get(row), ...get(j), I32_ADD], lut), ...tee(slot), ...get(cur), I32_NE,
          IF, VOID,
            ...closeRun(get(j)),
            ...get(j), ...set(start),
            ...get(slot), ...set(cur),
          END,
          ...get(mask), ...get(mask), ...i32(1), I32_SUB, I32_AND, ...tee(mask),
          BR_IF, 0,
        END,
      END,
      ...get(w), ...set(prev),
      ...get(i), ...i32(32), I32_ADD, ...tee(i), ...get(width), I32_LT_U,
      BR_IF, 0,
    END,
    ...closeRun(get(width)),
    ...get(o), ...get(out), I32_SUB, ...i32(12), I32_DIV_U,
    END,
  ];
  return {
    params: 6,
    result: true,
    locals: [
      [9, I32],
      [3, V128],
    ],
    body,
  };
}

/**
 * intersect(a, na, b, nb, out) → n: the tagged intersection of the `na` intervals at `a` and the `nb` at
 * `b` (sorted, disjoint) written from `out`; returns its length. (IntervalWindow's `intersect`)
 */
function intersectFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [a, na, b, nb, out, aEnd, bEnd, x, y, lo, hi, o] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  // biome-ignore format: nested blocks are indented
  const body = [
    ...get(a), ...get(na), ...i32(12), I32_MUL, I32_ADD, ...set(aEnd),
    ...get(b), ...get(nb), ...i32(12), I32_MUL, I32_ADD, ...set(bEnd),
    ...get(out), ...set(o),
    ...whileLoop([...get(a), ...get(aEnd), I32_LT_U, ...get(b), ...get(bEnd), I32_LT_U, I32_AND], [
      ...get(a), ...load(4), ...set(x),
      ...get(b), ...load(4), ...set(y),
      ...get(a), ...load(0), ...set(lo),
      ...get(b), ...load(0), ...set(hi),
      ...pick(lo, hi, I32_GT_S), ...set(lo),
      ...pick(x, y, I32_LT_S), ...set(hi),
      // written in any case (the list has room for one more), kept when not empty and of one class
      ...get(o), ...get(lo), ...store(0),
      ...get(o), ...get(hi), ...store(4),
      ...get(o), ...get(a), ...load(8), ...store(8),
      ...get(o), ...i32(12), I32_ADD, ...get(o),
      ...get(lo), ...get(hi), I32_LT_S, ...get(a), ...load(8), ...get(b), ...load(8), I32_EQ, I32_AND,
      SELECT, ...set(o),
      // a moves on when its interval ends first (or both end together), b otherwise
      ...get(x), ...get(y), I32_LE_S,
      IF, VOID,
        ...get(a), ...i32(12), I32_ADD, ...set(a),
      ELSE,
        ...get(b), ...i32(12), I32_ADD, ...set(b),
      END,
    ]),
    ...get(o), ...get(out), I32_SUB, ...i32(12), I32_DIV_U,
    END,
  ];
  return { params: 5, result: true, locals: [[7, I32]], body };
}

/** countClass(from, to, k, lut) → n: the bytes in [from, to) whose slot is k. */
function countClassFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [from, to, k, lut, n] = [0, 1, 2, 3, 4];
  // biome-ignore format: instruction groups
  const body = [
    ...i32(0), ...set(n),
    ...whileLoop([...get(from), ...get(to), I32_LT_U], [
      ...get(n), ...slotAt(get(from), lut), ...get(k), I32_EQ, I32_ADD, ...set(n),
      ...get(from), ...i32(1), I32_ADD, ...set(from),
    ]),
    ...get(n),
    END,
  ];
  return { params: 4, result: true, locals: [[1, I32]], body };
}

/**
 * countGroundTruth(from, to, k, lut, c, tpAt, predictedAt): over the ground-truth bytes [from, to), adds
 * those of slot k to mem[tpAt] and the valid ones (slot < c) to mem[predictedAt].
 */
function countGroundTruthFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [from, to, k, lut, c, tpAt, predictedAt, same, valid, s] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // biome-ignore format: instruction groups
  const body = [
    ...i32(0), ...set(same),
    ...i32(0), ...set(valid),
    ...whileLoop([...get(from), ...get(to), I32_LT_U], [
      ...get(same), ...slotAt(get(from), lut), ...tee(s), ...get(k), I32_EQ, I32_ADD, ...set(same),
      ...get(valid), ...get(s), ...get(c), I32_LT_U, I32_ADD, ...set(valid),
      ...get(from), ...i32(1), I32_ADD, ...set(from),
    ]),
    ...addTo(get(tpAt), get(same)),
    ...addTo(get(predictedAt), get(valid)),
    END,
  ];
  return { params: 7, result: false, locals: [[3, I32]], body };
}

/**
 * The 16 bits of lanes [0, rem) (all 16 when rem ≥ 16) of an i8x16 comparison's bitmask: the lanes of
 * [from, to) when rem = to − from.
 */
// biome-ignore format: instruction groups
const inRange = (rem: number) => [
  ...i32(1), ...get(rem), I32_SHL, ...i32(1), I32_SUB, ...i32(0xffff), ...get(rem), ...i32(16), I32_LT_U, SELECT,
  I32_AND,
];

/**
 * countRaw(from, to, raw) → n: the bytes in [from, to) equal to `raw`, 16 a step (countClass when the
 * slot table is a shift, see {@link rawShift}: slot k is the one byte k + shift). Reads up to 15 bytes
 * past `to`.
 */
function countRawFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [from, to, raw, n, rem, wanted] = [0, 1, 2, 3, 4, 5];
  // biome-ignore format: instruction groups
  const body = [
    ...i32(0), ...set(n),
    ...get(raw), ...I8X16_SPLAT, ...set(wanted),
    ...whileLoop([...get(from), ...get(to), I32_LT_U], [
      ...get(to), ...get(from), I32_SUB, ...set(rem),
      ...get(from), ...V128_LOAD_0, ...get(wanted), ...I8X16_EQ, ...I8X16_BITMASK, ...inRange(rem),
      I32_POPCNT, ...get(n), I32_ADD, ...set(n),
      ...get(from), ...i32(16), I32_ADD, ...set(from),
    ]),
    ...get(n),
    END,
  ];
  return {
    params: 3,
    result: true,
    locals: [
      [2, I32],
      [1, V128],
    ],
    body,
  };
}

/**
 * countGroundTruthRaw(from, to, raw, shift, c, tpAt, predictedAt): countGroundTruth when the slot table
 * is a shift (slot k is the byte k + shift, the valid bytes are [shift, shift + c)), 16 bytes a step:
 * adds the bytes equal to `raw` to mem[tpAt] and the valid ones to mem[predictedAt]. Reads up to 15
 * bytes past `to`.
 */
function countGroundTruthRawFunction(): {
  params: number;
  result: boolean;
  locals: number[][];
  body: number[];
} {
  const [from, to, raw, shift, c, tpAt, predictedAt, same, valid, rem, v, wanted, low, classes] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ];
  // biome-ignore format: instruction groups
  const body = [
    ...i32(0), ...set(same),
    ...i32(0), ...set(valid),
    ...get(raw), ...I8X16_SPLAT, ...set(wanted),
    ...get(shift), ...I8X16_SPLAT, ...set(low),
    ...get(c), ...I8X16_SPLAT, ...set(classes),
    ...whileLoop([...get(from), ...get(to), I32_LT_U], [
      ...get(to), ...get(from), I32_SUB, ...set(rem),
      ...get(from), ...V128_LOAD_0, ...set(v),
      ...get(v), ...get(wanted), ...I8X16_EQ, ...I8X16_BITMASK, ...inRange(rem),
      I32_POPCNT, ...get(same), I32_ADD, ...set(same),
      // valid: byte − shift < c, unsigned (wrapping below shift)
      ...get(v), ...get(low), ...I8X16_SUB, ...get(classes), ...I8X16_LT_U, ...I8X16_BITMASK, ...inRange(rem),
      I32_POPCNT, ...get(valid), I32_ADD, ...set(valid),
      ...get(from), ...i32(16), I32_ADD, ...set(from),
    ]),
    ...addTo(get(tpAt), get(same)),
    ...addTo(get(predictedAt), get(valid)),
    END,
  ];
  return {
    params: 7,
    result: false,
    locals: [
      [3, I32],
      [4, V128],
    ],
    body,
  };
}

/**
 * addRow(g, gEnd, p, pEnd, gRow, pRow, lutG, lutP, c, counts, shiftG, shiftP): one row's interior counts
 * (see count-boundary.ts `addInteriorRow`) from the ground-truth interior [g, gEnd) and the predicted one
 * [p, pEnd); `gRow`/`pRow` are the row's bytes; `counts` holds support, predicted and tp (C Int32 each);
 * `shiftG`/`shiftP` are the maps' {@link rawShift} (−1: none, read the slot tables byte by byte). With a
 * shift, a piece of at most 16 pixels is read with one vector inline (`n`: its length, then its lane
 * mask; `bytes`: its pixels), longer ones by `countRaw` / `countGroundTruthRaw`.
 */
function addRowFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [g, gEnd, p, pEnd, gRow, pRow, lutG, lutP, c, counts, shiftG, shiftP] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
  ];
  const [o, j, a, b, k, x, q, s, e, tpAt, ownAt, n] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const bytes = 24;
  // one map's interiors [from, fromEnd) against the other's [other, otherEnd): `ownBase` is the address
  // of the per-class array that `ownAt` points into (k's entry), `perInterval` runs once per interval,
  // `inside` adds the piece [s, e) where both maps are interior, `outside(to)` the piece [x, to) where
  // only the first one is
  // biome-ignore format: nested blocks are indented
  const pass = (
    from: number, fromEnd: number, other: number, otherEnd: number, ownBase: number[],
    perInterval: number[], inside: number[], outside: (to: number) => number[],
  ) => [
    ...get(other), ...set(j),
    ...get(from), ...set(o),
    ...whileLoop([...get(o), ...get(fromEnd), I32_LT_U], [
      ...get(o), ...load(0), ...set(a),
      ...get(o), ...load(4), ...set(b),
      ...get(o), ...load(8), ...set(k),
      ...ownBase, ...get(k), ...i32(2), I32_SHL, I32_ADD, ...set(ownAt),
      ...get(counts), ...get(c), ...i32(3), I32_SHL, I32_ADD, ...get(k), ...i32(2), I32_SHL, I32_ADD, ...set(tpAt),
      ...perInterval,
      // skip the other map's intervals that end at or before a
      ...whileLoop([...get(j), ...get(otherEnd), I32_LT_U, ...get(j), ...load(4), ...get(a), I32_LE_S, I32_AND], [
        ...get(j), ...i32(12), I32_ADD, ...set(j),
      ]),
      ...get(a), ...set(x),
      ...get(j), ...set(q),
      ...whileLoop([...get(x), ...get(b), I32_LT_S], [
        ...get(q), ...get(otherEnd), I32_LT_U, ...get(q), ...load(0), ...get(b), I32_LT_S, I32_AND,
        IF, VOID,
          ...get(q), ...load(0), ...set(s),
          ...pick(s, x, I32_GT_S), ...set(s),
          ...get(s), ...get(x), I32_GT_S,
          IF, VOID,
            ...outside(s),
          END,
          ...get(q), ...load(4), ...set(e),
          ...pick(e, b, I32_LT_S), ...set(e),
          ...inside,
          ...get(e), ...set(x),
          ...get(q), ...i32(12), I32_ADD, ...set(q),
        ELSE,
          ...outside(b),
          ...get(b), ...set(x),
        END,
      ]),
      ...get(o), ...i32(12), I32_ADD, ...set(o),
    ]),
  ];
  // biome-ignore format: instruction groups
  const body = [
    // ground-truth interiors: support[k] += b − a; tp[k] += |IG(k) ∩ IP(k)| + |IG(k) ∩ P ∖ IP|
    ...pass(g, gEnd, p, pEnd, get(counts),
      addTo(get(ownAt), [...get(b), ...get(a), I32_SUB]),
      [...get(q), ...load(8), ...get(k), I32_EQ, IF, VOID, ...addTo(get(tpAt), [...get(e), ...get(s), I32_SUB]), END],
      (to) => [
        ...get(shiftP), ...i32(0), I32_GE_S,
        IF, VOID,
          ...get(to), ...get(x), I32_SUB, ...tee(n), ...i32(16), I32_LE_S,
          IF, VOID,
            ...addTo(get(tpAt), [
              ...get(pRow), ...get(x), I32_ADD, ...V128_LOAD_0, ...get(k), ...get(shiftP), I32_ADD, ...I8X16_SPLAT,
              ...I8X16_EQ, ...I8X16_BITMASK, ...i32(1), ...get(n), I32_SHL, ...i32(1), I32_SUB, I32_AND, I32_POPCNT,
            ]),
          ELSE,
            ...addTo(get(tpAt), [
              ...get(pRow), ...get(x), I32_ADD, ...get(pRow), ...get(to), I32_ADD, ...get(k), ...get(shiftP), I32_ADD,
              CALL, COUNT_RAW,
            ]),
          END,
        ELSE,
          ...addTo(get(tpAt), [
            ...get(pRow), ...get(x), I32_ADD, ...get(pRow), ...get(to), I32_ADD, ...get(k), ...get(lutP),
            CALL, COUNT_CLASS,
          ]),
        END,
      ],
    ),
    // predicted interiors: predicted[k] += |IP(k) ∩ IG| + |IP(k) ∩ valid ∖ IG|; tp[k] += |IP(k) ∩ G ∖ IG|
    ...pass(p, pEnd, g, gEnd, [...get(counts), ...get(c), ...i32(2), I32_SHL, I32_ADD],
      [],
      addTo(get(ownAt), [...get(e), ...get(s), I32_SUB]),
      (to) => [
        ...get(shiftG), ...i32(0), I32_GE_S,
        IF, VOID,
          ...get(to), ...get(x), I32_SUB, ...tee(n), ...i32(16), I32_LE_S,
          IF, VOID,
            ...get(gRow), ...get(x), I32_ADD, ...V128_LOAD_0, ...set(bytes),
            ...i32(1), ...get(n), I32_SHL, ...i32(1), I32_SUB, ...set(n),
            ...addTo(get(tpAt), [
              ...get(bytes), ...get(k), ...get(shiftG), I32_ADD, ...I8X16_SPLAT, ...I8X16_EQ, ...I8X16_BITMASK,
              ...get(n), I32_AND, I32_POPCNT,
            ]),
            ...addTo(get(ownAt), [
              ...get(bytes), ...get(shiftG), ...I8X16_SPLAT, ...I8X16_SUB, ...get(c), ...I8X16_SPLAT, ...I8X16_LT_U,
              ...I8X16_BITMASK, ...get(n), I32_AND, I32_POPCNT,
            ]),
          ELSE,
            ...get(gRow), ...get(x), I32_ADD, ...get(gRow), ...get(to), I32_ADD, ...get(k), ...get(shiftG), I32_ADD,
            ...get(shiftG), ...get(c), ...get(tpAt), ...get(ownAt), CALL, COUNT_GROUND_TRUTH_RAW,
          END,
        ELSE,
          ...get(gRow), ...get(x), I32_ADD, ...get(gRow), ...get(to), I32_ADD, ...get(k), ...get(lutG), ...get(c),
          ...get(tpAt), ...get(ownAt), CALL, COUNT_GROUND_TRUTH,
        END,
      ],
    ),
    END,
  ];
  return {
    params: 12,
    result: false,
    locals: [
      [12, I32],
      [1, V128],
    ],
    body,
  };
}

/**
 * push(w, lists, stride, span, slot, e) → list: IntervalWindow's `push` for the window at `w` (prefix and
 * spare list indices, then the 2L + 3 list lengths) whose lists start at `lists`, `stride` bytes each:
 * row `e` (in block slot `slot` = e mod L) has just been written into list `slot`. Returns the index of
 * the list that holds the interior of row e − d, or −1 while fewer than L rows are in.
 */
function pushFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [w, lists, stride, span, slot, e, prefix, spare, result, t, jj] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const list = (index: number[]) => [...index, ...get(stride), I32_MUL, ...get(lists), I32_ADD];
  const lengthAt = (index: number[]) => [...index, ...i32(2), I32_SHL, ...get(w), I32_ADD];
  const length = (index: number[]) => [...lengthAt(index), ...load(8)];
  // biome-ignore format: instruction groups
  const copy = (from: number[], to: number[]) => [
    ...list(to), ...list(from), ...length(from), ...i32(12), I32_MUL, ...MEMORY_COPY,
    ...lengthAt(to), ...length(from), ...store(8),
  ];
  // biome-ignore format: instruction groups
  const intersect = (x: number[], y: number[], out: number[]) => [
    ...lengthAt(out), ...list(x), ...length(x), ...list(y), ...length(y), ...list(out), CALL, INTERSECT,
    ...store(8),
  ];
  const spanPlus = (index: number[]) => [...get(span), ...index, I32_ADD];
  // biome-ignore format: nested blocks are indented
  const body = [
    ...get(w), ...load(0), ...set(prefix),
    ...get(w), ...load(4), ...set(spare),
    // P: the row's list at a block's start, else P ∩ S(row)
    ...get(slot), I32_EQZ,
    IF, VOID,
      ...copy(get(slot), get(prefix)),
    ELSE,
      ...intersect(get(prefix), get(slot), get(spare)),
      ...get(prefix), ...set(t),
      ...get(spare), ...set(prefix),
      ...get(t), ...set(spare),
    END,
    // the window of rows e − 2d … e: P alone when it starts a block, else Q(its first row) ∩ P
    ...i32(-1), ...set(result),
    ...get(e), ...get(span), ...i32(1), I32_SUB, I32_GE_S,
    IF, VOID,
      ...get(slot), ...i32(1), I32_ADD, ...get(span), I32_EQ,
      IF, VOID,
        ...get(prefix), ...set(result),
      ELSE,
        ...intersect(spanPlus([...get(slot), ...i32(1), I32_ADD]), get(prefix), [...get(span), ...i32(1), I32_SHL, ...i32(2), I32_ADD]),
        ...get(span), ...i32(1), I32_SHL, ...i32(2), I32_ADD, ...set(result),
      END,
    END,
    // a complete block: its suffix intersections Q, for the windows that start inside it
    ...get(slot), ...i32(1), I32_ADD, ...get(span), I32_EQ,
    IF, VOID,
      ...copy(get(slot), spanPlus(get(slot))),
      ...get(slot), ...set(jj),
      ...whileLoop([...get(jj), ...i32(0), I32_GT_S], [
        ...get(jj), ...i32(1), I32_SUB, ...set(jj),
        ...intersect(get(jj), spanPlus([...get(jj), ...i32(1), I32_ADD]), spanPlus(get(jj))),
      ]),
    END,
    ...get(w), ...get(prefix), ...store(0),
    ...get(w), ...get(spare), ...store(4),
    ...get(result),
    END,
  ];
  return { params: 6, result: true, locals: [[5, I32]], body };
}

/**
 * run(gt, pred, width, height, d, c, lutG, lutP, counts, wg, wp, listsG, listsP, stride, shiftG, shiftP):
 * the whole pass over a `width` × `height` image (2d + 1 ≤ both) whose maps are at `gt` and `pred`; adds
 * the interior counts into `counts` (zero before the call). `wg`/`wp` are the two windows, their lists at
 * `listsG`/`listsP`, `stride` bytes per list; `shiftG`/`shiftP` the maps' {@link rawShift} or −1.
 */
function runFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [gt, pred, width, height, d, c, lutG, lutP, counts, wg, wp, listsG, listsP, stride, shiftG, shiftP] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const [span, slot, e, gi, pi, base, gl, pl] = [16, 17, 18, 19, 20, 21, 22, 23];
  // biome-ignore format: instruction groups
  const scanInto = (map: number, lut: number, w: number, lists: number) => [
    ...get(w), ...get(slot), ...i32(2), I32_SHL, I32_ADD,
    ...get(map), ...get(e), ...get(width), I32_MUL, I32_ADD, ...get(width), ...get(d), ...get(lut), ...get(c),
    ...get(lists), ...get(slot), ...get(stride), I32_MUL, I32_ADD, CALL, SCAN,
    ...store(8),
  ];
  // biome-ignore format: instruction groups
  const startWindow = (w: number) => [
    ...get(w), ...get(span), ...i32(1), I32_SHL, ...store(0),
    ...get(w), ...get(span), ...i32(1), I32_SHL, ...i32(1), I32_ADD, ...store(4),
  ];
  // biome-ignore format: instruction groups
  const listBounds = (lists: number, index: number, w: number, local: number) => [
    ...get(lists), ...get(index), ...get(stride), I32_MUL, I32_ADD, ...tee(local),
    ...get(local), ...get(w), ...get(index), ...i32(2), I32_SHL, I32_ADD, ...load(8), ...i32(12), I32_MUL, I32_ADD,
  ];
  // biome-ignore format: nested blocks are indented
  const body = [
    ...get(d), ...i32(1), I32_SHL, ...i32(1), I32_ADD, ...set(span),
    ...startWindow(wg),
    ...startWindow(wp),
    ...i32(0), ...set(slot),
    ...i32(0), ...set(e),
    LOOP, VOID,
      ...scanInto(gt, lutG, wg, listsG),
      ...scanInto(pred, lutP, wp, listsP),
      ...get(wg), ...get(listsG), ...get(stride), ...get(span), ...get(slot), ...get(e), CALL, PUSH, ...set(gi),
      ...get(wp), ...get(listsP), ...get(stride), ...get(span), ...get(slot), ...get(e), CALL, PUSH, ...set(pi),
      ...get(gi), ...i32(0), I32_GE_S,
      IF, VOID,
        ...get(e), ...get(d), I32_SUB, ...get(width), I32_MUL, ...set(base),
        ...listBounds(listsG, gi, wg, gl),
        ...listBounds(listsP, pi, wp, pl),
        ...get(gt), ...get(base), I32_ADD, ...get(pred), ...get(base), I32_ADD,
        ...get(lutG), ...get(lutP), ...get(c), ...get(counts), ...get(shiftG), ...get(shiftP),
        CALL, ADD_ROW,
      END,
      ...get(slot), ...i32(1), I32_ADD, ...tee(slot), ...get(span), I32_EQ,
      IF, VOID,
        ...i32(0), ...set(slot),
      END,
      ...get(e), ...i32(1), I32_ADD, ...tee(e), ...get(height), I32_LT_S,
      BR_IF, 0,
    END,
    END,
  ];
  return { params: 16, result: false, locals: [[8, I32]], body };
}

/**
 * columns(row, above, counters, width, d, lut, c, out, other) → n: the interior of row e − d of one map,
 * from row e (at `row`; `above` is row e − 1, or row e itself when e = 0), written from `out` as
 * (start, end, class) triples; returns their number. `counters` holds a byte per column (zero before
 * row 0): how many rows, ending at row e, the column has kept one raw value, saturating at 255; a pixel
 * of row e is "vertically constant" when its column's counter is at least 2d + 1 (2d + 1 ≤ 255): its
 * column holds one raw value over rows e − 2d … e. The row's "keys" are its raw values where vertically
 * constant and `other` (a byte of no class) elsewhere; a run of one key at least 2d + 1 long whose key
 * is a class byte (and whose first pixel is vertically constant, as `other` itself may be a raw value)
 * is then a (2d + 1)² square of one raw value around each of its pixels but the d at both ends: the
 * interior of row e − d, when no two bytes share a class (see {@link columnKey}).
 * 128 pixels a step: the counters and keys 16 at a time, then per 64 pixels an i64 with a bit per pixel
 * whose key differs from the one before it (as in `scan`), each set bit (i64.ctz) ending a run.
 */
function columnsFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [row, above, counters, width, d, lut, c, out, other] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [i, start, j, o, span, rem, slot] = [9, 10, 11, 12, 13, 14, 15];
  const [prev, count, spanV, otherV, one] = [16, 17, 18, 19, 20];
  /** The keys of the step's 128 pixels, 16 per vector. */
  const keys = [21, 22, 23, 24, 25, 26, 27, 28];
  /** The change bits of pixels 0–63 and 64–127 of the step. */
  const bits = [29, 30];
  const shiftLanes = Array.from({ length: 16 }, (_, k) => 15 + k);
  const at = (base: number) => [...get(base), ...get(i), I32_ADD];
  // the counters of 16 columns: + 1 (saturating) where the raw value is the one above, else 1; then
  // their keys
  // biome-ignore format: instruction groups
  const step16 = (offset: number, into: number) => [
    ...at(counters),
    ...at(counters), ...V128_LOAD, 0, offset,
    ...at(row), ...V128_LOAD, 0, offset, ...tee(into),
    ...at(above), ...V128_LOAD, 0, offset,
    ...I8X16_EQ, ...V128_AND, ...get(one), ...I8X16_ADD_SAT_U, ...tee(count),
    ...V128_STORE, 0, offset,
    ...get(into), ...get(otherV), ...get(count), ...get(spanV), ...I8X16_GE_U, ...V128_BITSELECT, ...set(into),
  ];
  // the 16 bits "key differs from the one before" of vector `key`, `before` holding the 16 keys before
  // biome-ignore format: instruction groups
  const changes16 = (before: number, key: number) => [
    ...get(before), ...get(key), ...I8X16_SHUFFLE, ...shiftLanes, ...get(key), ...I8X16_EQ, ...I8X16_BITMASK,
  ];
  // biome-ignore format: instruction groups
  const changes32 = (first: number) => [
    ...changes16(first === 0 ? prev : keys[first - 1]!, keys[first]!),
    ...changes16(keys[first]!, keys[first + 1]!),
    ...i32(16), I32_SHL, I32_OR, I64_EXTEND_I32_U,
  ];
  /** bits[word] = the change bits of the step's pixels 64·word … 64·word + 63. */
  // biome-ignore format: instruction groups
  const changes64 = (word: number) => [
    ...changes32(4 * word),
    ...changes32(4 * word + 2), ...i64(32), I64_SHL, I64_OR, ...i64(-1), I64_XOR, ...set(bits[word]!),
  ];
  /** Clears the bits of `word` from `n` (an i32 expression < 64) on. */
  // biome-ignore format: instruction groups
  const keepBelow = (word: number, n: number[]) => [
    ...get(word), ...i64(1), ...n, I64_EXTEND_I32_U, I64_SHL, ...i64(1), I64_SUB, I64_AND, ...set(word),
  ];
  // the run [start, end): kept when at least 2d + 1 long, vertically constant at its start (its key is
  // its raw value) and of a class
  // biome-ignore format: nested blocks are indented
  const closeRun = (end: number[]) => [
    ...end, ...get(start), I32_SUB, ...get(span), I32_GE_S,
    IF, VOID,
      ...get(counters), ...get(start), I32_ADD, ...load8, ...get(span), I32_GE_U,
      ...slotAt([...get(row), ...get(start), I32_ADD], lut), ...tee(slot), ...get(c), I32_LT_U, I32_AND,
      IF, VOID,
        ...get(o), ...get(start), ...get(d), I32_ADD, ...store(0),
        ...get(o), ...end, ...get(d), I32_SUB, ...store(4),
        ...get(o), ...get(slot), ...store(8),
        ...get(o), ...i32(12), I32_ADD, ...set(o),
      END,
    END,
  ];
  /** Each change in bits[word] (pixel i + 64·word + its index) ends the run from `start`. */
  // biome-ignore format: nested blocks are indented
  const runEnds = (word: number) => [
    ...get(bits[word]!), I64_EQZ, I32_EQZ,
    IF, VOID,
      LOOP, VOID,
        ...get(bits[word]!), I64_CTZ, I32_WRAP_I64, ...get(i), I32_ADD, ...i32(64 * word), I32_ADD, ...set(j),
        ...closeRun(get(j)),
        ...get(j), ...set(start),
        ...get(bits[word]!), ...get(bits[word]!), ...i64(1), I64_SUB, I64_AND, ...tee(bits[word]!), I64_EQZ,
        I32_EQZ,
        BR_IF, 0,
      END,
    END,
  ];
  // biome-ignore format: nested blocks are indented
  const body = [
    ...get(d), ...i32(1), I32_SHL, ...i32(1), I32_ADD, ...tee(span), ...I8X16_SPLAT, ...set(spanV),
    ...get(other), ...I8X16_SPLAT, ...set(otherV),
    ...i32(1), ...I8X16_SPLAT, ...set(one),
    ...get(out), ...set(o),
    ...i32(0), ...set(start),
    ...i32(0), ...set(i),
    LOOP, VOID,
      ...keys.flatMap((key, k) => step16(16 * k, key)),
      // a bit per pixel whose key differs from the one before it (pixel 0: lane 15 of `prev`, zero at
      // first: a change or not, the run from 0 starts there)
      ...changes64(0),
      ...changes64(1),
      // lanes past the row's end
      ...get(width), ...get(i), I32_SUB, ...tee(rem), ...i32(128), I32_LT_U,
      IF, VOID,
        ...get(rem), ...i32(64), I32_LT_U,
        IF, VOID,
          ...keepBelow(bits[0]!, get(rem)),
          ...i64(0), ...set(bits[1]!),
        ELSE,
          ...keepBelow(bits[1]!, [...get(rem), ...i32(64), I32_SUB]),
        END,
      END,
      ...runEnds(0),
      ...runEnds(1),
      ...get(keys[7]!), ...set(prev),
      ...get(i), ...i32(128), I32_ADD, ...tee(i), ...get(width), I32_LT_U,
      BR_IF, 0,
    END,
    ...closeRun(get(width)),
    ...get(o), ...get(out), I32_SUB, ...i32(12), I32_DIV_U,
    END,
  ];
  return {
    params: 9,
    result: true,
    locals: [
      [7, I32],
      [13, V128],
      [2, I64],
    ],
    body,
  };
}

/**
 * runColumns(gt, pred, width, height, d, c, lutG, lutP, counts, columnsG, columnsP, listG, listP,
 * otherG, otherP, shiftG, shiftP): the whole pass by {@link columnsFunction} (2d + 1 ≤ width, height and
 * 255): per row e, each map's interior of row e − d into its list (`columnsG`/`columnsP`: the per-column
 * counters, zero before the call; `otherG`/`otherP`: each map's byte of no class), then that row's counts
 * (`addRow`).
 */
function runColumnsFunction(): { params: number; result: boolean; locals: number[][]; body: number[] } {
  const [gt, pred, width, height, d, c, lutG, lutP, counts] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [columnsG, columnsP, listG, listP, otherG, otherP, shiftG, shiftP] = [9, 10, 11, 12, 13, 14, 15, 16];
  const [e, offset, above, gn, pn, base] = [17, 18, 19, 20, 21, 22];
  // biome-ignore format: instruction groups
  const columnsOf = (map: number, counters: number, lut: number, list: number, other: number) => [
    ...get(map), ...get(offset), I32_ADD, ...get(map), ...get(above), I32_ADD, ...get(counters), ...get(width),
    ...get(d), ...get(lut), ...get(c), ...get(list), ...get(other), CALL, COLUMNS,
  ];
  // biome-ignore format: nested blocks are indented
  const body = [
    ...i32(0), ...set(e),
    LOOP, VOID,
      ...get(e), ...get(width), I32_MUL, ...tee(offset), ...get(width), I32_SUB, ...get(offset), ...get(e),
      SELECT, ...set(above),
      ...columnsOf(gt, columnsG, lutG, listG, otherG), ...set(gn),
      ...columnsOf(pred, columnsP, lutP, listP, otherP), ...set(pn),
      ...get(gn), ...get(pn), I32_OR,
      IF, VOID,
        ...get(e), ...get(d), I32_SUB, ...get(width), I32_MUL, ...set(base),
        ...get(listG), ...get(listG), ...get(gn), ...i32(12), I32_MUL, I32_ADD,
        ...get(listP), ...get(listP), ...get(pn), ...i32(12), I32_MUL, I32_ADD,
        ...get(gt), ...get(base), I32_ADD, ...get(pred), ...get(base), I32_ADD,
        ...get(lutG), ...get(lutP), ...get(c), ...get(counts), ...get(shiftG), ...get(shiftP),
        CALL, ADD_ROW,
      END,
      ...get(e), ...i32(1), I32_ADD, ...tee(e), ...get(height), I32_LT_S,
      BR_IF, 0,
    END,
    END,
  ];
  return { params: 17, result: false, locals: [[6, I32]], body };
}

/** Initial linear memory in 64 KiB pages (grown per image as needed). */
const INITIAL_PAGES = 1;

/**
 * The module's bytes: memory "m" (exported, growable), function "r" = run (see {@link runFunction}) and
 * function "c" = runColumns (see {@link runColumnsFunction}); functions 0–7 are scan, intersect,
 * countClass, countGroundTruth, addRow, push, countRaw and countGroundTruthRaw, 9 is columns.
 */
export function boundaryKernelModuleBytes(): Uint8Array {
  const functions = [
    scanFunction(),
    intersectFunction(),
    countClassFunction(),
    countGroundTruthFunction(),
    addRowFunction(),
    pushFunction(),
    countRawFunction(),
    countGroundTruthRawFunction(),
    runFunction(),
    columnsFunction(),
    runColumnsFunction(),
  ];
  const types = functions.map((f) => [
    0x60,
    ...vector(Array.from({ length: f.params }, () => [I32])),
    ...(f.result ? [1, I32] : [0]),
  ]);
  const bodies = functions.map((f) => {
    const code = [...vector(f.locals), ...f.body];
    return [...uleb(code.length), ...code];
  });
  // biome-ignore format: one section per line
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, index) => uleb(index)))),
    ...section(5, vector([[0x00, ...uleb(INITIAL_PAGES)]])),
    ...section(7, vector([
      [...name('m'), 0x02, 0], [...name('r'), 0x00, ...uleb(RUN)], [...name('c'), 0x00, ...uleb(RUN_COLUMNS)],
    ])),
    ...section(10, vector(bodies)),
  ]);
}

/** Where one image's data lives in linear memory (byte addresses), see the header comment. */
export interface BoundaryLayout {
  readonly lutG: number;
  readonly lutP: number;
  readonly counts: number;
  readonly windowG: number;
  readonly windowP: number;
  readonly listsG: number;
  readonly listsP: number;
  /** Bytes per interval list. */
  readonly stride: number;
  readonly gt: number;
  readonly pred: number;
  /** Bytes needed in all. */
  readonly end: number;
}

const align16 = (n: number) => (n + 15) & ~15;

/** Bytes after each map that the last 32-pixel step of its last row may read. */
const PADDING = 32;

/** Bytes after each map and counter row that the column pass's last 128-pixel step may read. */
const COLUMN_PADDING = 128;

/**
 * The memory layout for a `width` × `height` image at boundary width `d` and `numClasses` classes:
 * lists of IntervalWindow's capacity, (W + 2d) / L + 2 intervals of 12 bytes.
 */
export function boundaryLayout(width: number, height: number, d: number, numClasses: number): BoundaryLayout {
  const span = 2 * d + 1;
  const lists = 2 * span + 3;
  const stride = 12 * (Math.floor((width + 2 * d) / span) + 2);
  const lutG = 0;
  const lutP = 1024;
  const counts = 2048;
  const windowG = align16(counts + 12 * numClasses);
  const listsG = align16(windowG + 8 + 4 * lists);
  const windowP = align16(listsG + lists * stride);
  const listsP = align16(windowP + 8 + 4 * lists);
  const gt = align16(listsP + lists * stride);
  const pred = align16(gt + width * height + PADDING);
  return {
    lutG,
    lutP,
    counts,
    windowG,
    windowP,
    listsG,
    listsP,
    stride,
    gt,
    pred,
    end: pred + width * height + PADDING,
  };
}

/** Where one image's data lives in linear memory for {@link runColumnsFunction} (byte addresses). */
export interface ColumnLayout {
  readonly lutG: number;
  readonly lutP: number;
  readonly counts: number;
  /** Per-column counters, `width` bytes + padding each. */
  readonly columnsG: number;
  readonly columnsP: number;
  /** One interval list per map. */
  readonly listG: number;
  readonly listP: number;
  readonly gt: number;
  readonly pred: number;
  /** Bytes needed in all. */
  readonly end: number;
}

/**
 * The memory layout of the column pass for a `width` × `height` image at boundary width `d`: one list of
 * a row's interior per map, at most (W + 2d) / L + 2 intervals (as {@link boundaryLayout}).
 */
export function columnLayout(width: number, height: number, d: number, numClasses: number): ColumnLayout {
  const span = 2 * d + 1;
  const stride = 12 * (Math.floor((width + 2 * d) / span) + 2);
  const lutG = 0;
  const lutP = 1024;
  const counts = 2048;
  const columnsG = align16(counts + 12 * numClasses);
  const columnsP = align16(columnsG + width + COLUMN_PADDING);
  const listG = align16(columnsP + width + COLUMN_PADDING);
  const listP = align16(listG + stride);
  const gt = align16(listP + stride);
  const pred = align16(gt + width * height + COLUMN_PADDING);
  return {
    lutG,
    lutP,
    counts,
    columnsG,
    columnsP,
    listG,
    listP,
    gt,
    pred,
    end: pred + width * height + COLUMN_PADDING,
  };
}

/** The instantiated boundary kernel. */
export interface WasmBoundaryKernel {
  /**
   * Writes the interior counts of two 8-bit maps (raw bytes, `width × height` each, 2d + 1 ≤ width and
   * height) into `support`, `predicted` and `tp` (`numClasses` entries each; see BoundaryInteriors); `gtLut`/`predLut` give the
   * slot of each byte (256 entries). Returns false, counting nothing, when linear memory cannot grow to
   * the image's size.
   */
  count(
    gt: Uint8Array,
    pred: Uint8Array,
    width: number,
    height: number,
    d: number,
    numClasses: number,
    gtLut: Int32Array,
    predLut: Int32Array,
    out: { support: Float64Array; predicted: Float64Array; tp: Float64Array },
  ): boolean;
}

interface GrowableMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

type Run = (...args: number[]) => void;

/**
 * Instantiates the kernel through `api` (the realm's `WebAssembly`), or returns `null` when `api` is
 * missing, rejects the module (no SIMD or bulk-memory support) or throws (e.g. a content security policy
 * without `wasm-unsafe-eval`).
 */
export function createWasmBoundaryKernel(api: WebAssemblyApi | undefined): WasmBoundaryKernel | null {
  if (api === undefined) return null;
  let memory: GrowableMemory;
  let run: Run;
  let runColumns: Run;
  try {
    const bytes = Uint8Array.from(BOUNDARY_KERNEL_BYTES);
    if (!api.validate(bytes)) return null;
    const { exports } = new api.Instance(new api.Module(bytes));
    memory = exports.m as GrowableMemory;
    run = exports.r as Run;
    runColumns = exports.c as Run;
  } catch {
    return null;
  }
  let bytes = new Uint8Array(memory.buffer);
  let words = new Int32Array(memory.buffer);
  /** Linear memory of at least `end` bytes, the tables and maps copied in, the counts zero; false if not. */
  const prepare = (
    at: BoundaryLayout | ColumnLayout,
    gt: Uint8Array,
    pred: Uint8Array,
    gtLut: Int32Array,
    predLut: Int32Array,
    numClasses: number,
  ): boolean => {
    if (at.end > memory.buffer.byteLength) {
      try {
        memory.grow(Math.ceil((at.end - memory.buffer.byteLength) / 65536));
      } catch {
        return false;
      }
    }
    if (bytes.buffer !== memory.buffer) {
      bytes = new Uint8Array(memory.buffer);
      words = new Int32Array(memory.buffer);
    }
    words.set(gtLut, at.lutG >> 2);
    words.set(predLut, at.lutP >> 2);
    words.fill(0, at.counts >> 2, (at.counts >> 2) + 3 * numClasses);
    bytes.set(gt, at.gt);
    bytes.set(pred, at.pred);
    return true;
  };
  return {
    count(gt, pred, width, height, d, numClasses, gtLut, predLut, out) {
      const shiftG = rawShift(gtLut, numClasses);
      const shiftP = rawShift(predLut, numClasses);
      // the column pass when both maps have a key byte and the counters can reach 2d + 1
      const otherG = 2 * d + 1 <= 255 ? columnKey(gtLut, numClasses) : -1;
      const otherP = otherG >= 0 ? columnKey(predLut, numClasses) : -1;
      let counts: number;
      if (otherP >= 0) {
        const at = columnLayout(width, height, d, numClasses);
        if (!prepare(at, gt, pred, gtLut, predLut, numClasses)) return false;
        bytes.fill(0, at.columnsG, at.listG);
        // biome-ignore format: the run signature
        runColumns(at.gt, at.pred, width, height, d, numClasses, at.lutG, at.lutP, at.counts, at.columnsG,
          at.columnsP, at.listG, at.listP, otherG, otherP, shiftG, shiftP);
        counts = at.counts >> 2;
      } else {
        const at = boundaryLayout(width, height, d, numClasses);
        if (!prepare(at, gt, pred, gtLut, predLut, numClasses)) return false;
        // biome-ignore format: the run signature
        run(at.gt, at.pred, width, height, d, numClasses, at.lutG, at.lutP, at.counts, at.windowG, at.windowP,
          at.listsG, at.listsP, at.stride, shiftG, shiftP);
        counts = at.counts >> 2;
      }
      for (let k = 0; k < numClasses; k++) {
        out.support[k] = words[counts + k]! >>> 0;
        out.predicted[k] = words[counts + numClasses + k]! >>> 0;
        out.tp[k] = words[counts + 2 * numClasses + k]! >>> 0;
      }
      return true;
    },
  };
}

/**
 * The shift of a slot table `lut` (256 entries) for `numClasses` classes when it has one: the δ ≥ 0 with
 * slot(b) = b − δ for the bytes b in [δ, δ + C) and slot(b) ≥ C (not a class) for all others, C < 256;
 * −1 otherwise. With a shift, "slot k" is the byte k + δ and "valid" is (b − δ) mod 256 < C, which the
 * kernel tests 16 bytes at a time.
 */
export function rawShift(lut: Int32Array, numClasses: number): number {
  if (numClasses >= 256) return -1;
  let shift = -1;
  let valid = 0;
  for (let b = 0; b < 256; b++) {
    const slot = lut[b]!;
    if (slot >= numClasses) continue;
    if (valid === 0) shift = b - slot;
    if (shift < 0 || slot !== b - shift) return -1;
    valid++;
  }
  // every byte of [shift, shift + C) valid (an ignore label inside it has no shift)
  return valid === numClasses ? shift : -1;
}

/**
 * The column pass's "other" byte for a slot table `lut` (256 entries) and `numClasses` classes: the
 * smallest byte of no class, when no two bytes share a class (then "one class" is "one raw value" for the
 * pixels of a class, which the pass compares 16 at a time); −1 when two bytes share a class (a label
 * mapping that merges values) or every byte is of a class.
 */
export function columnKey(lut: Int32Array, numClasses: number): number {
  const seen = new Set<number>();
  let other = -1;
  for (let b = 0; b < 256; b++) {
    const slot = lut[b]!;
    if (slot >= numClasses) {
      if (other < 0) other = b;
    } else if (seen.has(slot)) {
      return -1;
    } else {
      seen.add(slot);
    }
  }
  return other;
}

let kernel: WasmBoundaryKernel | null | undefined;

/** The realm's kernel ({@link createWasmBoundaryKernel} of `globalThis.WebAssembly`), created on first call. */
export function wasmBoundaryKernel(): WasmBoundaryKernel | null {
  if (kernel === undefined) {
    kernel = createWasmBoundaryKernel((globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly);
  }
  return kernel;
}
