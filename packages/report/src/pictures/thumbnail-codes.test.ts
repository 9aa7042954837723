import { normalizeSettings } from '@segmetrics/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayLabels } from './display-labels.js';
import { thumbnailCodes } from './thumbnail-codes.js';
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
