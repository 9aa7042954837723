import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { countBytePairs, countShortPairs, pairHistogram, shortPairHistogram } from './count-kernels.js';
import {
  createWasmPairKernel,
  createWasmShortKernel,
  pairKernelModuleBytes,
  shortKernelModuleBytes,
  WASM_BLOCK,
  WASM_SHORT_BLOCK,
  type WebAssemblyApi,
  wasmPairKernel,
  wasmShortKernel,
} from './wasm-pair-kernel.js';

/** The tests' seeded generator: deterministic contents. */
const prng = seededRandom;

/** `n` bytes of runs with mean length `meanRun` (1 = i.i.d.) over `alphabet` values. */
function runs(rand: () => number, n: number, meanRun: number, alphabet: number): number[] {
  const out: number[] = [];
  let v = Math.floor(rand() * alphabet);
  for (let i = 0; i < n; i++) {
    if (rand() * meanRun < 1) v = Math.floor(rand() * alphabet);
    out.push(v);
  }
  return out;
}

/** Counts with the WebAssembly kernel (its histogram) and returns a copy, leaving the histogram zeroed. */
function countWasm(gt: Uint8Array, pred: Uint8Array): Int32Array {
  const hist = pairHistogram();
  countBytePairs(gt, pred, hist);
  const out = hist.slice();
  hist.fill(0);
  return out;
}

