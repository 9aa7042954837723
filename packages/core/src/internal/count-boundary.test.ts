import { seededRandom } from '@segmetrics/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobMap } from '../../test/blob-map.js';
import { ConfusionMatrix } from '../confusion-matrix.js';
import type { ConfusionMatrixOptions, LabelMapping } from '../types.js';
import { BoundaryCounter } from './count-boundary.js';
import { buildSlotLut } from './label-lut.js';
import { columnKey, createWasmBoundaryKernel, rawShift, wasmBoundaryKernel } from './wasm-boundary-kernel.js';
import type { WebAssemblyApi } from './wasm-pair-kernel.js';

/*
 * The WebAssembly row pass against the JavaScript one, integer for integer, on two 8-bit maps (the only
 * pair the WebAssembly pass counts). The JavaScript pass is checked against the paper's definition in
 * confusion-matrix.boundary.test.ts (which, for 8-bit maps, now runs the WebAssembly pass as well).
 */

/** The tests' seeded generator (mulberry32). */
const prng = seededRandom;

type Kind = 'Uint8Array' | 'Int8Array' | 'Uint8ClampedArray';

/** `values` (0 … 255) as an 8-bit array of `kind` at a byte offset (Int8Array: the same bits). */
function bytesOf(kind: Kind, values: number[], offset: number): Uint8Array | Int8Array | Uint8ClampedArray {
  const buffer = new ArrayBuffer(values.length + offset);
  new Uint8Array(buffer, offset).set(values);
  if (kind === 'Int8Array') return new Int8Array(buffer, offset, values.length);
  if (kind === 'Uint8ClampedArray') return new Uint8ClampedArray(buffer, offset, values.length);
  return new Uint8Array(buffer, offset, values.length);
}

const kernel = wasmBoundaryKernel();

const caseArb = fc.record({
  // 19, 255: slot tables with a shift up to the byte range's end (16 pixels a step); 256: none
  numClasses: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(19, 255, 256)),
  ignore: fc.constantFrom([255], [], [0], [255, 3], [200, 201]),
  mapping: fc.constantFrom('none', 'table', 'reduce', 'gt-only'),
  ratio: fc.oneof(fc.constantFrom(0.005, 0.02, 0.1, 0.3), fc.double({ min: 0.001, max: 0.45, noNaN: true })),
  gtKind: fc.constantFrom<Kind>('Uint8Array', 'Int8Array', 'Uint8ClampedArray'),
  predKind: fc.constantFrom<Kind>('Uint8Array', 'Int8Array', 'Uint8ClampedArray'),
  // widths around multiples of 4, 16 and 32 and far from them
  width: fc.oneof(fc.integer({ min: 1, max: 140 }), fc.constantFrom(31, 32, 33, 63, 64, 65, 97)),
  height: fc.integer({ min: 1, max: 90 }),
  noise: fc.constantFrom(0, 0, 0.005, 0.05, 0.5),
  repeat: fc.constantFrom(0, 0.5, 0.95),
  seed: fc.integer(),
});

describe('BoundaryCounter (WebAssembly pass)', () => {
  it.runIf(kernel !== null)('gives the JavaScript pass’s interior counts on 8-bit maps', () => {
    fc.assert(
      fc.property(caseArb, (r) => {
        const rand = prng(r.seed);
        const labelMapping: LabelMapping | undefined =
          r.mapping === 'table'
            ? { table: { 7: 1, 8: 1, 9: null, 250: 0 } }
            : r.mapping === 'reduce'
              ? { table: {}, reduceZeroLabel: true }
              : r.mapping === 'gt-only'
                ? { table: { 7: 0, 9: null }, applyTo: 'gt' as const }
                : undefined;
        const options: ConfusionMatrixOptions = {
          numClasses: r.numClasses,
          ignoreIndex: r.ignore,
          boundary: { dilationRatio: r.ratio },
          ...(labelMapping === undefined ? {} : { labelMapping }),
        };
        const { settings } = new ConfusionMatrix(options);
        // every byte value may occur: classes, ignore labels, mapped, unmapped and invalid values
        const pool = [
          ...Array.from({ length: r.numClasses + 1 }, (_, k) => k),
          ...r.ignore,
          7,
          8,
          9,
          250,
          130,
        ];
        const gt = blobMap(rand, r.width, r.height, pool, r.noise, { maxRects: 8, repeat: r.repeat });
        const pred = gt.map((v) => (rand() < 0.2 ? pool[Math.floor(rand() * pool.length)]! : v));
        const g = bytesOf(r.gtKind, gt, Math.floor(rand() * 5));
        const p = bytesOf(r.predKind, pred, Math.floor(rand() * 5));
        const js = new BoundaryCounter(settings, null).interiors(p, g, r.width, r.height);
        const wasm = new BoundaryCounter(settings, kernel).interiors(p, g, r.width, r.height);
        const plain = (x: typeof js) =>
          x === null
            ? null
            : { support: Array.from(x.support), predicted: Array.from(x.predicted), tp: Array.from(x.tp) };
        expect(plain(wasm)).toEqual(plain(js));
      }),
      { numRuns: 400 },
    );
  });

  it.runIf(kernel !== null)(
    'gives the JavaScript pass’s counts on a large image at both paper ratios',
    () => {
      const rand = prng(7);
      const width = 517;
      const height = 301;
      for (const dilationRatio of [0.005, 0.02]) {
        const { settings } = new ConfusionMatrix({
          numClasses: 19,
          ignoreIndex: 255,
          boundary: { dilationRatio },
        });
        const pool = [...Array.from({ length: 19 }, (_, k) => k), 255];
        const gt = Uint8Array.from(blobMap(rand, width, height, pool, 0.001, { maxRects: 8, repeat: 0.3 }));
        const pred = Uint8Array.from(blobMap(rand, width, height, pool, 0.001, { maxRects: 8, repeat: 0.3 }));
        const js = new BoundaryCounter(settings, null).interiors(pred, gt, width, height)!;
        const support = Array.from(js.support);
        const predicted = Array.from(js.predicted);
        const tp = Array.from(js.tp);
        const wasm = new BoundaryCounter(settings, kernel).interiors(pred, gt, width, height)!;
        expect(Array.from(wasm.support)).toEqual(support);
        expect(Array.from(wasm.predicted)).toEqual(predicted);
        expect(Array.from(wasm.tp)).toEqual(tp);
        expect(support.some((v) => v > 0)).toBe(true);
      }
    },
  );
});

