import { describe, expect, it } from 'vitest';
import { countBytePairs, pairHistogram } from './count-kernels.js';
import {
  createWasmPairKernel,
  pairKernelModuleBytes,
  WASM_BLOCK,
  type WebAssemblyApi,
  wasmPairKernel,
} from './wasm-pair-kernel.js';

/** mulberry32, seeded: deterministic contents. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
