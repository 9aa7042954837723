/**
 * A WebAssembly SIMD (v128) kernel that undoes PNG row filters (PNG spec 9.2), emitted byte by byte
 * here like core's counting kernels (no toolchain; the output is stored in wasm-unfilter-bytes.ts, which a
 * test keeps equal to it, so that start-up loads bytes instead of running the emitter; well under 4 KB, so
 * it compiles synchronously on a browser's main thread too). `wasm-unfilter-kernel.wat` beside this file is its
 * text form, function by function.
 *
 * Exported function `u(src, dst, n, rows, bpp) → i32` unfilters `rows` rows of `n` bytes: the filtered
 * rows (each a filter byte then `n` bytes) at `src`, the output rows at `dst`, the previous output row
 * at `dst − n` (zeros above the image's first row). It returns −1, or the index of the first row whose
 * filter type is invalid. Per filter:
 * - None: `memory.copy`; Up: sixteen `i8x16.add`s at a time;
 * - Sub and Paeth with 1, 2 or 4 bytes per pixel: runs of zero filtered bytes (flat regions, most of
 *   a label map) are resolved sixteen bytes at a time — Sub repeats the last pixel; Paeth copies the
 *   row above while the last pixel equals the pixel above it (then Paeth predicts "above" at every
 *   byte), or repeats the last pixel where the row above repeats with the pixel period (then it
 *   predicts "left"); the bytes where a run breaks take the byte-serial definition, one at a time;
 * - Average, and Sub/Paeth with 3, 6 or 8 bytes per pixel: byte-serial.
 * Results are identical to the byte-wise definitions (tests compare with fast-png and the JS path).
 */

import { UNFILTER_KERNEL_BYTES } from './wasm-unfilter-bytes.js';

/** The subset of the WebAssembly JS API used here (the base tsconfig has no DOM or node types). */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** The instantiated kernel. */
export interface WasmUnfilterKernel {
  /** Linear memory (grow it with `memory.grow`; views are invalid after a grow). */
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** Unfilters `rows` rows; −1 on success, else the index of the row with an invalid filter type. */
  readonly unfilter: (src: number, dst: number, n: number, rows: number, bpp: number) => number;
}

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

// opcodes
const I32 = 0x7f;
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const RETURN = 0x0f;
const CALL = 0x10;
const SELECT = 0x1b;
const VOID = 0x40;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const I32_LOAD = 0x28;
const I32_LOAD8_U = 0x2d;
const I32_LOAD16_U = 0x2f;
const I32_STORE8 = 0x3a;
const I32_CONST = 0x41;
const I32_EQZ = 0x45;
const I32_EQ = 0x46;
const I32_LT_S = 0x48;
const I32_GT_U = 0x4b;
const I32_LE_S = 0x4c;
const I32_GE_S = 0x4e;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_AND = 0x71;
const I32_SHR_U = 0x76;
const I32_CTZ = 0x68;
const I32_XOR = 0x73;
const V128 = 0x7b;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_STORE = [SIMD, 0x0b];
const I8X16_SPLAT = [SIMD, 0x0f];
const I16X8_SPLAT = [SIMD, 0x10];
const I32X4_SPLAT = [SIMD, 0x11];
const I8X16_EQ = [SIMD, 0x23];
const I8X16_ALL_TRUE = [SIMD, 0x63];
const I8X16_BITMASK = [SIMD, 0x64];
const I8X16_ADD = [SIMD, 0x6e];
const MEMORY_COPY = [0xfc, 0x0a, 0x00, 0x00];

const mem = (align: number) => [align, 0];
const locals = (count: number) => vector(count === 0 ? [] : [[count, I32]]);

/** Loads `bpp` (1, 2 or 4) bytes at the address on the stack as one i32. */
const loadPixel = (bpp: number) =>
  bpp === 1 ? [I32_LOAD8_U, ...mem(0)] : bpp === 2 ? [I32_LOAD16_U, ...mem(0)] : [I32_LOAD, ...mem(0)];
/** Splats the i32 pixel of `bpp` bytes on the stack over a vector. */
const splatPixel = (bpp: number) => (bpp === 1 ? I8X16_SPLAT : bpp === 2 ? I16X8_SPLAT : I32X4_SPLAT);

