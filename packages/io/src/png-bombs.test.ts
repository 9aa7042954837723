import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rawPng, zeroZlibStream } from '../test/helpers.js';
import { decodePng } from './decode-png.js';
import { decodePngFast } from './node/decode-png-fast.js';

const MiB = 2 ** 20;

/** RSS growth while `run` runs (after a GC when exposed): a generous bound shows nothing big was allocated. */
function rssGrowth(run: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  run();
  return process.memoryUsage().rss - before;
}

// Headers of every PNG kind both decoders read: 96×64 declares at most 96 × 64 × 8 + 64 bytes.
const headers = [
  { name: 'gray 8-bit', bitDepth: 8, colorType: 0 },
  { name: 'gray 16-bit', bitDepth: 16, colorType: 0 },
  { name: 'gray 4-bit', bitDepth: 4, colorType: 0 },
  { name: 'palette', bitDepth: 8, colorType: 3 },
  { name: 'gray+alpha', bitDepth: 8, colorType: 4 },
  { name: 'gray+alpha 16-bit', bitDepth: 16, colorType: 4 },
  { name: 'RGB', bitDepth: 8, colorType: 2 },
  { name: 'RGBA', bitDepth: 8, colorType: 6 },
  { name: 'interlaced gray', bitDepth: 8, colorType: 0, interlaced: true },
  { name: 'interlaced RGB', bitDepth: 8, colorType: 2, interlaced: true },
  { name: 'interlaced gray+alpha 16-bit', bitDepth: 16, colorType: 4, interlaced: true },
];
const palette = new Uint8Array(3 * 256);
const options = { colorPalette: [[0, 0, 0] as const] };

describe('decompression bombs', () => {
  const bomb = zeroZlibStream(1024); // ~1 MiB of zlib stream inflating to 1 GiB

  it('decodePngFast and decodePng refuse a 1 MiB PNG declaring 96×64 that inflates to 1 GiB, on every path, without allocating it', () => {
    expect(bomb.length).toBeLessThan(2 * MiB);
    for (const header of headers) {
      const png = rawPng({ width: 96, height: 64, ...header }, [
        ...(header.colorType === 3 ? ([['PLTE', palette]] as const) : []),
        ['IDAT', bomb],
      ]);
      for (const decode of [decodePngFast, decodePng]) {
        const growth = rssGrowth(() => {
          expect(
            () => decode(png, { ...options, file: 'bomb.png' }),
            `${header.name} ${decode.name}`,
          ).toThrowError(
            expect.objectContaining({
              code: 'DECODE_FAILED',
              context: expect.objectContaining({ file: 'bomb.png' }),
            }),
          );
        });
        expect(growth, `${header.name} ${decode.name}`).toBeLessThan(256 * MiB);
      }
    }
  });

  it('decodePngFast and decodePng skip a 256 MiB iCCP profile and compressed text chunks without inflating them', () => {
    const profile = zeroZlibStream(256);
    const iccp = new Uint8Array(5 + profile.length);
    iccp.set([0x69, 0x63, 0x63, 0, 0]); // "icc", NUL, compression method 0
    iccp.set(profile, 5);
    const ztxt = new Uint8Array(5 + profile.length);
    ztxt.set([0x6b, 0x65, 0x79, 0, 0]);
    ztxt.set(profile, 5);
    const labels = Uint8Array.from({ length: 6 * 4 }, (_, i) => (i * 7) % 19);
    const rows = new Uint8Array(4 * 7);
    for (let y = 0; y < 4; y++) rows.set(labels.subarray(y * 6, y * 6 + 6), y * 7 + 1);
    const png = rawPng({ width: 6, height: 4, bitDepth: 8, colorType: 0 }, [
      ['iCCP', iccp],
      ['zTXt', ztxt],
      ['IDAT', deflateSync(rows)],
    ]);
    for (const decode of [decodePngFast, decodePng]) {
      const growth = rssGrowth(() => {
        expect(Array.from(decode(png).data), decode.name).toEqual(Array.from(labels));
      });
      expect(growth, decode.name).toBeLessThan(128 * MiB);
    }
  });

  it('decodePngFast and decodePng refuse a stream that inflates to less than the header declares', () => {
    for (const header of headers) {
      const png = rawPng({ width: 96, height: 64, ...header }, [
        ...(header.colorType === 3 ? ([['PLTE', palette]] as const) : []),
        ['IDAT', deflateSync(new Uint8Array(64))],
      ]);
      for (const decode of [decodePngFast, decodePng]) {
        expect(() => decode(png, options), `${header.name} ${decode.name}`).toThrowError(
          expect.objectContaining({ code: 'DECODE_FAILED' }),
        );
      }
    }
  });
});
