import { SegmetricsError } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { decodeLabelMapAsync } from '../decode-label-map-async.js';
import { decodePng } from '../decode-png.js';
import { decodePngFast } from '../node/decode-png-fast.js';
import type { DecodedLabelMap, DecodeOptions } from '../types.js';
import { encodePng } from './png-encoder.js';

type Rgb = [number, number, number];

/** Every PNG decoder of the package (portable, Node fast path, Compression Streams). */
const DECODERS: [string, (bytes: Uint8Array, options: DecodeOptions) => Promise<DecodedLabelMap>][] = [
  ['decodePng', async (bytes, options) => decodePng(bytes, options)],
  ['decodePngFast', async (bytes, options) => decodePngFast(bytes, options)],
  ['decodeLabelMapAsync', (bytes, options) => decodeLabelMapAsync(bytes, options)],
];

function palettePng(width: number, indices: number[], palette: Rgb[], bitDepth: 1 | 2 | 4 | 8 = 8) {
  return encodePng({
    width,
    height: indices.length / width,
    bitDepth,
    colorType: 3,
    samples: indices,
    palette,
    filter: (row) => (row % 5) as 0 | 1 | 2 | 3 | 4,
  });
}

function rgbPng(width: number, indices: number[], palette: Rgb[]) {
  return encodePng({
    width,
    height: indices.length / width,
    bitDepth: 8,
    colorType: 2,
    samples: indices.flatMap((i) => palette[i]!),
  });
}

const CLASS_COLORS: Rgb[] = [
  [128, 64, 128],
  [244, 35, 232],
  [70, 70, 70],
  [102, 102, 156],
];

describe.each(DECODERS)('%s: palette PNGs under a colour palette', (_, decode) => {
  it('reads a colour mask saved in its own palette order by colour, as the same mask in RGB', async () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const width = 1 + Math.floor(random() * 17);
      const height = 1 + Math.floor(random() * 9);
      // The file's own palette: the class colours shuffled, plus colours no pixel uses.
      const order = [0, 1, 2, 3].sort(() => random() - 0.5);
      const filePalette: Rgb[] = [...order.map((k) => CLASS_COLORS[k]!), [1, 2, 3], [9, 9, 9]];
      const indices = Array.from({ length: width * height }, () => Math.floor(random() * 4));
      const options = { colorPalette: CLASS_COLORS };
      const expected = (await decode(rgbPng(width, indices, filePalette), options)).data;
      const map = await decode(palettePng(width, indices, filePalette), options);
      expect(Array.from(map.data)).toEqual(Array.from(expected));
      expect(Array.from(map.data)).toEqual(indices.map((i) => order[i]!));
      expect(map.colorType).toBe('palette');
    }
  });

  it('keeps the indices when the used colours agree with them or are not in the colour palette', async () => {
    // Index k drawn in class k's colour (VOC-style), index 4 and 5 in colours the palette lacks, and an
    // unused entry 6 in class 0's colour (it contradicts index 6, but no pixel uses it).
    const filePalette: Rgb[] = [...CLASS_COLORS, [4, 4, 4], [5, 5, 5], CLASS_COLORS[0]!];
    const indices = [0, 1, 2, 3, 4, 5, 0, 5];
    for (const colorPalette of [CLASS_COLORS, undefined]) {
      const map = await decode(palettePng(4, indices, filePalette), colorPalette ? { colorPalette } : {});
      expect(Array.from(map.data)).toEqual(indices);
    }
    // Without a colour palette a contradicting file keeps its indices too (the PNG convention).
    const shuffled: Rgb[] = [CLASS_COLORS[2]!, CLASS_COLORS[0]!, CLASS_COLORS[1]!];
    expect(Array.from((await decode(palettePng(3, [0, 1, 2], shuffled), {})).data)).toEqual([0, 1, 2]);
  });

  it('reads 1, 2 and 4-bit colour masks by colour too', async () => {
    for (const bitDepth of [1, 2, 4] as const) {
      const filePalette: Rgb[] = [CLASS_COLORS[1]!, CLASS_COLORS[0]!];
      const indices = [0, 1, 1, 0, 1, 0, 0, 0, 1];
      const map = await decode(palettePng(3, indices, filePalette, bitDepth), { colorPalette: CLASS_COLORS });
      expect(Array.from(map.data)).toEqual(indices.map((i) => 1 - i));
    }
  });

  it('names a used colour missing from the colour palette, or gives it unknownColor', async () => {
    const filePalette: Rgb[] = [CLASS_COLORS[1]!, [9, 8, 7], CLASS_COLORS[0]!];
    const bytes = palettePng(3, [0, 2, 0, 2, 1, 0], filePalette);
    const error = await decode(bytes, { colorPalette: CLASS_COLORS, file: 'mask.png' }).catch((e) => e);
    expect(SegmetricsError.isInstance(error, 'UNKNOWN_COLOR')).toBe(true);
    expect((error as SegmetricsError).context).toMatchObject({
      file: 'mask.png',
      value: '#090807',
      x: 1,
      y: 1,
    });
    const map = await decode(bytes, { colorPalette: CLASS_COLORS, unknownColor: 300 });
    expect(map.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(map.data)).toEqual([1, 0, 1, 0, 300, 1]);
  });

  it('refuses a used index past the PLTE of a file read by colour', async () => {
    const bytes = palettePng(2, [0, 1, 3, 0], [CLASS_COLORS[1]!, CLASS_COLORS[0]!]);
    const error = await decode(bytes, { colorPalette: CLASS_COLORS, file: 'mask.png' }).catch((e) => e);
    expect(SegmetricsError.isInstance(error, 'DECODE_FAILED')).toBe(true);
    expect((error as SegmetricsError).context).toMatchObject({ file: 'mask.png', index: 3, x: 0, y: 1 });
  });
});
