import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { brokenTrailerPngs, parityPngs, pngWithBytesAfterStream, syntheticLabels } from '../test/helpers.js';
import { decodePng } from './decode-png.js';
import { encodeLabelPng } from './encode.js';
import { encodePng } from './internal/png-encoder.js';

describe('decodePng', () => {
  it('decodePng reads the 8-bit gray cityscapes_like fixtures as 512×256 Uint8Array labels in {0…18, 255}', () => {
    for (const [, bytes] of parityPngs('cityscapes_like')) {
      const map = decodePng(bytes);
      expect([map.width, map.height, map.bitDepth, map.colorType]).toEqual([512, 256, 8, 'gray']);
      expect(map.data).toBeInstanceOf(Uint8Array);
      expect(map.data.length).toBe(512 * 256);
      expect(map.data.every((v) => v <= 18 || v === 255)).toBe(true);
    }
  });

  it('decodePng returns palette indices, not colours, for the voc_like_palette fixtures', () => {
    for (const [, bytes] of parityPngs('voc_like_palette')) {
      const map = decodePng(bytes);
      expect(map.colorType).toBe('palette');
      expect(map.palette?.[1]?.slice(0, 3)).toEqual([128, 0, 0]); // VOC colour map entry 1
      expect(map.data.every((v) => v <= 20 || v === 255)).toBe(true);
    }
  });

  it('decodePng reads 16-bit gray fixtures as Uint16Array with ignore value 65535', () => {
    const [[, bytes]] = parityPngs('sixteen_bit_300') as [[string, Uint8Array]];
    const map = decodePng(bytes);
    expect(map.data).toBeInstanceOf(Uint16Array);
    expect(map.bitDepth).toBe(16);
    expect(map.data.every((v) => v < 300 || v === 65535)).toBe(true);
    expect(map.data.some((v) => v > 255 && v < 300)).toBe(true);
  });

  it('decodePng round-trips generated 8-bit and 16-bit label maps with every filter type', () => {
    for (const filter of [0, 1, 2, 3, 4, 'adaptive'] as const) {
      for (const [classes, bitDepth] of [
        [19, 8],
        [300, 16],
      ] as const) {
        const labels = syntheticLabels(37, 23, classes, classes + 7);
        const map = decodePng(encodeLabelPng(labels, 37, 23, { filter, bitDepth }));
        expect(Array.from(map.data)).toEqual(labels);
      }
    }
  });

  it('decodePng unpacks 1, 2 and 4-bit gray and palette images', () => {
    for (const bitDepth of [1, 2, 4] as const) {
      for (const colorType of [0, 3] as const) {
        const labels = syntheticLabels(13, 5, 2 ** bitDepth, bitDepth);
        const palette = Array.from({ length: 2 ** bitDepth }, (_, i) => [i, i, i]);
        const bytes = encodePng({
          width: 13,
          height: 5,
          bitDepth,
          colorType,
          samples: labels,
          filter: (row) => (row % 5) as 0 | 1 | 2 | 3 | 4,
          ...(colorType === 3 ? { palette } : {}),
        });
        const map = decodePng(bytes);
        expect(map.bitDepth).toBe(bitDepth);
        expect(Array.from(map.data)).toEqual(labels);
      }
    }
  });

  it('decodePng maps RGB colour masks through a colour palette', () => {
    const rgb = [128, 64, 128, 244, 35, 232, 128, 64, 128, 70, 70, 70];
    const bytes = encodePng({ width: 2, height: 2, bitDepth: 8, colorType: 2, samples: rgb });
    const map = decodePng(bytes, {
      colorPalette: [
        [128, 64, 128],
        [244, 35, 232],
        [70, 70, 70],
      ],
    });
    expect(Array.from(map.data)).toEqual([0, 1, 0, 2]);
    expect(map.colorType).toBe('rgb');
  });

  it('decodePng names an unknown colour and its first pixel, or maps it to the given id', () => {
    const rgba = [1, 2, 3, 255, 9, 9, 9, 255, 1, 2, 3, 255, 9, 9, 9, 255];
    const bytes = encodePng({ width: 2, height: 2, bitDepth: 8, colorType: 6, samples: rgba });
    const palette = { '#010203': 4 };
    try {
      decodePng(bytes, { colorPalette: palette, file: 'mask.png' });
      expect.unreachable();
    } catch (error) {
      expect(SegmetricsError.isInstance(error, 'UNKNOWN_COLOR')).toBe(true);
      expect((error as SegmetricsError).context).toMatchObject({
        file: 'mask.png',
        value: '#090909',
        x: 1,
        y: 0,
      });
    }
    expect(Array.from(decodePng(bytes, { colorPalette: palette, unknownColor: 255 }).data)).toEqual([
      4, 255, 4, 255,
    ]);
  });

  it('decodePng asks for a colour palette when given an RGB mask without one', () => {
    const bytes = encodePng({ width: 1, height: 1, bitDepth: 8, colorType: 2, samples: [1, 2, 3] });
    expect(() => decodePng(bytes)).toThrowError(
      expect.objectContaining({
        code: 'UNSUPPORTED_FORMAT',
        context: expect.objectContaining({ colorType: 'rgb', option: 'colorPalette' }),
      }),
    );
  });

  it('decodePng keeps the gray channel of gray+alpha images', () => {
    const bytes = encodePng({
      width: 3,
      height: 1,
      bitDepth: 8,
      colorType: 4,
      samples: [5, 255, 6, 0, 7, 128],
    });
    expect(Array.from(decodePng(bytes).data)).toEqual([5, 6, 7]);
  });

  it('decodePng refuses images above maxPixels before decoding', () => {
    const bytes = encodeLabelPng(new Uint8Array(100), 10, 10);
    expect(() => decodePng(bytes, { maxPixels: 99, file: 'big.png' })).toThrowError(
      expect.objectContaining({
        code: 'IMAGE_TOO_LARGE',
        context: expect.objectContaining({ file: 'big.png' }),
      }),
    );
    expect(decodePng(bytes, { maxPixels: 100 }).width).toBe(10);
  });

  it('decodePng rejects a wrong CRC, a truncated file and a non-PNG with DECODE_FAILED naming the file', () => {
    const bytes = encodeLabelPng(syntheticLabels(20, 20, 5, 1), 20, 20);
    const badCrc = bytes.slice();
    badCrc[bytes.length - 13] = badCrc[bytes.length - 13]! ^ 1; // last byte of the IDAT CRC
    for (const bad of [badCrc, bytes.subarray(0, bytes.length - 20), new Uint8Array([1, 2, 3])]) {
      expect(() => decodePng(bad, { file: 'x.png' })).toThrowError(
        expect.objectContaining({
          code: 'DECODE_FAILED',
          context: expect.objectContaining({ file: 'x.png' }),
        }),
      );
    }
  });

  it('decodePng rejects a wrong, missing or cut Adler-32 checksum with DECODE_FAILED naming the file, as the fast path does', () => {
    const samples = syntheticLabels(40, 30, 7, 2);
    for (const [what, bytes] of Object.entries(brokenTrailerPngs(40, 30, samples))) {
      let error: unknown;
      try {
        decodePng(bytes, { file: 'x.png' });
      } catch (e) {
        error = e;
      }
      expect(error, what).toMatchObject({ code: 'DECODE_FAILED', context: { file: 'x.png' } });
      expect((error as Error).message, what).toMatch(
        /^x\.png: corrupt PNG image data \(zlib\): (incorrect data check|unexpected end of file)$/,
      );
    }
  });

  it('decodePng reads an image whose zlib stream is followed by other bytes, as zlib ignores them', () => {
    const samples = syntheticLabels(40, 30, 7, 2);
    for (const extra of [1, 4, 100]) {
      expect(Array.from(decodePng(pngWithBytesAfterStream(40, 30, samples, extra)).data)).toEqual(samples);
    }
  });
});
