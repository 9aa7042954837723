import { deflateSync } from 'node:zlib';
import { SegmetricsError } from '@segmetrics/core';
import { encode as fastPngEncode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import {
  brokenTrailerPngs,
  parityPngs,
  pngWithBytesAfterStream,
  rawPng,
  rng,
  syntheticLabels,
} from '../../test/helpers.js';
import { decodePng } from '../decode-png.js';
import { encodePng } from '../internal/png-encoder.js';
import { DecodeBuffer } from './decode-buffer.js';
import { decodePngFast } from './decode-png-fast.js';

function sameLabels(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A PNG with one IDAT chunk, for malformed-stream cases the encoder would never write. */
function pngWithIdat(
  width: number,
  height: number,
  bitDepth: number,
  colorType: number,
  idat: Uint8Array,
): Uint8Array {
  return rawPng({ width, height, bitDepth, colorType }, [['IDAT', idat]]);
}

describe('decodePngFast', () => {
  it('keeps its own copy of the palette: reusing the input Buffer afterwards does not change it', () => {
    for (const [name, bytes] of parityPngs('voc_like_palette')) {
      const input = Buffer.from(bytes);
      const map = decodePngFast(input, { file: name });
      const expected = decodePng(bytes, { file: name }).palette;
      input.fill(0); // as a reused read buffer is, by the next file
      expect(map.palette, name).toEqual(expected);
      expect(map.palette?.[1]?.slice(0, 3), name).toEqual([128, 0, 0]);
    }
  });

  it('gives every palette map the same lazy getter (one hidden class for all maps), an own enumerable key', () => {
    // A getter closure per map gave each decoded palette image its own V8 hidden class, allocated in
    // old space: peak memory grew with the number of images read (0.5 KB per image).
    const maps = parityPngs('voc_like_palette').map(([name, bytes]) => decodePngFast(bytes, { file: name }));
    expect(maps.length).toBeGreaterThan(1);
    const getters = new Set(maps.map((map) => Object.getOwnPropertyDescriptor(map, 'palette')?.get));
    expect(getters.size).toBe(1);
    expect([...getters][0]).toBeTypeOf('function');
    for (const map of maps) {
      expect(Object.keys(map)).toEqual([
        'data',
        'width',
        'height',
        'bitDepth',
        'colorType',
        'source',
        'palette',
      ]);
      expect(Object.getOwnPropertySymbols({ ...map })).toEqual([]);
      expect({ ...map }.palette).toEqual(map.palette);
    }
    // Read through another object, the getter gives nothing rather than throwing.
    expect([...getters][0]!.call({})).toBeUndefined();
  });

  it('decodePngFast agrees byte for byte with fast-png on every parity fixture', () => {
    for (const dataset of [
      'cityscapes_like',
      'voc_like_palette',
      'sixteen_bit_300',
      'ade_like_reduce_zero',
    ]) {
      for (const [name, bytes] of parityPngs(dataset)) {
        const fast = decodePngFast(bytes, { file: name });
        const reference = decodePng(bytes, { file: name });
        expect(fast.source, name).toBe('fast-path');
        expect(fast.data.constructor, name).toBe(reference.data.constructor);
        expect(sameLabels(fast.data, reference.data), name).toBe(true);
        expect([fast.width, fast.height, fast.bitDepth, fast.colorType]).toEqual([
          reference.width,
          reference.height,
          reference.bitDepth,
          reference.colorType,
        ]);
      }
    }
  });

  it('decodePngFast agrees with fast-png on generated images of every depth, filter, odd and word-aligned width', () => {
    const random = rng(42);
    const cases: [number, 0 | 3][] = [
      [1, 0],
      [2, 0],
      [4, 0],
      [8, 0],
      [16, 0],
      [1, 3],
      [2, 3],
      [4, 3],
      [8, 3],
    ];
    const reused = new DecodeBuffer();
    for (const [bitDepth, colorType] of cases) {
      for (const width of [1, 3, 8, 61, 64, 200]) {
        const height = 1 + Math.floor(random() * 12);
        const classes = Math.min(2 ** bitDepth, 300);
        const labels = syntheticLabels(width, height, classes, width * bitDepth);
        const palette = Array.from({ length: Math.min(classes, 256) }, (_, i) => [i, 255 - i, i]);
        for (const filter of [0, 1, 2, 3, 4, 'adaptive', () => Math.floor(random() * 5) as 0]) {
          const bytes = encodePng({
            width,
            height,
            bitDepth: bitDepth as 8,
            colorType,
            samples: labels,
            filter: filter as 0,
            ...(colorType === 3 ? { palette } : {}),
          });
          const fast = decodePngFast(bytes);
          expect(fast.source).toBe('fast-path');
          expect(sameLabels(fast.data, decodePng(bytes).data)).toBe(true);
          expect(sameLabels(fast.data, labels)).toBe(true);
          // Into one buffer reused by every image of every size before this one.
          expect(sameLabels(decodePngFast(bytes, { into: reused }).data, labels)).toBe(true);
        }
      }
    }
  });

  it('decodePngFast decodes into a reused DecodeBuffer: the same labels, as a view of its memory', () => {
    const into = new DecodeBuffer();
    const seen = new Set<ArrayBufferLike>();
    for (const dataset of ['cityscapes_like', 'voc_like_palette', 'sixteen_bit_300']) {
      for (const [name, bytes] of parityPngs(dataset)) {
        const reference = decodePngFast(bytes, { file: name });
        const reused = decodePngFast(bytes, { file: name, into });
        expect(reused.data.constructor, name).toBe(reference.data.constructor);
        expect(sameLabels(reused.data, reference.data), name).toBe(true);
        expect(Object.getPrototypeOf(reused.data), name).toBe(Object.getPrototypeOf(reference.data));
        seen.add(reused.data.buffer);
      }
    }
    // One buffer, grown a few times at most (it doubles), not one per image.
    expect(seen.size).toBeLessThanOrEqual(4);
    // Valid until the next use: a second decode into it overwrites the first's labels.
    const a = encodePng({ width: 3, height: 1, bitDepth: 8, colorType: 0, samples: [1, 2, 3] });
    const b = encodePng({ width: 3, height: 1, bitDepth: 8, colorType: 0, samples: [7, 8, 9] });
    const first = decodePngFast(a, { into });
    expect(Array.from(first.data)).toEqual([1, 2, 3]);
    decodePngFast(b, { into });
    expect(Array.from(first.data)).toEqual([7, 8, 9]);
  });

  it('decodePngFast returns plain typed arrays that own their buffer', () => {
    const bytes = encodePng({
      width: 4,
      height: 2,
      bitDepth: 8,
      colorType: 0,
      samples: [1, 2, 3, 4, 5, 6, 7, 8],
    });
    const { data } = decodePngFast(bytes);
    expect(Object.getPrototypeOf(data)).toBe(Uint8Array.prototype);
    expect(data.buffer.byteLength).toBeLessThanOrEqual(64);
  });

  it('decodePngFast reads RGB, gray+alpha and interlaced images itself, as fast-png does', () => {
    const bytes = encodePng({ width: 2, height: 1, bitDepth: 8, colorType: 2, samples: [0, 0, 0, 1, 1, 1] });
    const map = decodePngFast(bytes, {
      colorPalette: [
        [0, 0, 0],
        [1, 1, 1],
      ],
    });
    expect(map.source).toBe('fast-path');
    expect(Array.from(map.data)).toEqual([0, 1]);
    const random = rng(11);
    for (const [width, height] of [
      [1, 1],
      [3, 2],
      [19, 11],
      [8, 8],
      [33, 17],
    ] as const) {
      const labels = syntheticLabels(width, height, 300, width * height);
      for (const depth of [8, 16] as const) {
        const max = depth === 8 ? 256 : 65536;
        for (const channels of [1, 2, 3, 4] as const) {
          if (depth === 16 && channels >= 3) continue; // 16-bit colour masks are unsupported
          const values =
            depth === 8
              ? new Uint8Array(width * height * channels)
              : new Uint16Array(width * height * channels);
          for (let p = 0; p < width * height; p++) {
            for (let k = 0; k < channels; k++)
              values[p * channels + k] = k === 0 ? labels[p]! % max : Math.floor(random() * max);
          }
          for (const interlace of ['null', 'Adam7'] as const) {
            const png = fastPngEncode({ width, height, data: values, depth, channels }, { interlace });
            const colorPalette: [number, number, number][] = [];
            if (channels >= 3) {
              const seen = new Map<number, number>();
              for (let p = 0; p < width * height; p++) {
                const key =
                  (values[p * channels]! << 16) |
                  (values[p * channels + 1]! << 8) |
                  values[p * channels + 2]!;
                if (!seen.has(key)) {
                  seen.set(key, colorPalette.length);
                  colorPalette.push([
                    values[p * channels]!,
                    values[p * channels + 1]!,
                    values[p * channels + 2]!,
                  ]);
                }
              }
            }
            const options = channels >= 3 ? { colorPalette } : {};
            const fast = decodePngFast(png, options);
            const reference = decodePng(png, options);
            const name = `${width}×${height} depth ${depth} channels ${channels} ${interlace}`;
            expect(fast.source, name).toBe('fast-path');
            expect(fast.data.constructor, name).toBe(reference.data.constructor);
            expect(sameLabels(fast.data, reference.data), name).toBe(true);
            if (channels <= 2) {
              expect(
                sameLabels(
                  fast.data,
                  Array.from({ length: width * height }, (_, p) => values[p * channels]!),
                ),
                name,
              ).toBe(true);
            }
          }
        }
      }
    }
  });

  it('decodePngFast rejects a zlib stream shorter than the image and one far longer', () => {
    const short = pngWithIdat(4, 4, 8, 0, deflateSync(new Uint8Array(5 * 3)));
    expect(() => decodePngFast(short, { file: 's.png' })).toThrowError(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
    const bomb = pngWithIdat(4, 4, 8, 0, deflateSync(new Uint8Array(50_000_000)));
    expect(() => decodePngFast(bomb, { file: 'b.png' })).toThrowError(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
  });

  it('decodePngFast rejects an invalid filter type with DECODE_FAILED naming the row', () => {
    const raw = new Uint8Array(2 * 3);
    raw[3] = 9; // filter byte of row 1
    const bytes = pngWithIdat(2, 2, 8, 0, deflateSync(raw));
    expect(() => decodePngFast(bytes, { file: 'f.png' })).toThrowError(
      expect.objectContaining({
        code: 'DECODE_FAILED',
        context: expect.objectContaining({ row: 1, file: 'f.png' }),
      }),
    );
  });

  it('decodePngFast refuses a decompression bomb header before inflating', () => {
    const bytes = pngWithIdat(100_000, 100_000, 8, 0, deflateSync(new Uint8Array(10)));
    expect(() => decodePngFast(bytes)).toThrowError(expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }));
  });

  it('decodePngFast and decodePng give a typed error or the correct labels for mutated and truncated PNGs', () => {
    const random = rng(7);
    const labels = syntheticLabels(24, 16, 19, 3);
    const originals = [
      encodePng({ width: 24, height: 16, bitDepth: 8, colorType: 0, samples: labels }),
      encodePng({ width: 24, height: 16, bitDepth: 16, colorType: 0, samples: labels.map((v) => v * 1000) }),
      encodePng({ width: 24, height: 16, bitDepth: 8, colorType: 3, samples: labels, palette: [[0, 0, 0]] }),
    ];
    let typedErrors = 0;
    let decoded = 0;
    for (let trial = 0; trial < 600; trial++) {
      const original = originals[trial % originals.length]!;
      const expected = decodePng(original).data;
      let bytes: Uint8Array;
      if (trial % 3 === 0) {
        bytes = original.subarray(0, Math.floor(random() * original.length));
      } else {
        bytes = original.slice();
        const flips = 1 + Math.floor(random() * 4);
        for (let k = 0; k < flips; k++)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      }
      for (const decode of [decodePngFast, decodePng]) {
        for (const checkCrc of [true, false]) {
          try {
            // A small pixel limit keeps mutated headers (without CRC checks) from allocating large images.
            const map = decode(bytes, { file: 'fuzz.png', checkCrc, maxPixels: 4096 });
            if (checkCrc) expect(sameLabels(map.data, expected)).toBe(true);
            decoded++;
          } catch (error) {
            expect(SegmetricsError.isInstance(error)).toBe(true);
            expect((error as SegmetricsError).context.file).toBe('fuzz.png');
            typedErrors++;
          }
        }
      }
    }
    expect(typedErrors).toBeGreaterThan(0);
    expect(decoded).toBeGreaterThan(0);
  }, 120_000);

  it('decodePngFast and decodePng reject a wrong, missing or cut Adler-32 checksum with the same error', () => {
    const samples = syntheticLabels(40, 30, 7, 2);
    for (const [what, bytes] of Object.entries(brokenTrailerPngs(40, 30, samples))) {
      const fail = (decode: typeof decodePng) => {
        try {
          decode(bytes, { file: 'x.png' });
        } catch (error) {
          return { code: (error as SegmetricsError).code, message: (error as Error).message };
        }
        return 'decoded';
      };
      const fast = fail(decodePngFast);
      expect(fast, what).toMatchObject({
        code: 'DECODE_FAILED',
        message: expect.stringMatching(/^x\.png: corrupt PNG image data \(zlib\): /),
      });
      expect(fail(decodePng), what).toEqual(fast);
      expect(
        fail((b, o) => decodePngFast(b, { ...o, into: new DecodeBuffer() })),
        what,
      ).toEqual(fast);
    }
    for (const extra of [1, 4, 100]) {
      const bytes = pngWithBytesAfterStream(40, 30, samples, extra);
      expect(Array.from(decodePngFast(bytes).data)).toEqual(samples);
      expect(Array.from(decodePng(bytes).data)).toEqual(samples);
    }
  });
});
