import { constants, deflateSync, inflateSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { rng } from '../../test/helpers.js';
import { encodeColorizedPng } from '../encode.js';
import { createNodeZlibCompress } from './zlib-compress.js';

const nodeZlibCompress = createNodeZlibCompress();

it('nodeZlibCompress inflates back to its input at every level and size, with the bytes of deflateSync at levels 1–9', () => {
  const random = rng(5);
  for (const length of [0, 1, 100, 4096, 70_000, 300_000]) {
    for (const level of [0, 1, 6, 9]) {
      // Incompressible noise and long runs alike.
      const data = Uint8Array.from({ length }, (_, i) => (i % 3 === 0 ? Math.floor(random() * 256) : i >> 9));
      const bytes = nodeZlibCompress(data, level);
      // Level 0 (stored blocks) splits blocks by the output space at hand: valid, not byte-equal.
      if (level > 0) {
        expect(
          Buffer.from(bytes).equals(deflateSync(data, { level })),
          `${length} bytes, level ${level}`,
        ).toBe(true);
      }
      expect(Buffer.from(inflateSync(bytes)).equals(Buffer.from(data))).toBe(true);
    }
  }
});

it('nodeZlibCompress returns bytes of its own (the next call does not change them)', () => {
  const first = nodeZlibCompress(new Uint8Array(1000).fill(1), 6);
  const copy = first.slice();
  nodeZlibCompress(new Uint8Array(5000).fill(2), 6);
  expect(first).toEqual(copy);
});

it('PNG encoders give the same image with nodeZlibCompress as with deflateSync', () => {
  const labelMap = {
    data: Uint8Array.from({ length: 64 * 48 }, (_, i) => (i * 7) % 5),
    width: 64,
    height: 48,
  };
  const palette = [
    [0, 0, 0],
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [9, 9, 9],
  ] as const;
  const viaReused = encodeColorizedPng(labelMap, palette, { compress: nodeZlibCompress });
  const viaSync = encodeColorizedPng(labelMap, palette, {
    compress: (d, level) => deflateSync(d, { level }),
  });
  expect(Buffer.from(viaReused).equals(Buffer.from(viaSync))).toBe(true);
});

it("createNodeZlibCompress({ strategy: 'rle' }) gives deflateSync's Z_RLE bytes; an unknown strategy is a TypeError", () => {
  const rle = createNodeZlibCompress({ strategy: 'rle' });
  const data = Uint8Array.from({ length: 50_000 }, (_, i) => (i >> 7) % 7);
  expect(Buffer.from(rle(data, 6)).equals(deflateSync(data, { level: 6, strategy: constants.Z_RLE }))).toBe(
    true,
  );
  expect(Buffer.from(rle(data, 6)).equals(Buffer.from(nodeZlibCompress(data, 6)))).toBe(false);
  expect(() => createNodeZlibCompress({ strategy: 'fast' as never })).toThrow(
    /strategy must be one of default, filtered, huffman-only, rle, got fast/,
  );
});