describe('BoundaryCounter (WebAssembly column pass)', () => {
  const plain = (x: ReturnType<BoundaryCounter['interiors']>) =>
    x === null
      ? null
      : { support: Array.from(x.support), predicted: Array.from(x.predicted), tp: Array.from(x.tp) };
  /** The interiors of the WebAssembly and JavaScript passes, for the default settings at `dilationRatio`. */
  const both = (pred: Uint8Array, gt: Uint8Array, width: number, height: number, dilationRatio: number) => {
    const { settings } = new ConfusionMatrix({
      numClasses: 19,
      ignoreIndex: 255,
      boundary: { dilationRatio },
    });
    return {
      d: new BoundaryCounter(settings, null).dilation(width, height),
      js: plain(new BoundaryCounter(settings, null).interiors(pred, gt, width, height)),
      wasm: plain(new BoundaryCounter(settings, kernel).interiors(pred, gt, width, height)),
    };
  };
  const rand = prng(11);
  const pool = [...Array.from({ length: 19 }, (_, k) => k), 255];

  it.runIf(kernel !== null)(
    'gives the JavaScript pass’s counts where runs change every pixel or two (stripes, checkerboards)',
    () => {
      const width = 131;
      const height = 77;
      const patterns: ((x: number, y: number) => number)[] = [
        (x) => x % 19, // vertical stripes one pixel wide: every pixel a change, columns constant
        (x) => (x >> 1) % 3,
        (_x, y) => y % 2, // horizontal stripes: no column constant for 2d + 1 rows
        (x, y) => (x + y) % 2,
        (x, y) => (x < 40 || y < 30 ? 4 : (x % 7) + (y % 5)),
      ];
      for (const pattern of patterns) {
        const gt = new Uint8Array(width * height);
        for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) gt[y * width + x] = pattern(x, y);
        const pred = gt.map((v) => (rand() < 0.05 ? pool[Math.floor(rand() * pool.length)]! : v));
        for (const ratio of [0.005, 0.02]) {
          const { js, wasm } = both(pred, gt, width, height, ratio);
          expect(wasm).toEqual(js);
        }
      }
    },
  );

  it.runIf(kernel !== null)(
    'gives the JavaScript pass’s counts on a map taller than the counters count (255 rows)',
    () => {
      const width = 45;
      const height = 700;
      const gt = Uint8Array.from(blobMap(rand, width, height, pool, 0.0005, { maxRects: 4, repeat: 0.9 }));
      const pred = gt.map((v, i) => (i % 997 === 0 ? 3 : v));
      const { js, wasm } = both(pred, gt, width, height, 0.002);
      expect(wasm).toEqual(js);
      expect(js!.support.some((v) => v > 0)).toBe(true);
    },
  );

  it.runIf(kernel !== null)(
    'gives the JavaScript pass’s counts at d = 127 (the column pass’s largest) and d = 128 (the interval pass)',
    () => {
      const width = 2000;
      const height = 300;
      // wide regions of classes 1, 2 and 3 (interiors at d = 128 too), a few stray pixels
      const gt = new Uint8Array(width * height).fill(1);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (x >= 300 && x < 900) gt[y * width + x] = 2;
          else if (x >= 1200 && x < 1700 && y >= 20 && y < 280 + (x % 9)) gt[y * width + x] = 3;
        }
      }
      const pred = gt.map((v, i) => (i % 5003 === 0 ? 7 : i % 7919 === 0 ? 255 : v));
      for (const [ratio, d] of [
        [127 / Math.hypot(width, height), 127],
        [128 / Math.hypot(width, height), 128],
      ] as const) {
        const result = both(pred, gt, width, height, ratio);
        expect(result.d).toBe(d);
        expect(result.wasm).toEqual(result.js);
        expect(result.js!.support.some((v) => v > 0)).toBe(true);
      }
    },
  );

  it.runIf(kernel !== null)(
    'gives the JavaScript pass’s counts on maps exactly 2d + 1 wide or high and around multiples of 64 wide',
    () => {
      for (const [width, height] of [
        [3, 3],
        [3, 40],
        [40, 3],
        [63, 5],
        [64, 5],
        [65, 5],
        [127, 9],
        [128, 9],
        [129, 9],
      ] as const) {
        const gt = Uint8Array.from(blobMap(rand, width, height, pool, 0.01, { maxRects: 3 }));
        const pred = gt.map((v) => (rand() < 0.02 ? 2 : v));
        const { js, wasm } = both(pred, gt, width, height, 0.001); // d = 1
        expect(wasm).toEqual(js);
      }
    },
  );
});