// Function indices.
const F_RUN = 0;
const F_PAETH_SERIAL = 1;
const F_UP = 2;
const F_AVG = 3;
const F_SUB_SERIAL = 4;
const PAETH = { 1: 5, 2: 6, 4: 7, 0: 8 } as const;
const SUB = { 1: 9, 2: 10, 4: 11, 0: 12 } as const;

// Shared parameter slots of the filter functions: (s, d, p, n, bpp).
const S = 0;
const D = 1;
const P = 2;
const N = 3;
const BPP = 4;

/** |x| of the i32 in local `x`, left on the stack. */
const abs = (x: number) => [GET, x, I32_CONST, 0, GET, x, I32_SUB, GET, x, I32_CONST, 0, I32_GE_S, SELECT];

/**
 * ps(s, d, p, i, end, bpp): byte-serial Paeth over bytes [i, end) of a row, i ≥ bpp.
 * locals: 6 a, 7 b, 8 c, 9 pa, 10 pb, 11 pc
 */
function paethSerialBody(): number[] {
  const [s, d, p, i, end, bpp, a, b, c, pa, pb, pc] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  // biome-ignore format: instruction groups
  return [
    ...locals(6),
    BLOCK, VOID,
      GET, i, GET, end, I32_GE_S, BR_IF, 0,
      LOOP, VOID,
        GET, d, GET, i, I32_ADD, GET, bpp, I32_SUB, I32_LOAD8_U, ...mem(0), SET, a,
        GET, p, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0), SET, b,
        GET, p, GET, i, I32_ADD, GET, bpp, I32_SUB, I32_LOAD8_U, ...mem(0), SET, c,
        GET, b, GET, c, I32_SUB, SET, pa,
        GET, a, GET, c, I32_SUB, SET, pb,
        GET, pa, GET, pb, I32_ADD, SET, pc,
        ...abs(pa), SET, pa,
        ...abs(pb), SET, pb,
        ...abs(pc), SET, pc,
        GET, d, GET, i, I32_ADD,
        GET, s, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        // pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
        GET, a,
        GET, b, GET, c, GET, pb, GET, pc, I32_LE_S, SELECT,
        GET, pa, GET, pb, I32_LE_S, GET, pa, GET, pc, I32_LE_S, I32_AND, SELECT,
        I32_ADD, I32_STORE8, ...mem(0),
        GET, i, I32_CONST, 1, I32_ADD, TEE, i, GET, end, I32_LT_S, BR_IF, 0,
      END,
    END,
    END,
  ];
}

/** The first `min(bpp, n)` bytes of a row, where left and upper-left are 0: x = filtered + f(above). */
function firstPixel(above: 'zero' | 'full' | 'half'): number[] {
  const i = 5;
  // biome-ignore format: instruction groups
  return [
    I32_CONST, 0, SET, i,
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, GET, BPP, I32_GE_S, BR_IF, 1,
        GET, i, GET, N, I32_GE_S, BR_IF, 1,
        GET, D, GET, i, I32_ADD,
        GET, S, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        ...(above === 'zero'
          ? []
          : [GET, P, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0), ...(above === 'half' ? [I32_CONST, 1, I32_SHR_U] : []), I32_ADD]),
        I32_STORE8, ...mem(0),
        GET, i, I32_CONST, 1, I32_ADD, SET, i,
        BR, 0,
      END,
    END,
  ];
}

/** Locals of the vector filter functions after their parameters: 5 i, 6 mask (i32), 7 zero (v128). */
const VECTOR_LOCALS = vector([
  [2, I32],
  [1, V128],
]);
const MASK = 6;
const ZERO = 7;

/** mask = bits of the lanes of the 16 filtered bytes at s + i that are not zero. */
// biome-ignore format: instruction groups
const nonzeroLanes = (i: number) => [
  GET, S, GET, i, I32_ADD, ...V128_LOAD, ...mem(0), GET, ZERO, ...I8X16_EQ, ...I8X16_BITMASK,
  I32_CONST, ...sleb(0xffff), I32_XOR, SET, MASK,
];

/**
 * Paeth (`k` = 1, 2 or 4 bytes per pixel with the vector fast paths; 0 = any `bpp`, byte-serial).
 * The vector loop advances by 16 bytes where a fast path holds and by one byte otherwise, so the
 * byte-serial work is proportional to the bytes where the row departs from its neighbours:
 * - when the last pixel equals the pixel above it, Paeth predicts "above" for every byte up to the
 *   next non-zero filtered byte: the row above is stored over 16 bytes, then the first non-zero
 *   filtered byte (if any) is computed byte-serially and the loop resumes after it;
 * - otherwise, 16 zero filtered bytes under a row above that repeats with the pixel period predict
 *   "left" throughout: the last pixel is repeated over 16 bytes;
 * - otherwise one byte is computed byte-serially.
 */
