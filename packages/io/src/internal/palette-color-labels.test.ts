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
    // Index k drawn in class k's colour (VOC-style), indices 4 and 5 in colours the palette lacks.
    const filePalette: Rgb[] = [...CLASS_COLORS, [4, 4, 4], [5, 5, 5]];
    const indices = [0, 1, 2, 3, 4, 5, 0, 5];
    for (const colorPalette of [CLASS_COLORS, undefined]) {
      const map = await decode(palettePng(4, indices, filePalette), colorPalette ? { colorPalette } : {});
      expect(Array.from(map.data)).toEqual(indices);
    }
    // Without a colour palette a contradicting file keeps its indices too (the PNG convention).
    const shuffled: Rgb[] = [CLASS_COLORS[2]!, CLASS_COLORS[0]!, CLASS_COLORS[1]!];
    expect(Array.from((await decode(palettePng(3, [0, 1, 2], shuffled), {})).data)).toEqual([0, 1, 2]);
  });

  it('keeps the indices of a colour map that shares colours between indices as the palette does', async () => {
    // Cityscapes labelIds: 0 … 4 all black, 17 (pole) and 18 (polegroup) the same grey; the palette
    // gives black 0 and grey 17, and the file draws 0 and 17 in those colours too.
    const grey: Rgb = [153, 153, 153];
    const filePalette: Rgb[] = Array.from(
      { length: 19 },
      (_, i) => (i <= 4 ? [0, 0, 0] : [i, 100, 7]) as Rgb,
    );
    filePalette[17] = grey;
    filePalette[18] = grey;
    const colorPalette = { '#000000': 0, '#999999': 17, '#071007': 7 };
    const indices = [18, 17, 3, 0, 18, 1];
    const map = await decode(palettePng(3, indices, filePalette), { colorPalette });
    expect(Array.from(map.data)).toEqual(indices);
  });

  it('keeps the indices of an index map with a grey ramp (PIL convert("P")), whatever the palette says of black', async () => {
    const ramp: Rgb[] = Array.from({ length: 256 }, (_, i) => [i, i, i] as Rgb);
    // Black is void (255) in the palette, and the file draws 255 white: index 0 contradicts, but indices
    // 1 and 2 are drawn in colours the palette lacks.
    const colorPalette = {
      '#000000': 255,
      ...Object.fromEntries(
        CLASS_COLORS.map((c, k) => [`#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`, k]),
      ),
    };
    const indices = [0, 1, 2, 0, 0, 1];
    const map = await decode(palettePng(3, indices, ramp), { colorPalette });
    expect(Array.from(map.data)).toEqual(indices);
  });

  it('keeps the indices when a used index has no PLTE entry or a colour the palette lacks', async () => {
    const past = palettePng(2, [0, 1, 3, 0], [CLASS_COLORS[1]!, CLASS_COLORS[0]!]);
    expect(Array.from((await decode(past, { colorPalette: CLASS_COLORS })).data)).toEqual([0, 1, 3, 0]);
    const stray = palettePng(3, [0, 2, 0, 2, 1, 0], [CLASS_COLORS[1]!, [9, 8, 7], CLASS_COLORS[0]!]);
    expect(Array.from((await decode(stray, { colorPalette: CLASS_COLORS })).data)).toEqual([
      0, 2, 0, 2, 1, 0,
    ]);
  });

  it('gives the ids of the palette, in the smallest array that holds them', async () => {
    const filePalette: Rgb[] = [CLASS_COLORS[1]!, CLASS_COLORS[0]!];
    const colorPalette = { '#804080': 300, '#f423e8': 7 };
    const map = await decode(palettePng(2, [0, 1, 1, 0], filePalette), { colorPalette });
    expect(map.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(map.data)).toEqual([7, 300, 300, 7]);
  });
});
