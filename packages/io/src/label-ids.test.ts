import { describe, expect, it } from 'vitest';
import { allocateLabels, colorLookup, mapColorsToLabels } from './color-palette.js';
import { decodeLabelMap } from './decode-label-map.js';
import { decodePng } from './decode-png.js';
import { encodeLabelPng } from './encode.js';
import { encodePng } from './internal/png-encoder.js';
import { labelMapFromArray } from './label-map-from-array.js';
import { labelMapFromImageData } from './label-map-from-image-data.js';
import { decodeLabelMapNode } from './node/read-label-map.js';

const invalid = expect.objectContaining({ code: 'INVALID_OPTION' });
// 2^32 + 3 would wrap to 3 in an Int32Array, 2^32 + 2 to 2, 2^31 to −2^31.
const wrapping = [4294967299, 4294967298, 2147483648, -2147483649, 2 ** 53, 1.5, Number.NaN, Infinity];

describe('class ids', () => {
  const rgb = encodePng({ width: 2, height: 1, bitDepth: 8, colorType: 2, samples: [0, 0, 0, 9, 9, 9] });

  it('unknownColor outside int32 is INVALID_OPTION in every decoder, never a wrapped id', () => {
    for (const unknownColor of wrapping) {
      const options = { colorPalette: [[0, 0, 0] as const], unknownColor };
      expect(() => decodeLabelMap(rgb, options), String(unknownColor)).toThrowError(invalid);
      expect(() => decodeLabelMapNode(rgb, options), String(unknownColor)).toThrowError(invalid);
      expect(() => decodeLabelMapNode(rgb, { ...options, decoder: decodePng })).toThrowError(invalid);
      // even for files without colours to map
      expect(() => decodeLabelMap(encodeLabelPng([1, 2], 2, 1), { unknownColor })).toThrowError(invalid);
      expect(() =>
        labelMapFromImageData(
          { data: new Uint8Array(4), width: 1, height: 1 },
          { colorPalette: [[1, 1, 1]], unknownColor },
        ),
      ).toThrowError(invalid);
    }
  });

  it('unknownColor and palette ids at the int32 bounds decode exactly', () => {
    const map = decodeLabelMapNode(rgb, {
      colorPalette: { '#000000': -2147483648 },
      unknownColor: 2147483647,
    });
    expect(map.data).toBeInstanceOf(Int32Array);
    expect(Array.from(map.data)).toEqual([-2147483648, 2147483647]);
  });

  it('colour palette ids outside int32 are INVALID_OPTION, in a record and in a decode', () => {
    for (const id of wrapping) {
      expect(() => colorLookup({ '#010203': id }), String(id)).toThrowError(invalid);
      expect(() => decodeLabelMap(rgb, { colorPalette: { '#000000': 0, '#090909': id } })).toThrowError(
        invalid,
      );
    }
  });

  it('allocateLabels and mapColorsToLabels refuse ranges no label array holds', () => {
    expect(() => allocateLabels(4, 0, 4294967299)).toThrowError(invalid);
    expect(() => allocateLabels(4, -2147483649, 0)).toThrowError(invalid);
    expect(allocateLabels(4, -2147483648, 2147483647)).toBeInstanceOf(Int32Array);
    expect(() =>
      mapColorsToLabels(new Uint8Array(3), {
        width: 1,
        height: 1,
        channels: 3,
        colorPalette: [[9, 9, 9]],
        unknownColor: 4294967299,
      }),
    ).toThrowError(invalid);
  });

  it('labelMapFromArray refuses float and BigInt arrays instead of truncating or wrapping them', () => {
    for (const data of [
      new Float64Array([1.5, 2]),
      new Float32Array([4294967299, 0]),
      new BigInt64Array([1n, 2n]),
    ]) {
      expect(() => labelMapFromArray(data as unknown as Uint8Array, { width: 2, height: 1 })).toThrowError(
        invalid,
      );
    }
    expect(() => labelMapFromArray(new Uint32Array([4294967295, 0]), { width: 2, height: 1 })).toThrowError(
      invalid,
    );
  });
});