function paethBody(k: 0 | 1 | 2 | 4): number[] {
  const i = 5;
  if (k === 0) {
    // biome-ignore format: instruction groups
    return [
      ...VECTOR_LOCALS,
      ...firstPixel('full'),
      GET, S, GET, D, GET, P, GET, i, GET, N, GET, BPP, CALL, F_PAETH_SERIAL,
      END,
    ];
  }
  // one byte-serial byte at i, then i += 1
  // biome-ignore format: instruction groups
  const serialByte = [
    GET, S, GET, D, GET, P, GET, i, GET, i, I32_CONST, 1, I32_ADD, GET, BPP, CALL, F_PAETH_SERIAL,
    GET, i, I32_CONST, 1, I32_ADD, SET, i,
  ];
  // biome-ignore format: instruction groups
  return [
    ...VECTOR_LOCALS,
    I32_CONST, 0, ...I8X16_SPLAT, SET, ZERO,
    ...firstPixel('full'),
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, I32_CONST, 16, I32_ADD, GET, N, I32_GT_U, BR_IF, 1,
        ...nonzeroLanes(i),
        // last pixel == pixel above it?
        GET, D, GET, i, I32_ADD, I32_CONST, k, I32_SUB, ...loadPixel(k),
        GET, P, GET, i, I32_ADD, I32_CONST, k, I32_SUB, ...loadPixel(k),
        I32_EQ,
        IF, VOID,
          GET, D, GET, i, I32_ADD,
          GET, P, GET, i, I32_ADD, ...V128_LOAD, ...mem(0),
          ...V128_STORE, ...mem(0),
          GET, MASK, I32_EQZ,
          IF, VOID,
            GET, i, I32_CONST, 16, I32_ADD, SET, i,
          ELSE,
            GET, i, GET, MASK, I32_CTZ, I32_ADD, SET, i,
            ...serialByte,
          END,
        ELSE,
          // MASK = 1 when the filtered bytes are zero and the row above repeats, else 0
          GET, MASK, I32_EQZ,
          IF, VOID,
            GET, P, GET, i, I32_ADD, ...V128_LOAD, ...mem(0),
            GET, P, GET, i, I32_ADD, I32_CONST, k, I32_SUB, ...V128_LOAD, ...mem(0),
            ...I8X16_EQ, ...I8X16_ALL_TRUE, SET, MASK,
          ELSE,
            I32_CONST, 0, SET, MASK,
          END,
          GET, MASK, I32_EQZ,
          IF, VOID,
            ...serialByte,
          ELSE,
            GET, D, GET, i, I32_ADD,
            GET, D, GET, i, I32_ADD, I32_CONST, k, I32_SUB, ...loadPixel(k), ...splatPixel(k),
            ...V128_STORE, ...mem(0),
            GET, i, I32_CONST, 16, I32_ADD, SET, i,
          END,
        END,
        BR, 0,
      END,
    END,
    GET, S, GET, D, GET, P, GET, i, GET, N, GET, BPP, CALL, F_PAETH_SERIAL,
    END,
  ];
}

/** subSerial(s, d, p, i, n, bpp): byte-serial Sub over bytes [i, n), i ≥ bpp. */
function subSerialBody(): number[] {
  const [s, d, i, n, bpp] = [0, 1, 3, 4, 5];
  // biome-ignore format: instruction groups
  return [
    ...locals(0),
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, GET, n, I32_GE_S, BR_IF, 1,
        GET, d, GET, i, I32_ADD,
        GET, s, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        GET, d, GET, i, I32_ADD, GET, bpp, I32_SUB, I32_LOAD8_U, ...mem(0),
        I32_ADD, I32_STORE8, ...mem(0),
        GET, i, I32_CONST, 1, I32_ADD, SET, i,
        BR, 0,
      END,
    END,
    END,
  ];
}

/**
 * Sub (`k` = 1, 2 or 4 with the vector fast path; 0 = any `bpp`, byte-serial): the last pixel is
 * repeated over 16 bytes, then the first non-zero filtered byte among them (if any) is computed
 * byte-serially and the loop resumes after it.
 */
