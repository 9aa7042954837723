import { normalizeSettings } from '@segmetrics/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayLabels, errorStates } from './display-labels.js';
import { type ThumbnailScratch, thumbnailCodePair, thumbnailCodes } from './thumbnail-codes.js';
import { type ThumbnailKernel, thumbnailKernel } from './thumbnail-kernel.js';
import { thumbnailLabels } from './thumbnail-labels.js';

const ARRAY_TYPES = ['Uint8Array', 'Uint16Array', 'Int32Array', 'Float64Array', 'number[]'] as const;

function labelArray(type: (typeof ARRAY_TYPES)[number], values: readonly number[]) {
  switch (type) {
    case 'Uint8Array':
      return Uint8Array.from(values, (v) => v & 0xff);
    case 'Uint16Array':
      return Uint16Array.from(values);
    case 'Int32Array':
      return Int32Array.from(values);
    case 'Float64Array':
      return Float64Array.from(values);
    default:
      return [...values];
  }
}

describe('thumbnailCodes', () => {
  it('gives the codes of displayLabels(thumbnailLabels(…)) at every pixel, one byte each while they fit', () => {
    const setup = fc.record({
      width: fc.integer({ min: 1, max: 700 }),
      height: fc.integer({ min: 1, max: 40 }),
      maxSide: fc.integer({ min: 1, max: 300 }),
      numClasses: fc.constantFrom(2, 5, 150, 254, 255, 300),
      ignoreIndex: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 2 }),
      reduceZeroLabel: fc.boolean(),
      mapped: fc.boolean(),
      type: fc.constantFrom(...ARRAY_TYPES),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(setup, (s) => {
        let state = s.seed;
        const values = Array.from({ length: s.width * s.height }, () => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state % 3 === 0 ? 255 : state % (s.numClasses + 20);
        });
        const map = { data: labelArray(s.type, values), width: s.width, height: s.height };
        const settings = normalizeSettings({
          numClasses: s.numClasses,
          ignoreIndex: s.ignoreIndex,
          ...(s.reduceZeroLabel ? { labelMapping: { reduceZeroLabel: true } } : {}),
        });
        const reference = thumbnailLabels(map, s.maxSide);
        const codes = thumbnailCodes(map, settings, s.mapped, s.maxSide);
        expect([codes.width, codes.height]).toEqual([reference.width, reference.height]);
        expect(codes.data).toBeInstanceOf(s.numClasses + 1 <= 255 ? Uint8Array : Uint16Array);
        expect(Array.from(codes.data)).toEqual(Array.from(displayLabels(reference.data, settings, s.mapped)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('thumbnailCodePair', () => {
  it('gives both maps’ thumbnailCodes and their errorStates, in one pass or not', () => {
    const setup = fc.record({
      width: fc.integer({ min: 1, max: 600 }),
      height: fc.integer({ min: 1, max: 30 }),
      maxSide: fc.integer({ min: 1, max: 300 }),
      numClasses: fc.constantFrom(2, 5, 150, 253, 254, 255, 300),
      ignoreIndex: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 2 }),
      mapping: fc.constantFrom('none', 'reduce-zero', 'table-gt', 'table-both'),
      predMapped: fc.boolean(),
      gtType: fc.constantFrom('Uint8Array', 'Uint8Array', 'Uint8Array', ...ARRAY_TYPES),
      predType: fc.constantFrom('Uint8Array', 'Uint8Array', 'Uint16Array', 'number[]'),
      otherSize: fc.constantFrom(false, false, false, true),
      filter: fc.constantFrom(undefined, 0 as const, 2 as const),
      useScratch: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
    });
    // Shared by the runs that use it: each draws over whatever the previous pair (of any size) left.
    const scratch: ThumbnailScratch = { arrays: [] };
    let fused = 0;
    let filtered = 0;
    fc.assert(
      fc.property(setup, (s) => {
        let state = s.seed;
        const next = () => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state % 4 === 0 ? 255 : state % (s.numClasses + 20);
        };
        const n = s.width * s.height;
        const gtValues = Array.from({ length: n }, next);
        // Predictions mostly right, so that every error state occurs.
        const predValues = gtValues.map((v) => (next() % 3 === 0 ? next() : v));
        const predHeight = s.otherSize ? s.height + 1 : s.height;
        while (predValues.length < s.width * predHeight) predValues.push(next());
        const gt = { data: labelArray(s.gtType, gtValues), width: s.width, height: s.height };
        const pred = { data: labelArray(s.predType, predValues), width: s.width, height: predHeight };
        const table: Record<number, number | null> = { 1: 0, 7: null, 300: 2 };
        const settings = normalizeSettings({
          numClasses: s.numClasses,
          ignoreIndex: s.ignoreIndex,
          ...(s.mapping === 'reduce-zero' ? { labelMapping: { reduceZeroLabel: true } } : {}),
          ...(s.mapping === 'table-gt' ? { labelMapping: { table, applyTo: 'gt' as const } } : {}),
          ...(s.mapping === 'table-both' ? { labelMapping: { table } } : {}),
        });
        const pair = thumbnailCodePair(
          gt,
          pred,
          settings,
          s.predMapped,
          s.maxSide,
          s.filter,
          s.useScratch ? scratch : null,
        );
        const gtCodes = thumbnailCodes(gt, settings, true, s.maxSide);
        const predCodes = thumbnailCodes(pred, settings, s.predMapped, s.maxSide);
        expect(pair.gt).toEqual(gtCodes);
        expect(pair.pred).toEqual(predCodes);
        if (!s.otherSize) {
          expect(Array.from(pair.states)).toEqual(
            Array.from(errorStates(predCodes.data, gtCodes.data, s.numClasses)),
          );
          if (gt.data instanceof Uint8Array && pred.data instanceof Uint8Array && s.numClasses < 254) fused++;
        }
        // Scanlines: on the one-pass path, exactly the codes filtered by hand (None by default).
        if (pair.scanlines === undefined) return;
        filtered++;
        const filter = s.filter ?? 0;
        expect(pair.scanlines.filter).toBe(filter);
        const { width, height } = pair.gt;
        for (const [picture, codes] of [
          [pair.scanlines.gt, pair.gt.data],
          [pair.scanlines.pred, pair.pred.data],
          [pair.scanlines.errorMap, pair.states],
        ] as const) {
          expect(picture.largest).toBe(Math.max(...codes));
          const expected = new Uint8Array(height * (width + 1));
          for (let y = 0; y < height; y++) {
            expected[y * (width + 1)] = filter;
            for (let x = 0; x < width; x++) {
              const above = filter === 2 && y > 0 ? codes[(y - 1) * width + x]! : 0;
              expected[y * (width + 1) + 1 + x] = (codes[y * width + x]! - above) & 0xff;
            }
          }
          expect(picture.data).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
    // The one-pass path ran often enough to matter, and filtered too (about 30 and 40 of the 300 runs on
    // average, 17 at the least seen in CI: thresholds far below, so that a random seed cannot fail them).
    expect(fused).toBeGreaterThan(5);
    expect(filtered).toBeGreaterThan(5);
  });

  it('samples in the WebAssembly kernel exactly as in JavaScript (codes, states, scanlines, largest)', () => {
    const kernel = thumbnailKernel();
    // Node has WebAssembly: the kernel is what the report uses by default.
    expect(kernel).not.toBeNull();
    const setup = fc.record({
      // Small maps (the many bands of large ones are the next test's): fast under a loaded CI machine.
      width: fc.integer({ min: 1, max: 600 }),
      height: fc.integer({ min: 1, max: 50 }),
      maxSide: fc.integer({ min: 1, max: 300 }),
      numClasses: fc.constantFrom(1, 2, 19, 150, 253, 254),
      ignoreIndex: fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 2 }),
      mapping: fc.constantFrom('none', 'reduce-zero', 'table-gt', 'table-both'),
      predMapped: fc.boolean(),
      filter: fc.constantFrom(0 as const, 2 as const),
      runs: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
    });
    let sampled = 0;
    fc.assert(
      fc.property(setup, (s) => {
        let state = s.seed;
        const next = () => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state >>> 7;
        };
        const n = s.width * s.height;
        // Any byte (labels beyond the classes, ignore values), in runs or noise.
        const gt = new Uint8Array(n);
        for (let i = 0, v = 0; i < n; i++) {
          if (!s.runs || next() % 50 === 0) v = next() % 4 === 0 ? 255 : next() % 256;
          gt[i] = v;
        }
        const pred = gt.map((v) => (next() % 3 === 0 ? next() % 256 : v));
        const settings = normalizeSettings({
          numClasses: s.numClasses,
          ignoreIndex: s.ignoreIndex,
          ...(s.mapping === 'reduce-zero' ? { labelMapping: { reduceZeroLabel: true } } : {}),
          ...(s.mapping === 'table-gt'
            ? { labelMapping: { table: { 1: 0, 7: null }, applyTo: 'gt' as const } }
            : {}),
          ...(s.mapping === 'table-both' ? { labelMapping: { table: { 1: 0, 7: null, 200: 0 } } } : {}),
        });
        const draw = (k: ThumbnailKernel | null) =>
          thumbnailCodePair(
            { data: gt, width: s.width, height: s.height },
            { data: pred, width: s.width, height: s.height },
            settings,
            s.predMapped,
            s.maxSide,
            s.filter,
            null,
            k,
          );
        const wasm = draw(kernel);
        const js = draw(null);
        expect(wasm).toEqual(js);
        expect(wasm.scanlines).toBeDefined();
        sampled++;
      }),
      { numRuns: 120 },
    );
    expect(sampled).toBe(120);
  });

  it('samples a large map in many bands of rows as in JavaScript', () => {
    // 3000 px rows: 10 sampled rows per band, 10 bands for the 94 rows of the 256 × 94 thumbnail.
    const width = 3000;
    const height = 1100;
    const gt = new Uint8Array(width * height);
    for (let i = 0; i < gt.length; i++) gt[i] = (Math.floor(i / 977) * 7 + (i % 13 === 0 ? 255 : 0)) % 256;
    const pred = gt.map((v, i) => (i % 11 === 0 ? (v + 1) % 256 : v));
    const settings = normalizeSettings({ numClasses: 40, ignoreIndex: 255 });
    for (const filter of [0, 2] as const) {
      const draw = (kernel: ThumbnailKernel | null) =>
        thumbnailCodePair(
          { data: gt, width, height },
          { data: pred, width, height },
          settings,
          true,
          256,
          filter,
          null,
          kernel,
        );
      const wasm = draw(thumbnailKernel());
      expect([wasm.gt.width, wasm.gt.height]).toEqual([256, 94]);
      expect(wasm).toEqual(draw(null));
      expect(wasm.scanlines?.gt.largest).toBe(41);
    }
  });

  it('samples in JavaScript when the kernel is missing or its memory cannot hold the rows', () => {
    const settings = normalizeSettings({ numClasses: 3, ignoreIndex: 255 });
    const map = { data: Uint8Array.from([0, 1, 2, 255, 7, 1]), width: 3, height: 2 };
    const pred = { data: Uint8Array.from([0, 2, 2, 1, 7, 255]), width: 3, height: 2 };
    const expected = {
      gt: [0, 1, 2, 3, 4, 1],
      pred: [0, 2, 2, 1, 4, 3],
      states: [0, 1, 0, 2, 0, 1],
    };
    const refusing: ThumbnailKernel = {
      memory: {
        buffer: new ArrayBuffer(0),
        grow: () => {
          throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
        },
      },
      sample: () => {
        throw new Error('not called');
      },
    };
    for (const kernel of [null, refusing, thumbnailKernel()]) {
      const pair = thumbnailCodePair(map, pred, settings, true, 256, 2, null, kernel);
      expect(Array.from(pair.gt.data)).toEqual(expected.gt);
      expect(Array.from(pair.pred.data)).toEqual(expected.pred);
      expect(Array.from(pair.states)).toEqual(expected.states);
      // Up filter: the second row minus the first, modulo 256.
      expect(Array.from(pair.scanlines?.gt.data ?? [])).toEqual([2, 0, 1, 2, 2, 3, 3, 255]);
      expect(pair.scanlines?.errorMap.largest).toBe(2);
    }
  });

  it('draws into the scratch arrays while the thumbnails keep their size, and into new ones after', () => {
    const settings = normalizeSettings({ numClasses: 3, ignoreIndex: 255 });
    const map = (width: number, height: number, value: number) => ({
      data: new Uint8Array(width * height).fill(value),
      width,
      height,
    });
    const scratch: ThumbnailScratch = { arrays: [] };
    const first = thumbnailCodePair(map(4, 2, 1), map(4, 2, 1), settings, true, 256, 0, scratch);
    const arrays = scratch.arrays;
    expect(arrays).toHaveLength(6);
    expect(first.gt.data).toBe(arrays[0]);
    expect(Array.from(first.gt.data)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // The same size: the same memory, overwritten (the first result now shows the second pair).
    const second = thumbnailCodePair(map(4, 2, 2), map(4, 2, 0), settings, true, 256, 0, scratch);
    expect(scratch.arrays).toBe(arrays);
    expect(second.states).toBe(first.states);
    expect(Array.from(first.gt.data)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(Array.from(second.states)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // Another size: fresh arrays of that size, kept for the next pair.
    const third = thumbnailCodePair(map(3, 3, 0), map(3, 3, 0), settings, true, 256, 2, scratch);
    expect(scratch.arrays).not.toBe(arrays);
    expect(third.gt.data).toBe(scratch.arrays[0]);
    expect(third.scanlines?.gt.data).toHaveLength(3 * 4);
  });
});
