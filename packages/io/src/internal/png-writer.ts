import type { Crc32 } from './crc32.js';
import { PNG_SIGNATURE } from './png-structure.js';

/** Row filter strategy: one type for every row, `'adaptive'` (libpng's minimum-sum heuristic), or per row. */
export type FilterStrategy = 0 | 1 | 2 | 3 | 4 | 'adaptive' | ((row: number) => 0 | 1 | 2 | 3 | 4);

export interface EncodePngInput {
  width: number;
  height: number;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  /** One element per sample (unpacked below 8 bits), row-major, interleaved channels. */
  samples: ArrayLike<number>;
  palette?: readonly (readonly number[])[];
  filter?: FilterStrategy;
  /** zlib level 0 … 9 (default 6). */
  level?: number;
  /** The zlib compressor (default: the one {@link writePng} is given); see {@link ZlibCompress}. */
  compress?: ZlibCompress;
  /**
   * The image data already filtered (e.g. by {@link filterPaletteBytes}): per row, its filter type byte
   * and the filtered row. When set, `samples` and `filter` are not read.
   */
  filtered?: Uint8Array;
}

/**
 * Compresses bytes into a zlib stream (RFC 1950) at a level 0 … 9: the PNG encoders' IDAT compressor.
 * Any conforming compressor gives the same image (e.g. node:zlib's `deflateSync(data, { level })`, several
 * times faster than the portable default in Node); only the file's bytes and size may differ.
 */
export type ZlibCompress = (data: Uint8Array, level: number) => Uint8Array;

/**
 * What an entry point's writers compress and checksum with: its default compressor (see
 * {@link ZlibCompress}) and the CRC-32 of the chunks (node:zlib's native one under Node where it
 * exists, else the package's table: the same checksums).
 */
