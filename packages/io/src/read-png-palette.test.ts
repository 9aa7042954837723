import { describe, expect, it } from 'vitest';
import { encodeColorizedPng, encodeLabelPng } from './encode.js';
import { labelPaletteConflict, paletteDifference, readPngPalette } from './read-png-palette.js';

describe('paletteDifference', () => {
  it('finds the first index two palettes colour differently, within the shorter one', () => {
    const voc = [
      [0, 0, 0],
      [128, 0, 0],
      [0, 128, 0],
    ];
    expect(paletteDifference(voc, voc.slice(0, 2))).toBeNull();
    expect(paletteDifference(voc, [voc[0]!, voc[2]!, voc[1]!])).toEqual({
      index: 1,
      first: [128, 0, 0],
      second: [0, 128, 0],
    });
    // Alpha (from tRNS) is not a colour difference.
    expect(paletteDifference([[1, 2, 3, 255]], [[1, 2, 3]])).toBeNull();
  });
});

describe('labelPaletteConflict', () => {
  it('is paletteDifference, except against a gray ramp (labels saved without colours, as PIL does)', () => {
    const voc = [
      [0, 0, 0],
      [128, 0, 0],
      [0, 128, 0],
    ];
    const gray = Array.from({ length: 256 }, (_, i) => [i, i, i]);
    expect(labelPaletteConflict(voc, gray)).toBeNull();
    expect(labelPaletteConflict(gray, voc)).toBeNull();
    expect(labelPaletteConflict(voc, [voc[0]!, voc[2]!, voc[1]!])).toMatchObject({ index: 1 });
  });
});

describe('readPngPalette', () => {
  it('reads the PLTE entries of a palette PNG, and is null for other files', () => {
    const map = { data: Uint8Array.from([0, 1, 2, 1]), width: 2, height: 2 };
    const palette = [
      [0, 0, 0],
      [128, 0, 0],
      [0, 128, 0],
    ] as const;
    const png = encodeColorizedPng(map, palette);
    expect(readPngPalette(png)?.slice(0, 3)).toEqual(palette.map((c) => [...c]));
    expect(readPngPalette(encodeLabelPng(map.data, 2, 2))).toBeNull();
    expect(readPngPalette(Uint8Array.from([1, 2, 3]))).toBeNull();
    expect(readPngPalette(png.subarray(0, 20))).toBeNull();
    // The start of the file is enough: the palette precedes the image data.
    const idat = png.findIndex((_, i) => String.fromCharCode(...png.subarray(i, i + 4)) === 'IDAT');
    expect(readPngPalette(png.subarray(0, idat))?.slice(0, 3)).toEqual(palette.map((c) => [...c]));
  });
});
