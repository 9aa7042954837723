import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { parityFixtureRoot } from '@segmetrics/test-utils';
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

/** A deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