export interface PngCodec {
  readonly compress: ZlibCompress;
  readonly crc32: Crc32;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

function chunk(type: string, data: Uint8Array, crc32: Crc32): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Writes the filter byte `type` at `out[o]` and the `n` bytes of the row at `row[r]` filtered against
 * the row above at `prev[q]` into `out[o + 1]`…: offsets, not subarrays, so that filtering a whole image
 * creates no view per row (a `subarray` costs more than filtering a thumbnail's row).
 */
function filterRow(
  type: number,
  row: Uint8Array,
  r: number,
  prev: Uint8Array,
  q: number,
  n: number,
  bpp: number,
  out: Uint8Array,
  o: number,
): void {
  out[o++] = type;
  const head = Math.min(bpp, n);
  // One loop per filter type: the pixels of the first `bpp` bytes have no left neighbour (a = c = 0).
  switch (type) {
    case 0:
      for (let i = 0; i < n; i++) out[o + i] = row[r + i]!;
      return;
    case 1:
      for (let i = 0; i < head; i++) out[o + i] = row[r + i]!;
      for (let i = bpp; i < n; i++) out[o + i] = (row[r + i]! - row[r + i - bpp]!) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) out[o + i] = (row[r + i]! - prev[q + i]!) & 0xff;
      return;
    case 3:
      for (let i = 0; i < head; i++) out[o + i] = (row[r + i]! - (prev[q + i]! >> 1)) & 0xff;
      for (let i = bpp; i < n; i++) {
        out[o + i] = (row[r + i]! - ((row[r + i - bpp]! + prev[q + i]!) >> 1)) & 0xff;
      }
      return;
    default:
      for (let i = 0; i < head; i++) out[o + i] = (row[r + i]! - paeth(0, prev[q + i]!, 0)) & 0xff;
      for (let i = bpp; i < n; i++) {
        out[o + i] = (row[r + i]! - paeth(row[r + i - bpp]!, prev[q + i]!, prev[q + i - bpp]!)) & 0xff;
      }
  }
}

/**
 * The image data before compression: per row, its filter type byte and the row filtered. 8-bit samples
 * in a byte array under one filter type are filtered straight from the samples; other samples are packed
 * row by row first (16 bits big-endian, below 8 bits OR-ed into their bytes, others taken modulo 256).
 */
function scanlines(input: EncodePngInput, perRow: number, rowBytes: number, bpp: number): Uint8Array {
  const { height, bitDepth, samples } = input;
  const filtered = new Uint8Array(height * (rowBytes + 1));
  const strategy = input.filter ?? 'adaptive';
  if (bitDepth === 8 && typeof strategy === 'number' && samples instanceof Uint8Array) {
    const zero = new Uint8Array(rowBytes);
    filterRow(strategy, samples, 0, zero, 0, rowBytes, bpp, filtered, 0);
    for (let y = 1; y < height; y++) {
      filterRow(
        strategy,
        samples,
        y * rowBytes,
        samples,
        (y - 1) * rowBytes,
        rowBytes,
        bpp,
        filtered,
        y * (rowBytes + 1),
      );
    }
    return filtered;
  }
  let prev = new Uint8Array(rowBytes);
  let row = new Uint8Array(rowBytes);
  const candidate = new Uint8Array(rowBytes + 1);
  for (let y = 0; y < height; y++) {
    // Samples below 8 bits are OR-ed into their bytes; wider ones overwrite the whole row.
    if (bitDepth < 8) row.fill(0);
    const start = y * perRow;
    if (bitDepth === 16) {
      for (let i = 0; i < perRow; i++) {
        const v = samples[start + i]!;
        row[2 * i] = (v >> 8) & 0xff;
        row[2 * i + 1] = v & 0xff;
      }
    } else if (bitDepth === 8) {
      if (ArrayBuffer.isView(samples)) {
        // One native copy (each sample taken modulo 256, as the loop below does for 8-bit samples).
        row.set((samples as unknown as Uint8Array).subarray(start, start + perRow));
      } else {
        for (let i = 0; i < perRow; i++) row[i] = samples[start + i]!;
      }
    } else {
      const perByte = 8 / bitDepth;
      const mask = (1 << bitDepth) - 1;
      for (let i = 0; i < perRow; i++) {
        const shift = 8 - bitDepth * ((i % perByte) + 1);
        row[Math.floor(i / perByte)]! |= (samples[start + i]! & mask) << shift;
      }
    }
    if (strategy === 'adaptive') {
      let bestSum = Number.POSITIVE_INFINITY;
      for (let type = 0; type <= 4; type++) {
        filterRow(type, row, 0, prev, 0, rowBytes, bpp, candidate, 0);
        let sum = 0;
        for (let i = 1; i <= rowBytes; i++) {
          const v = candidate[i]!;
          sum += v < 128 ? v : 256 - v;
        }
        if (sum < bestSum) {
          bestSum = sum;
          filtered.set(candidate, y * (rowBytes + 1));
        }
      }
    } else {
      const type = typeof strategy === 'function' ? strategy(y) : strategy;
      filterRow(type, row, 0, prev, 0, rowBytes, bpp, filtered, y * (rowBytes + 1));
    }
    const swap = prev;
    prev = row;
    row = swap;
  }
  return filtered;
}

/**
 * One byte per pixel (palette indices) under the None (0) or Up (2) filter for every row: the image data
 * of {@link writePng} (`filtered`) and the largest value, in one pass over the bytes. The same bytes as
 * `scanlines` gives under that filter. One loop instead of a scan for the largest value and a filter
 * pass: the HTML report encodes a few dozen small pictures per run, and V8 makes each such loop fast
 * only after several milliseconds, which it pays once here.
 */
export function filterPaletteBytes(
  samples: Uint8Array,
  width: number,
  height: number,
  type: 0 | 2,
): { filtered: Uint8Array; largest: number } {
  const filtered = new Uint8Array(height * (width + 1));
  let largest = 0;
  for (let y = 0, i = 0, o = 0; y < height; y++) {
    filtered[o++] = type;
    // The first row's Up filter subtracts nothing (the row above a PNG image is zeros).
    const above = type === 2 && y > 0 ? width : 0;
    for (let x = 0; x < width; x++, i++, o++) {
      const v = samples[i]!;
      if (v > largest) largest = v;
      filtered[o] = above === 0 ? v : (v - samples[i - above]!) & 0xff;
    }
  }
  return { filtered, largest };
}

/**
 * Encodes a PNG (non-interlaced) with the given row filters, its data compressed by `input.compress`,
 * else `codec.compress`, its chunks checksummed by `codec.crc32`: the writers' core, which loads no
 * compressor of its own (the entries choose the default: fflate's in browsers, node:zlib's in Node).
 */
export function writePng(input: EncodePngInput, codec: PngCodec): Uint8Array {
  const { width, height, bitDepth, colorType } = input;
  const channels = CHANNELS[colorType];
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  const bpp = Math.max(1, (channels * bitDepth) >> 3);
  const filtered = input.filtered ?? scanlines(input, width * channels, rowBytes, bpp);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  const { crc32 } = codec;
  const parts: Uint8Array[] = [Uint8Array.from(PNG_SIGNATURE), chunk('IHDR', ihdr, crc32)];
  if (input.palette !== undefined) {
    const plte = new Uint8Array(input.palette.length * 3);
    input.palette.forEach((color, i) => {
      plte.set([color[0]!, color[1]!, color[2]!], 3 * i);
    });
    parts.push(chunk('PLTE', plte, crc32));
  }
  const level = (input.level ?? 6) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  const compressed = (input.compress ?? codec.compress)(filtered, level);
  parts.push(chunk('IDAT', compressed, crc32), chunk('IEND', new Uint8Array(0), crc32));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
