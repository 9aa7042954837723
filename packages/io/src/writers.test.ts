import { describe, expect, it } from 'vitest';
import { decodePng } from './decode-png.js';
import { encodeColorizedPng } from './encode-colorized-png.js';
import { encodeErrorMapPng } from './encode-error-map-png.js';
import { encodeLabelPng } from './encode-label-png.js';

describe('encodeLabelPng', () => {
  it('encodeLabelPng picks 8 or 16 bits and rejects out-of-range or non-integer labels', () => {
    expect(decodePng(encodeLabelPng([0, 255], 2, 1)).bitDepth).toBe(8);
    expect(decodePng(encodeLabelPng([0, 256], 2, 1)).bitDepth).toBe(16);
    expect(() => encodeLabelPng([0, 256], 2, 1, { bitDepth: 8 })).toThrowError(
      expect.objectContaining({ code: 'LABEL_OUT_OF_RANGE' }),
    );
    expect(() => encodeLabelPng([0, 1.5], 2, 1)).toThrowError(
      expect.objectContaining({ code: 'LABEL_NOT_INTEGER' }),
    );
    expect(() => encodeLabelPng([0, 1, 2], 2, 1)).toThrowError(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});

describe('encodeColorizedPng', () => {
  it('encodeColorizedPng writes a palette PNG whose indices are the labels, with fallback colours', () => {
    const map = decodePng(
      encodeColorizedPng({ data: [0, 3], width: 2, height: 1 }, [[9, 9, 9]], { fallbackColor: [1, 1, 1] }),
    );
    expect(Array.from(map.data)).toEqual([0, 3]);
    expect(map.palette).toEqual([
      [9, 9, 9],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('encodeColorizedPng writes RGB for labels above 255 and rejects negative labels', () => {
    const map = decodePng(encodeColorizedPng({ data: [0, 300], width: 2, height: 1 }, []), {
      colorPalette: { '#000000': 0, '#ff0000': 1 },
      unknownColor: 7,
    });
    expect(map.colorType).toBe('rgb');
    expect(Array.from(map.data)).toEqual([0, 7]);
    expect(() => encodeColorizedPng({ data: [-1], width: 1, height: 1 }, [])).toThrowError(
      expect.objectContaining({ code: 'LABEL_OUT_OF_RANGE' }),
    );
  });
});

describe('encodeErrorMapPng', () => {
  it('encodeErrorMapPng marks correct, wrong (including predicted ignore) and ignored pixels', () => {
    const bytes = encodeErrorMapPng([1, 2, 255, 4], [1, 3, 2, 255], {
      width: 4,
      height: 1,
      ignoreIndex: [255],
    });
    const map = decodePng(bytes);
    expect(Array.from(map.data)).toEqual([0, 1, 1, 2]);
    expect(map.palette).toEqual([
      [0, 0, 0],
      [255, 0, 0],
      [128, 128, 128],
    ]);
    expect(() => encodeErrorMapPng([1], [1, 2], { width: 2, height: 1 })).toThrowError(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
