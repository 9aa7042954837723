import { describe, expect, it } from 'vitest';
import { colorLookup, parseColor } from './color-palette.js';
import { labelMapFromArray } from './label-map-from-array.js';
import { labelMapFromImageData } from './label-map-from-image-data.js';
import { vocColorMap } from './voc-color-map.js';

describe('labelMapFromImageData', () => {
  it('labelMapFromImageData maps RGBA pixels to ids through a colour palette, ignoring alpha', () => {
    const data = new Uint8ClampedArray([128, 0, 0, 255, 0, 128, 0, 10, 128, 0, 0, 0]);
    const map = labelMapFromImageData({ data, width: 3, height: 1 }, { colorPalette: vocColorMap(3) });
    expect(Array.from(map.data)).toEqual([1, 2, 1]);
  });

  it('labelMapFromImageData reads one channel, and rejects a wrong length or a missing palette', () => {
    const data = new Uint8ClampedArray([7, 0, 0, 255, 9, 0, 0, 255]);
    expect(Array.from(labelMapFromImageData({ data, width: 2, height: 1 }, { channel: 0 }).data)).toEqual([
      7, 9,
    ]);
    expect(() => labelMapFromImageData({ data, width: 3, height: 1 }, { channel: 0 })).toThrowError(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
    expect(() => labelMapFromImageData({ data, width: 2, height: 1 }, {})).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('labelMapFromArray', () => {
  it('labelMapFromArray wraps Uint8Array without copying and narrows other integer arrays', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect(labelMapFromArray(bytes, { width: 2, height: 2 }).data).toBe(bytes);
    const wide = labelMapFromArray(new Int32Array([1, 2, 3, 4, 5, 6, 7, 8]), {
      width: 2,
      height: 2,
      channels: 2,
      channel: 1,
    });
    expect(wide.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(wide.data)).toEqual([2, 4, 6, 8]);
    expect(() => labelMapFromArray(bytes, { width: 3, height: 2 })).toThrowError(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});

describe('colorLookup', () => {
  it('colorLookup rejects a colour given two ids and accepts hex records', () => {
    expect(() =>
      colorLookup([
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(colorLookup({ '#FF0000': 3 }).get(0xff0000)).toBe(3);
    expect(parseColor('00ff00')).toEqual([0, 255, 0]);
    expect(() => parseColor('red')).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

describe('vocColorMap', () => {
  it('vocColorMap matches VOClabelcolormap.m: index 255 is the (224, 224, 192) border colour', () => {
    const map = vocColorMap();
    expect(map).toHaveLength(256);
    expect(map[1]).toEqual([128, 0, 0]);
    expect(map[255]).toEqual([224, 224, 192]);
  });
});
