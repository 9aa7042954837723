import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, deflateSync, constants as zlibConstants } from 'node:zlib';
import { parityFixtureRoot, seededRandom } from '@segmetrics/test-utils';
import { crc32 } from '../src/internal/crc32.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The parity fixtures (`$SEGMETRICS_PARITY_DIR`, the shared folder beside the clone, or the vendored copy). */
export const parityDir = parityFixtureRoot();

/** Every PNG of a parity dataset (`gt` and `pred`), as [relative path, bytes]. */
export function parityPngs(dataset: string): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const side of ['gt', 'pred']) {
    const dir = join(parityDir, dataset, side);
    if (!existsSync(dir)) throw new Error(`parity fixtures not found at ${dir} (set SEGMETRICS_PARITY_DIR)`);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.png')) out.push([`${dataset}/${side}/${name}`, readFileSync(join(dir, name))]);
    }
  }
  return out;
}

/** The tests' seeded generator (mulberry32, from test-utils). */
export const rng = seededRandom;

/** A label map with blobs and edges, like a segmentation (values in [0, classes)). */
export function syntheticLabels(width: number, height: number, classes: number, seed: number): number[] {
  const random = rng(seed);
  const centers = Array.from({ length: 6 }, () => [random() * width, random() * height, random() * classes]);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const [cx, cy, label] of centers) {
        const d = (x - cx!) ** 2 + (y - cy!) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = Math.floor(label!);
        }
      }
      out.push(random() < 0.02 ? Math.floor(random() * classes) : best);
    }
  }
  return out;
}

/** Reads a fixture under test/fixtures. */
export function fixture(name: string): Uint8Array {
  return readFileSync(resolve(here, 'fixtures', name));
}

/** A PNG chunk: length, type, data and a correct CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG built chunk by chunk (IHDR first, then `chunks`, then IEND), for cases no encoder writes. */
export function rawPng(
  header: { width: number; height: number; bitDepth: number; colorType: number; interlaced?: boolean },
  chunks: readonly (readonly [string, Uint8Array])[],
): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, header.width);
  view.setUint32(4, header.height);
  ihdr[8] = header.bitDepth;
  ihdr[9] = header.colorType;
  ihdr[12] = header.interlaced ? 1 : 0;
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...chunks.map(([type, data]) => pngChunk(type, data)),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A zlib stream of `mebibytes` MiB of zero bytes, built without allocating them: one independently
 * compressed 1 MiB segment (a full flush, no final block) repeated, an empty final block, and the
 * Adler-32 of the zeros. About 1 KiB of stream per MiB of output (a decompression bomb).
 */
export function zeroZlibStream(mebibytes: number): Uint8Array {
  const segment = deflateRawSync(new Uint8Array(1 << 20), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  const last = deflateRawSync(new Uint8Array(0));
  const out = new Uint8Array(2 + segment.length * mebibytes + last.length + 4);
  out[0] = 0x78;
  out[1] = 0x9c;
  for (let k = 0; k < mebibytes; k++) out.set(segment, 2 + k * segment.length);
  out.set(last, 2 + segment.length * mebibytes);
  const length = mebibytes * 2 ** 20;
  // Adler-32 of zeros: a = 1, b = length mod 65521.
  new DataView(out.buffer).setUint32(out.length - 4, (((length % 65521) << 16) | 1) >>> 0);
  return out;
}

/** The rows of a `width` × `height` 8-bit gray image (filter byte 0, then the samples), as PNG stores them. */
function grayRows(width: number, height: number, samples: readonly number[]): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(samples.slice(y * width, (y + 1) * width), y * (width + 1) + 1);
  return raw;
}

/**
 * 8-bit gray PNGs (`width` × `height`, labels `samples`) whose zlib stream has a broken Adler-32 trailer,
 * keyed by what is wrong, and that every decoder must reject with `DECODE_FAILED`:
 * - `pixel changed after compression`: a stored block whose first sample was changed, the checksum left
 *   (the CRC of the chunk is correct: what an audit found the portable decoder to accept);
 * - `checksum byte flipped`: a compressed stream with one bit of its checksum flipped;
 * - `no trailer`, `half a trailer`: the stream without its last 4 or 2 bytes;
 * - `junk instead of a trailer`: 4 other bytes after the deflate data, then 3 more.
 */
export function brokenTrailerPngs(
  width: number,
  height: number,
  samples: readonly number[],
): Record<string, Uint8Array> {
  const raw = grayRows(width, height, samples);
  const stored = Uint8Array.from(deflateSync(raw, { level: 0 }));
  stored[2 + 5 + 1] = stored[2 + 5 + 1]! ^ 1; // zlib header, stored-block header, filter byte
  const compressed = Uint8Array.from(deflateSync(raw, { level: 9 }));
  const flipped = compressed.slice();
  flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
  const junk = new Uint8Array(compressed.length + 3);
  junk.set(compressed);
  junk.set([1, 2, 3, 4, 5, 6, 7], compressed.length - 4);
  const header = { width, height, bitDepth: 8, colorType: 0 };
  const png = (stream: Uint8Array) => rawPng(header, [['IDAT', stream]]);
  return {
    'pixel changed after compression': png(stored),
    'checksum byte flipped': png(flipped),
    'no trailer': png(compressed.subarray(0, compressed.length - 4)),
    'half a trailer': png(compressed.subarray(0, compressed.length - 2)),
    'junk instead of a trailer': png(junk),
  };
}

/**
 * An 8-bit gray PNG (`width` × `height`, labels `samples`) whose IDAT holds a correct zlib stream followed by
 * `extra` other bytes: zlib stops at the end of the stream and ignores them (so do libpng and every decoder here).
 */
export function pngWithBytesAfterStream(
  width: number,
  height: number,
  samples: readonly number[],
  extra: number,
): Uint8Array {
  const stream = deflateSync(grayRows(width, height, samples));
  const idat = new Uint8Array(stream.length + extra).fill(0xa5);
  idat.set(stream);
  return rawPng({ width, height, bitDepth: 8, colorType: 0 }, [['IDAT', idat]]);
}
