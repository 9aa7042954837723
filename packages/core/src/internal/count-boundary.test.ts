import { seededRandom } from '@segmetrics/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobMap } from '../../test/blob-map.js';
import { ConfusionMatrix } from '../confusion-matrix.js';
import type { ConfusionMatrixOptions, LabelMapping } from '../types.js';
import { BoundaryCounter } from './count-boundary.js';
import { buildSlotLut } from './label-lut.js';
import { createWasmBoundaryKernel, rawShift, wasmBoundaryKernel } from './wasm-boundary-kernel.js';
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