describe('columnKey', () => {
  /** The 8-bit slot table the boundary pass builds for the ground truth under `options`. */
  const lutOf = (options: ConfusionMatrixOptions) =>
    buildSlotLut(new ConfusionMatrix(options).settings, true, 1, 'u8', 0, 256);
  it('is the smallest byte of no class when no two bytes share a class', () => {
    expect(columnKey(lutOf({ numClasses: 19, ignoreIndex: 255 }), 19)).toBe(19);
    expect(columnKey(lutOf({ numClasses: 19, ignoreIndex: [0, 255] }), 19)).toBe(0);
    expect(columnKey(lutOf({ numClasses: 19, labelMapping: { table: {}, reduceZeroLabel: true } }), 19)).toBe(
      0,
    );
    expect(columnKey(lutOf({ numClasses: 3, labelMapping: { table: { 1: 2, 2: 1, 0: null } } }), 3)).toBe(0);
    expect(columnKey(lutOf({ numClasses: 256, ignoreIndex: 7 }), 256)).toBe(7);
  });
  it('is −1 when a mapping merges two bytes into one class or every byte is of a class', () => {
    expect(columnKey(lutOf({ numClasses: 19, labelMapping: { table: { 7: 1 } } }), 19)).toBe(-1);
    expect(columnKey(lutOf({ numClasses: 256 }), 256)).toBe(-1);
  });
});

describe('rawShift', () => {
  /** The 8-bit slot table the boundary pass builds for the ground truth under `options`. */
  const lutOf = (options: ConfusionMatrixOptions) =>
    buildSlotLut(new ConfusionMatrix(options).settings, true, 1, 'u8', 0, 256);
  it('is 0 for the default settings and 1 under reduce-zero-label, so those maps are read 16 bytes a step', () => {
    expect(rawShift(lutOf({ numClasses: 19, ignoreIndex: 255 }), 19)).toBe(0);
    expect(rawShift(lutOf({ numClasses: 255 }), 255)).toBe(0);
    expect(rawShift(lutOf({ numClasses: 19, labelMapping: { table: {}, reduceZeroLabel: true } }), 19)).toBe(
      1,
    );
  });
  it('is −1 (byte by byte through the table) when a class has another byte or an ignore label sits among the classes', () => {
    expect(rawShift(lutOf({ numClasses: 19, ignoreIndex: [0, 255] }), 19)).toBe(-1);
    expect(rawShift(lutOf({ numClasses: 19, labelMapping: { table: { 7: 1 } } }), 19)).toBe(-1);
    expect(rawShift(lutOf({ numClasses: 256 }), 256)).toBe(-1);
    expect(rawShift(new Int32Array(256).fill(5), 3)).toBe(-1);
  });
});

describe('createWasmBoundaryKernel', () => {
  it('is null without WebAssembly, or when the module is rejected or throws', () => {
    expect(createWasmBoundaryKernel(undefined)).toBeNull();
    const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    expect(createWasmBoundaryKernel({ ...api, validate: () => false })).toBeNull();
    expect(
      createWasmBoundaryKernel({
        ...api,
        validate: () => true,
        Module: class {
          constructor() {
            throw new Error('refused');
          }
        },
      }),
    ).toBeNull();
  });
});