function subBody(k: 0 | 1 | 2 | 4): number[] {
  const i = 5;
  // biome-ignore format: instruction groups
  const vectorLoop = k === 0 ? [] : [
    I32_CONST, 0, ...I8X16_SPLAT, SET, ZERO,
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, I32_CONST, 16, I32_ADD, GET, N, I32_GT_U, BR_IF, 1,
        ...nonzeroLanes(i),
        GET, D, GET, i, I32_ADD,
        GET, D, GET, i, I32_ADD, I32_CONST, k, I32_SUB, ...loadPixel(k), ...splatPixel(k),
        ...V128_STORE, ...mem(0),
        GET, MASK, I32_EQZ,
        IF, VOID,
          GET, i, I32_CONST, 16, I32_ADD, SET, i,
        ELSE,
          GET, i, GET, MASK, I32_CTZ, I32_ADD, SET, i,
          GET, S, GET, D, GET, P, GET, i, GET, i, I32_CONST, 1, I32_ADD, GET, BPP, CALL, F_SUB_SERIAL,
          GET, i, I32_CONST, 1, I32_ADD, SET, i,
        END,
        BR, 0,
      END,
    END,
  ];
  // biome-ignore format: instruction groups
  return [
    ...VECTOR_LOCALS,
    ...firstPixel('zero'),
    ...vectorLoop,
    GET, S, GET, D, GET, P, GET, i, GET, N, GET, BPP, CALL, F_SUB_SERIAL,
    END,
  ];
}

/** Up: sixteen bytes at a time, then byte by byte. locals: 5 i */
function upBody(): number[] {
  const i = 5;
  // biome-ignore format: instruction groups
  return [
    ...locals(1),
    I32_CONST, 0, SET, i,
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, I32_CONST, 16, I32_ADD, GET, N, I32_GT_U, BR_IF, 1,
        GET, D, GET, i, I32_ADD,
        GET, S, GET, i, I32_ADD, ...V128_LOAD, ...mem(0),
        GET, P, GET, i, I32_ADD, ...V128_LOAD, ...mem(0),
        ...I8X16_ADD, ...V128_STORE, ...mem(0),
        GET, i, I32_CONST, 16, I32_ADD, SET, i,
        BR, 0,
      END,
    END,
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, GET, N, I32_GE_S, BR_IF, 1,
        GET, D, GET, i, I32_ADD,
        GET, S, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        GET, P, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        I32_ADD, I32_STORE8, ...mem(0),
        GET, i, I32_CONST, 1, I32_ADD, SET, i,
        BR, 0,
      END,
    END,
    END,
  ];
}

/** Average, byte-serial. locals: 5 i */
function avgBody(): number[] {
  const i = 5;
  // biome-ignore format: instruction groups
  return [
    ...locals(1),
    ...firstPixel('half'),
    BLOCK, VOID,
      LOOP, VOID,
        GET, i, GET, N, I32_GE_S, BR_IF, 1,
        GET, D, GET, i, I32_ADD,
        GET, S, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        GET, D, GET, i, I32_ADD, GET, BPP, I32_SUB, I32_LOAD8_U, ...mem(0),
        GET, P, GET, i, I32_ADD, I32_LOAD8_U, ...mem(0),
        I32_ADD, I32_CONST, 1, I32_SHR_U,
        I32_ADD, I32_STORE8, ...mem(0),
        GET, i, I32_CONST, 1, I32_ADD, SET, i,
        BR, 0,
      END,
    END,
    END,
  ];
}

/**
 * run(src, dst, n, rows, bpp) → i32: the row loop, dispatching on the filter byte and on bpp.
 * locals: 5 r, 6 filter, 7 s, 8 k (1, 2, 4 or 0 = serial)
 */
