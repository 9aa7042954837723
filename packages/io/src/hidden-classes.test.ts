import { sameHiddenClass } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { parityPngs } from '../test/helpers.js';
import { decodeNpy, parseNpyHeader } from './decode-npy.js';
import { labelMapFromArray } from './label-map-from-array.js';
import { labelMapFromImageData } from './label-map-from-image-data.js';
import { decodePngFast } from './node/decode-png-fast.js';

// Objects built per file or per image must share one hidden class: in Node 20's V8 a getter closure per
// object, or `{ ...base, data }` (a spread followed by properties the spread object lacks), gives every
// result its own, allocated in old space — memory that grew with the number of files read. Thousands of
// calls (the hidden classes part after a few dozen), then the last two results are compared.
const CALLS = 4000;

function lastTwo<T extends object>(make: (i: number) => T): [T, T] {
  let previous: T | undefined;
  let last: T | undefined;
  for (let i = 0; i < CALLS; i++) {
    previous = last;
    last = make(i);
  }
  return [previous!, last!];
}

function npyBytes(): Uint8Array {
  const header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }";
  const text = `${header}${' '.repeat(64 - ((10 + header.length + 1) % 64))}\n`;
  const out = new Uint8Array(10 + text.length + 6);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  out.set([0, 1, 2, 3, 4, 5], 10 + text.length);
  return out;
}

describe('one hidden class per kind of decoded map', () => {
  it('.npy headers and label maps', () => {
    const bytes = npyBytes();
    expect(sameHiddenClass(...lastTwo(() => parseNpyHeader(bytes)))).toBe(true);
    expect(sameHiddenClass(...lastTwo(() => decodeNpy(bytes)))).toBe(true);
  });

  it('palette PNG maps (one shared lazy palette getter)', () => {
    const [name, bytes] = parityPngs('voc_like_palette')[0]!;
    expect(sameHiddenClass(...lastTwo(() => decodePngFast(bytes, { file: name })))).toBe(true);
  });

  it('maps made from arrays and ImageData', () => {
    const labels = new Uint8Array([0, 1, 2, 3, 4, 5]);
    const wide = new Int16Array([0, 1, 2, 3, 4, 5]);
    expect(sameHiddenClass(...lastTwo(() => labelMapFromArray(labels, { width: 3, height: 2 })))).toBe(true);
    expect(sameHiddenClass(...lastTwo(() => labelMapFromArray(wide, { width: 3, height: 2 })))).toBe(true);
    const rgba = new Uint8ClampedArray(4 * 6).fill(7);
    const imageData = { data: rgba, width: 3, height: 2 };
    expect(sameHiddenClass(...lastTwo(() => labelMapFromImageData(imageData, { channel: 0 })))).toBe(true);
  });
});
