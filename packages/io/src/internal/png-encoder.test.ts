import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../decode-png.js';
import { encodePng } from './png-encoder.js';

/** The PNG specification's filters (section 9.2), byte by byte: the reference the encoder must match. */
function referenceFilter(type: number, row: Uint8Array, prev: Uint8Array, bpp: number): number[] {
  const out = [type];
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = prev[i]!;
    const c = i >= bpp ? prev[i - bpp]! : 0;
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    const predicted = [0, a, b, (a + b) >> 1, paeth][type]!;
    out.push((row[i]! - predicted) & 0xff);
  }
  return out;
}

/** The unfiltered row bytes of 8- or 16-bit samples (big-endian), as PNG stores them. */
function rowBytes(samples: readonly number[], bitDepth: 8 | 16): Uint8Array {
  return bitDepth === 8
    ? Uint8Array.from(samples)
    : Uint8Array.from(samples.flatMap((v) => [v >> 8, v & 0xff]));
}

const COLOR_TYPES = [
  { colorType: 0, channels: 1 },
  { colorType: 2, channels: 3 },
  { colorType: 4, channels: 2 },
  { colorType: 6, channels: 4 },
] as const;

describe('encodePng', () => {
  it('filters every row exactly as the PNG specification defines, for every filter type, depth and pixel size', () => {
    const image = fc
      .record({
        width: fc.integer({ min: 1, max: 9 }),
        height: fc.integer({ min: 1, max: 6 }),
        bitDepth: fc.constantFrom(8 as const, 16 as const),
        color: fc.constantFrom(...COLOR_TYPES),
        typed: fc.boolean(),
        filters: fc.array(fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const), {
          minLength: 6,
          maxLength: 6,
        }),
      })
      .chain((s) =>
        fc
          .array(fc.integer({ min: 0, max: 2 ** s.bitDepth - 1 }), {
            minLength: s.width * s.height * s.color.channels,
            maxLength: s.width * s.height * s.color.channels,
          })
          .map((samples) => ({ ...s, samples })),
      );
    fc.assert(
      fc.property(image, ({ width, height, bitDepth, color, typed, filters, samples }) => {
        let filtered: Uint8Array | undefined;
        const bytes = encodePng({
          width,
          height,
          bitDepth,
          colorType: color.colorType,
          // Typed samples: 8-bit ones in a Uint8Array are read in place.
          samples: typed ? (bitDepth === 8 ? Uint8Array : Uint16Array).from(samples) : samples,
          filter: (y) => filters[y]!,
          compress: (data, level) => {
            filtered = data.slice();
            return zlibSync(data, { level: level as 6 });
          },
        });
        const perRow = width * color.channels;
        const bpp = (color.channels * bitDepth) / 8;
        const expected: number[] = [];
        let prev: Uint8Array = new Uint8Array(perRow * (bitDepth / 8));
        for (let y = 0; y < height; y++) {
          const row = rowBytes(samples.slice(y * perRow, (y + 1) * perRow), bitDepth);
          expected.push(...referenceFilter(filters[y]!, row, prev, bpp));
          prev = row;
        }
        expect(Array.from(filtered!)).toEqual(expected);
        // Gray images decode to their samples (colour ones need a colour palette to become labels).
        if (color.colorType === 0) expect(Array.from(decodePng(bytes).data)).toEqual(samples);
      }),
      { numRuns: 300 },
    );
  });
});

describe('byte samples under one filter type (filtered without a copy per row)', () => {
  it('give the bytes of the same samples packed row by row', () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (const [width, height, colorType] of [
      [1, 1, 0],
      [5, 4, 0],
      [33, 17, 3],
      [9, 6, 2],
      [7, 5, 6],
      [300, 3, 4],
    ] as const) {
      const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
      // Runs and noise, so that every filter writes non-zero differences.
      const samples = Uint8Array.from({ length: width * height * channels }, (_, i) =>
        i % 7 < 4 ? (i >> 3) & 0xff : next() & 0xff,
      );
      const palette =
        colorType === 3 ? Array.from({ length: 256 }, (_, i) => [i, 255 - i, i >> 1]) : undefined;
      for (const filter of [0, 1, 2, 3, 4] as const) {
        const input = {
          width,
          height,
          bitDepth: 8 as const,
          colorType,
          filter,
          ...(palette ? { palette } : {}),
        };
        const fast = encodePng({ ...input, samples });
        expect(
          encodePng({ ...input, samples: Array.from(samples) }),
          `${width}×${height} type ${colorType} filter ${filter}`,
        ).toEqual(fast);
      }
    }
  });
});
