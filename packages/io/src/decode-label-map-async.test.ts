import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { encode } from 'fast-png';
import { inflateSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { brokenTrailerPngs, pngWithBytesAfterStream, syntheticLabels } from '../test/helpers.js';
import { decodeLabelMap } from './decode-label-map.js';
import { decodeLabelMapAsync } from './decode-label-map-async.js';
import { encodeLabelPng } from './encode.js';
import { vocColorMap } from './voc-color-map.js';

/** One label map of each kind: 8-bit gray, 16-bit gray (300 classes), palette, 8-bit with 0 reduced. */
function fixturePngs(): string[] {
  const root = parityFixtureRoot();
  return [
    'cityscapes_like/gt',
    'sixteen_bit_300/pred',
    'voc_like_palette/gt',
    'ade_like_reduce_zero/pred',
  ].map((dir) => {
    const first = readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.png'))
      .sort()[0]!;
    return join(root, dir, first);
  });
}

function same(bytes: Uint8Array, options = {}) {
  return Promise.all([decodeLabelMapAsync(bytes, options), decodeLabelMap(bytes, options)]);
}

describe('decodeLabelMapAsync', () => {
  it('decodeLabelMapAsync gives decodeLabelMap’s labels on the parity fixtures (8-bit, 16-bit, palette)', async () => {
    const files = fixturePngs();
    expect(files).toHaveLength(4);
    for (const path of files) {
      const [fast, reference] = await same(new Uint8Array(readFileSync(path)));
      expect({ path, ...fast, source: undefined }).toEqual({ path, ...reference, source: undefined });
      expect(fast.data.constructor).toBe(reference.data.constructor);
    }
  });

  it('decodeLabelMapAsync takes the native path for filtered rows and maps RGB masks through a palette', async () => {
    const labels = Uint8Array.from({ length: 37 * 11 }, (_, i) => (i * 7 + (i >> 3)) % 21);
    for (const filter of [0, 1, 2, 3, 4, 'adaptive'] as const) {
      const [fast, reference] = await same(encodeLabelPng(labels, 37, 11, { filter }));
      expect(fast.source).toBe('fast-path');
      expect(fast.data).toEqual(reference.data);
    }
    const colors = vocColorMap(21);
    const rgb = new Uint8Array(labels.length * 3);
    labels.forEach((label, i) => {
      rgb.set(colors[label]!, 3 * i);
    });
    const png = encode({ width: 37, height: 11, data: rgb, channels: 3, depth: 8 });
    const [fast, reference] = await same(png, { colorPalette: colors });
    expect(fast.data).toEqual(reference.data);
    expect(Array.from(fast.data)).toEqual(Array.from(labels));
  });

  it('decodeLabelMapAsync fails on a corrupt file with decodeLabelMap’s error, naming the file', async () => {
    const png = encodeLabelPng(
      Uint8Array.from({ length: 64 * 64 }, (_, i) => i % 5),
      64,
      64,
    );
    const broken = png.slice();
    // Corrupt the deflate data inside IDAT (the CRC check is off so the stream itself is read).
    const idat = Buffer.from(broken).indexOf('IDAT') + 8;
    broken.fill(0xff, idat, idat + 20);
    const options = { file: 'broken.png', checkCrc: false };
    const error = await decodeLabelMapAsync(broken, options).catch((e: unknown) => e);
    let expected: unknown;
    try {
      decodeLabelMap(broken, options);
    } catch (e) {
      expected = e;
    }
    expect(error).toMatchObject({ code: (expected as { code: string }).code });
    expect((error as Error).message).toContain('broken.png');
  });

  describe('with a broken Adler-32 checksum', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    const samples = syntheticLabels(40, 30, 7, 2);

    async function failure(bytes: Uint8Array): Promise<unknown> {
      return decodeLabelMapAsync(bytes, { file: 'x.png' }).then(
        () => 'decoded',
        (error: unknown) => error,
      );
    }

    it('decodeLabelMapAsync rejects a wrong, missing or cut checksum with DECODE_FAILED naming the file', async () => {
      for (const [what, bytes] of Object.entries(brokenTrailerPngs(40, 30, samples))) {
        expect(await failure(bytes), what).toMatchObject({
          code: 'DECODE_FAILED',
          context: { file: 'x.png' },
          message: expect.stringMatching(/^x\.png: corrupt PNG image data \(zlib\): /),
        });
      }
      const padded = pngWithBytesAfterStream(40, 30, samples, 7);
      expect(Array.from((await decodeLabelMapAsync(padded)).data)).toEqual(samples);
    });

    it('decodeLabelMapAsync checks the checksum itself, on a platform whose inflater does not', async () => {
      // A DecompressionStream('deflate') that skips the zlib header and ignores the trailer (fflate).
      class Lenient extends TransformStream<Uint8Array, Uint8Array> {
        constructor() {
          const parts: Uint8Array[] = [];
          super({
            transform: (chunk) => {
              parts.push(chunk);
            },
            flush: (controller) => {
              const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
              let at = 0;
              for (const part of parts) {
                all.set(part, at);
                at += part.length;
              }
              controller.enqueue(inflateSync(all.subarray(2)));
            },
          });
        }
      }
      vi.stubGlobal('DecompressionStream', Lenient);
      const good = encodeLabelPng(Uint8Array.from(samples), 40, 30);
      const decoded = await decodeLabelMapAsync(good);
      expect(decoded.source).toBe('fast-path');
      expect(Array.from(decoded.data)).toEqual(samples);
      for (const [what, bytes] of Object.entries(brokenTrailerPngs(40, 30, samples))) {
        expect(await failure(bytes), what).toMatchObject({
          code: 'DECODE_FAILED',
          context: { file: 'x.png' },
        });
      }
    });
  });
});