function runBody(): number[] {
  const [src, dst, n, rows, bpp, r, filter, s] = [0, 1, 2, 3, 4, 5, 6, 7];
  const args = [GET, s, GET, dst, GET, dst, GET, n, I32_SUB, GET, n, GET, bpp];
  /** Calls the variant of `table` for bpp 1, 2, 4, or the serial one. */
  const dispatch = (table: Record<0 | 1 | 2 | 4, number>) =>
    // biome-ignore format: instruction groups
    [
      GET, bpp, I32_CONST, 1, I32_EQ,
      IF, VOID, ...args, CALL, table[1],
      ELSE,
        GET, bpp, I32_CONST, 2, I32_EQ,
        IF, VOID, ...args, CALL, table[2],
        ELSE,
          GET, bpp, I32_CONST, 4, I32_EQ,
          IF, VOID, ...args, CALL, table[4], ELSE, ...args, CALL, table[0], END,
        END,
      END,
    ];
  // biome-ignore format: nested blocks are indented
  return [
    ...locals(4),
    BLOCK, VOID,
      LOOP, VOID,
        GET, r, GET, rows, I32_GE_S, BR_IF, 1,
        GET, src, I32_LOAD8_U, ...mem(0), SET, filter,
        GET, src, I32_CONST, 1, I32_ADD, SET, s,
        GET, filter, I32_EQZ,
        IF, VOID,
          GET, dst, GET, s, GET, n, ...MEMORY_COPY,
        ELSE,
          GET, filter, I32_CONST, 1, I32_EQ,
          IF, VOID,
            ...dispatch(SUB),
          ELSE,
            GET, filter, I32_CONST, 2, I32_EQ,
            IF, VOID,
              ...args, CALL, F_UP,
            ELSE,
              GET, filter, I32_CONST, 3, I32_EQ,
              IF, VOID,
                ...args, CALL, F_AVG,
              ELSE,
                GET, filter, I32_CONST, 4, I32_EQ,
                IF, VOID,
                  ...dispatch(PAETH),
                ELSE,
                  GET, r, RETURN,
                END,
              END,
            END,
          END,
        END,
        GET, src, GET, n, I32_ADD, I32_CONST, 1, I32_ADD, SET, src,
        GET, dst, GET, n, I32_ADD, SET, dst,
        GET, r, I32_CONST, 1, I32_ADD, SET, r,
        BR, 0,
      END,
    END,
    I32_CONST, ...sleb(-1),
    END,
  ];
}

/** The module's bytes: memory "m" (exported, growable) and function "u" (see the file comment). */
export function unfilterKernelModuleBytes(): Uint8Array {
  const types = [
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), ...vector([[I32]])], // 0: run
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), 0], // 1: filter(s, d, p, n, bpp)
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32]]), 0], // 2: serial(s, d, p, i, end, bpp)
  ];
  const bodies: [type: number, body: number[]][] = [
    [0, runBody()],
    [2, paethSerialBody()],
    [1, upBody()],
    [1, avgBody()],
    [2, subSerialBody()],
    [1, paethBody(1)],
    [1, paethBody(2)],
    [1, paethBody(4)],
    [1, paethBody(0)],
    [1, subBody(1)],
    [1, subBody(2)],
    [1, subBody(4)],
    [1, subBody(0)],
  ];
  // biome-ignore format: one section per line
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(bodies.map(([type]) => [type]))),
    ...section(5, vector([[0x00, 1]])),
    ...section(7, vector([[...name('m'), 0x02, 0], [...name('u'), 0x00, F_RUN]])),
    ...section(10, vector(bodies.map(([, body]) => [...uleb(body.length), ...body]))),
  ]);
}

/**
 * Instantiates the kernel through `api` (the realm's `WebAssembly`), or returns `null` when `api` is
 * missing, rejects the module (no SIMD or bulk-memory support) or throws (e.g. a content security
 * policy without `wasm-unsafe-eval`).
 */
export function createWasmUnfilterKernel(api: WebAssemblyApi | undefined): WasmUnfilterKernel | null {
  if (api === undefined) return null;
  try {
    // The emitter's output, stored (wasm-unfilter-bytes.ts; a test keeps the two equal).
    const bytes = Uint8Array.from(UNFILTER_KERNEL_BYTES);
    if (!api.validate(bytes)) return null;
    const { exports } = new api.Instance(new api.Module(bytes));
    return {
      memory: exports.m as WasmUnfilterKernel['memory'],
      unfilter: exports.u as WasmUnfilterKernel['unfilter'],
    };
  } catch {
    return null;
  }
}

let kernel: WasmUnfilterKernel | null | undefined;

/** The realm's kernel ({@link createWasmUnfilterKernel} of `globalThis.WebAssembly`), made on first use. */
export function wasmUnfilterKernel(): WasmUnfilterKernel | null {
  if (kernel === undefined) {
    kernel = createWasmUnfilterKernel((globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly);
  }
  return kernel;
}