/** Index of the first bin where `a` and `b` differ, or -1 (a fast, exact comparison of 65,536 bins). */
function firstDifference(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('wasmPairKernel', () => {
  it('is a module under 4 KB that instantiates on Node 20 (WebAssembly SIMD)', () => {
    const bytes = pairKernelModuleBytes();
    expect(bytes.length).toBeLessThan(4096);
    const kernel = wasmPairKernel();
    expect(kernel).not.toBeNull();
    expect(pairHistogram()).toBe(kernel!.hist);
    expect(kernel!.hist.length).toBe(65536);
  });

  it('counts exactly what the JavaScript kernel counts, for random lengths, offsets, run lengths and contents', () => {
    const rand = prng(20240611);
    const lengths = [
      0,
      1,
      15,
      16,
      17,
      31,
      32,
      33,
      48,
      255,
      1000,
      WASM_BLOCK - 1,
      WASM_BLOCK,
      WASM_BLOCK + 17,
    ];
    for (let k = 0; k < 30; k++) lengths.push(Math.floor(rand() * 3 * WASM_BLOCK));
    const meanRuns = [1, 1.5, 3, 8, 30, 500];
    for (const [t, n] of lengths.entries()) {
      const gOff = Math.floor(rand() * 8);
      const pOff = Math.floor(rand() * 8);
      const gt = new Uint8Array(new ArrayBuffer(n + 16), gOff, n);
      const pred = new Uint8Array(new ArrayBuffer(n + 16), pOff, n);
      const alphabet = t % 3 === 0 ? 256 : 2 + Math.floor(rand() * 30);
      gt.set(runs(rand, n, meanRuns[t % meanRuns.length]!, alphabet));
      pred.set(runs(rand, n, meanRuns[(t + 2) % meanRuns.length]!, alphabet));
      const expected = new Int32Array(65536);
      countBytePairs(gt, pred, expected);
      const counted = countWasm(gt, pred);
      expect(firstDifference(counted, expected)).toBe(-1);
      expect(counted.reduce((sum, v) => sum + v, 0)).toBe(n);
    }
  });

  it('counts runs that span vectors and blocks, and pairs that change on lane 0 or lane 15', () => {
    const n = 2 * WASM_BLOCK + 40;
    const gt = new Uint8Array(n).fill(7);
    const pred = new Uint8Array(n).fill(9);
    gt[0] = 1; // the very first pixel differs from the rest
    pred[15] = 2; // last lane of the first vector
    gt[16] = 3; // first lane of the second vector
    gt.fill(4, WASM_BLOCK - 3, WASM_BLOCK + 5); // a run across the block boundary
    pred[n - 1] = 255; // the scalar tail
    gt[n - 17] = 255; // the last vector's last lane
    const expected = new Int32Array(65536);
    countBytePairs(gt, pred, expected);
    const counted = countWasm(gt, pred);
    expect(firstDifference(counted, expected)).toBe(-1);
    expect(counted[(7 << 8) | 9]).toBe(n - 1 - 1 - 1 - 8 - 1 - 1);
    expect(counted[(4 << 8) | 9]).toBe(8);
  });

  it('adds to the counts already in its histogram', () => {
    const gt = new Uint8Array(64).fill(5);
    const pred = new Uint8Array(64).fill(6);
    const hist = pairHistogram();
    countBytePairs(gt, pred, hist);
    countBytePairs(gt, pred, hist);
    expect(hist[(5 << 8) | 6]).toBe(128);
    hist.fill(0);
  });
});

describe('createWasmPairKernel', () => {
  const real = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly!;

  it('returns null without WebAssembly, when the module does not validate, or when compiling throws', () => {
    expect(createWasmPairKernel(undefined)).toBeNull();
    expect(
      createWasmPairKernel({ ...real, Module: real.Module, Instance: real.Instance, validate: () => false }),
    ).toBeNull();
    const forbidden = class {
      constructor() {
        throw new Error('Wasm code generation disallowed by embedder');
      }
    };
    expect(
      createWasmPairKernel({ validate: () => true, Module: forbidden, Instance: real.Instance }),
    ).toBeNull();
  });

  it('builds an independent kernel whose histogram starts at zero', () => {
    const kernel = createWasmPairKernel(real);
    expect(kernel).not.toBeNull();
    expect(kernel!.hist).not.toBe(wasmPairKernel()!.hist);
    expect(kernel!.hist.every((v) => v === 0)).toBe(true);
  });
});

describe('countBytePairs', () => {
  it('falls back to the JavaScript kernel for a histogram outside linear memory', () => {
    const gt = new Uint8Array(100).fill(1);
    const pred = new Uint8Array(100).fill(2);
    const hist = new Int32Array(65536);
    countBytePairs(gt, pred, hist);
    expect(hist[(1 << 8) | 2]).toBe(100);
    expect(pairHistogram()[(1 << 8) | 2]).toBe(0);
  });
});

/** `n` 16-bit values of runs with mean length `meanRun`, drawn by `draw`. */
function shortRuns(rand: () => number, n: number, meanRun: number, draw: () => number): number[] {
  const out: number[] = [];
  let v = draw();
  for (let i = 0; i < n; i++) {
    if (rand() * meanRun < 1) v = draw();
    out.push(v);
  }
  return out;
}

/**
 * Slot tables as the counter builds them for `c` classes with ignore label 65535: values below `c`
 * are classes, 65535 is ignored (slot c), every other value is unmapped (the invalid slot c + 1).
 */
function shortTables(c: number): { gtRow: Int32Array; predCol: Int32Array; size: number } {
  const stride = c + 2;
  const gtRow = new Int32Array(65536);
  const predCol = new Int32Array(65536);
  for (let v = 0; v < 65536; v++) {
    const slot = v < c ? v : v === 65535 ? c : c + 1;
    gtRow[v] = slot * stride;
    predCol[v] = slot;
  }
  return { gtRow, predCol, size: stride * stride };
}

/** Counts with the 16-bit WebAssembly kernel (its histogram) and returns a copy, leaving it zeroed. */
function countShortWasm(
  gt: Uint16Array,
  pred: Uint16Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  size: number,
): Int32Array {
  const hist = shortPairHistogram(size);
  expect(wasmShortKernel()!.owns(hist)).toBe(true);
  countShortPairs(gt, pred, gtRow, predCol, hist);
  const out = hist.slice();
  hist.fill(0);
  return out;
}

/** The JavaScript kernel's counts (a histogram outside linear memory). */
function countShortJs(
  gt: Uint16Array,
  pred: Uint16Array,
  gtRow: Int32Array,
  predCol: Int32Array,
  size: number,
): Int32Array {
  const hist = new Int32Array(size);
  countShortPairs(gt, pred, gtRow, predCol, hist);
  return hist;
}

describe('wasmShortKernel', () => {
  it('is a module under 4 KB that instantiates on Node 20 (WebAssembly SIMD)', () => {
    expect(shortKernelModuleBytes().length).toBeLessThan(4096);
    const kernel = wasmShortKernel();
    expect(kernel).not.toBeNull();
    const hist = shortPairHistogram(302 * 302);
    expect(kernel!.owns(hist)).toBe(true);
    expect(hist.length).toBe(302 * 302);
  });

  it('counts exactly what the JavaScript kernel counts, for random lengths, offsets, run lengths and values', () => {
    const rand = prng(20261125);
    const { gtRow, predCol, size } = shortTables(300);
    const lengths = [0, 1, 7, 8, 9, 15, 16, 17, 24, 255, 1000, WASM_SHORT_BLOCK - 1, WASM_SHORT_BLOCK];
    lengths.push(WASM_SHORT_BLOCK + 9);
    for (let k = 0; k < 30; k++) lengths.push(Math.floor(rand() * 3 * WASM_SHORT_BLOCK));
    const meanRuns = [1, 1.5, 3, 8, 30, 500];
    // classes, the ignore label 65535, unmapped values just above the classes and anywhere in 16 bits
    const draws = [
      () => Math.floor(rand() * 300),
      () => (rand() < 0.1 ? 65535 : Math.floor(rand() * 310)),
      () => Math.floor(rand() * 65536),
      () => [0, 1, 299, 300, 65534, 65535][Math.floor(rand() * 6)]!,
    ];
    for (const [t, n] of lengths.entries()) {
      const gOff = Math.floor(rand() * 8);
      const pOff = Math.floor(rand() * 8);
      const gt = new Uint16Array(new ArrayBuffer(2 * n + 32), 2 * gOff, n);
      const pred = new Uint16Array(new ArrayBuffer(2 * n + 32), 2 * pOff, n);
      gt.set(shortRuns(rand, n, meanRuns[t % meanRuns.length]!, draws[t % draws.length]!));
      pred.set(shortRuns(rand, n, meanRuns[(t + 2) % meanRuns.length]!, draws[(t + 1) % draws.length]!));
      const expected = countShortJs(gt, pred, gtRow, predCol, size);
      const counted = countShortWasm(gt, pred, gtRow, predCol, size);
      expect(firstDifference(counted, expected)).toBe(-1);
      expect(counted.reduce((sum, v) => sum + v, 0)).toBe(n);
    }
  });

  it('counts runs that span vectors and blocks, and pairs that change on lane 0 or lane 7', () => {
    const { gtRow, predCol, size } = shortTables(300);
    const n = 2 * WASM_SHORT_BLOCK + 20;
    const gt = new Uint16Array(n).fill(7);
    const pred = new Uint16Array(n).fill(9);
    gt[0] = 1; // the very first pixel differs from the rest
    pred[7] = 2; // last lane of the first vector
    gt[8] = 3; // first lane of the second vector
    gt.fill(4, WASM_SHORT_BLOCK - 3, WASM_SHORT_BLOCK + 5); // a run across the block boundary
    pred[n - 1] = 65535; // the scalar tail
    gt[n - 5] = 65535; // the last vector's last lane
    const counted = countShortWasm(gt, pred, gtRow, predCol, size);
    expect(firstDifference(counted, countShortJs(gt, pred, gtRow, predCol, size))).toBe(-1);
    expect(counted[7 * 302 + 9]).toBe(n - 1 - 1 - 1 - 8 - 1 - 1);
    expect(counted[4 * 302 + 9]).toBe(8);
    expect(counted[300 * 302 + 9]).toBe(1);
    expect(counted[7 * 302 + 300]).toBe(1);
  });

  it('counts with the tables of each call, copying them again when they change', () => {
    const first = shortTables(300);
    const second = shortTables(3);
    const rand = prng(7);
    const gt = Uint16Array.from(shortRuns(rand, 5000, 4, () => Math.floor(rand() * 320)));
    const pred = Uint16Array.from(shortRuns(rand, 5000, 4, () => Math.floor(rand() * 320)));
    for (const { gtRow, predCol, size } of [first, second, first, second]) {
      const counted = countShortWasm(gt, pred, gtRow, predCol, size);
      expect(firstDifference(counted, countShortJs(gt, pred, gtRow, predCol, size))).toBe(-1);
    }
  });

  it('adds to the counts already in its histogram', () => {
    const { gtRow, predCol, size } = shortTables(10);
    const gt = new Uint16Array(40).fill(5);
    const pred = new Uint16Array(40).fill(6);
    const hist = shortPairHistogram(size);
    countShortPairs(gt, pred, gtRow, predCol, hist);
    countShortPairs(gt, pred, gtRow, predCol, hist);
    expect(hist[5 * 12 + 6]).toBe(80);
    hist.fill(0);
  });
});

describe('createWasmShortKernel', () => {
  const real = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly!;

  it('returns null without WebAssembly, when the module does not validate, or when compiling throws', () => {
    expect(createWasmShortKernel(undefined)).toBeNull();
    expect(
      createWasmShortKernel({ Module: real.Module, Instance: real.Instance, validate: () => false }),
    ).toBeNull();
    const forbidden = class {
      constructor() {
        throw new Error('Wasm code generation disallowed by embedder');
      }
    };
    expect(
      createWasmShortKernel({ validate: () => true, Module: forbidden, Instance: real.Instance }),
    ).toBeNull();
  });

  it('grows its histogram on demand, invalidating the previous view, and starts at zero', () => {
    const kernel = createWasmShortKernel(real)!;
    const small = kernel.histogram(100)!;
    expect(kernel.owns(small)).toBe(true);
    const large = kernel.histogram(1 << 20)!;
    expect(large.length).toBe(1 << 20);
    expect(large.every((v) => v === 0)).toBe(true);
    expect(kernel.owns(large)).toBe(true);
    expect(kernel.owns(small)).toBe(false);
    expect(kernel.owns(new Int32Array(1 << 20))).toBe(false);
  });

  it('returns no histogram when linear memory cannot grow', () => {
    const Instance = class {
      readonly exports: Record<string, unknown>;
      constructor(module: object) {
        const { exports } = new real.Instance(module);
        const memory = exports.m as { buffer: ArrayBuffer };
        this.exports = {
          ...exports,
          m: {
            get buffer() {
              return memory.buffer;
            },
            grow() {
              throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
            },
          },
        };
      }
    };
    const kernel = createWasmShortKernel({ validate: real.validate, Module: real.Module, Instance })!;
    expect(kernel).not.toBeNull();
    expect(kernel.histogram(16)).not.toBeNull();
    expect(kernel.histogram(1 << 24)).toBeNull();
  });
});

describe('countShortPairs', () => {
  it('falls back to the JavaScript kernel for a histogram outside linear memory or tables of another size', () => {
    const { gtRow, predCol, size } = shortTables(300);
    const gt = new Uint16Array(100).fill(1);
    const pred = new Uint16Array(100).fill(2);
    const hist = new Int32Array(size);
    countShortPairs(gt, pred, gtRow, predCol, hist);
    expect(hist[302 + 2]).toBe(100);
    expect(shortPairHistogram(size)[302 + 2]).toBe(0);
    // tables of 300 + 2 entries (not 65,536): the WebAssembly kernel cannot use them
    const smallRow = gtRow.slice(0, 302);
    const smallCol = predCol.slice(0, 302);
    const wasmHist = shortPairHistogram(size);
    countShortPairs(gt, pred, smallRow, smallCol, wasmHist);
    expect(wasmHist[302 + 2]).toBe(100);
    wasmHist.fill(0);
  });
});
