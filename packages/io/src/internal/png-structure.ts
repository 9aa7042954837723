import { ErrorCode } from '@segmetrics/core';
import { inflatedImageSize } from './adam7.js';
import { type Crc32, crc32 as jsCrc32 } from './crc32.js';
import { ioError } from './errors.js';

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** PNG colour types (PNG spec 11.2.2). */
export const PngColorType = { GRAY: 0, RGB: 2, PALETTE: 3, GRAY_ALPHA: 4, RGBA: 6 } as const;

const ALLOWED_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The validated structure of a PNG file: header, palette and the compressed image data. */
export interface PngStructure {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly channels: number;
  readonly interlaced: boolean;
  /**
   * PLTE entries `[r, g, b]`, with alpha appended from tRNS when present; built when first read (most
   * label-map decodes never look at the colours).
   */
  readonly palette: number[][] | undefined;
  /** True when the file has a PLTE chunk (without building {@link PngStructure.palette}). */
  readonly hasPalette: boolean;
  /** The PLTE chunk's bytes (`r, g, b` per entry), or undefined without one. */
  readonly plte: Uint8Array | undefined;
  /** The IDAT payloads in file order (views into the input). */
  readonly idat: Uint8Array[];
  readonly idatLength: number;
  /** Bytes per unfiltered row (without the filter byte). */
  readonly rowBytes: number;
  /**
   * Size of the inflated image data the header allows: height × (rowBytes + 1), or the sum of that
   * over the Adam7 passes of an interlaced image. Every decoder refuses a stream that inflates to more.
   */
  readonly inflatedSize: number;
}

export interface PngStructureOptions {
  file?: string | undefined;
  maxPixels: number;
  checkCrc: boolean;
  crc32?: Crc32 | undefined;
}

/** True when `bytes` starts with the PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Whether the 4 bytes at `at` are ASCII letters (a valid chunk type). */
function isChunkType(bytes: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const b = bytes[i]! | 0x20;
    if (b < 0x61 || b > 0x7a) return false;
  }
  return true;
}

function chunkName(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/**
 * Walks the chunks of a PNG file and validates them: signature, chunk bounds, CRCs, IHDR fields,
 * the pixel limit (checked as soon as IHDR is read, before anything is allocated), PLTE presence,
 * unknown critical chunks and IEND. Ancillary chunks other than tRNS (iCCP, zTXt, iTXt, eXIf, ...) are
 * skipped without being decompressed. Throws `DECODE_FAILED`, `IMAGE_TOO_LARGE` or
 * `UNSUPPORTED_FORMAT`.
 */
export function parsePngStructure(bytes: Uint8Array, options: PngStructureOptions): PngStructure {
  const { file, maxPixels, checkCrc } = options;
  const crc = options.crc32 ?? jsCrc32;
  const fail = (message: string, context: Record<string, unknown> = {}) =>
    ioError(ErrorCode.DECODE_FAILED, file, message, context);
  if (!hasPngSignature(bytes)) throw fail('not a PNG file (bad signature)');

  let header:
    | { width: number; height: number; bitDepth: number; colorType: number; interlaced: boolean }
    | undefined;
  // Copies of the PLTE and tRNS payloads (the input may be a reused read buffer).
  let plte: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let idatLength = 0;
  let ended = false;
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw fail('truncated chunk header', { offset });
    const length = u32(bytes, offset);
    const type = chunkName(bytes, offset + 4);
    if (!isChunkType(bytes, offset + 4)) throw fail('invalid chunk type', { offset });
    if (length > 0x7fffffff || offset + 12 + length > bytes.length) {
      throw fail(`truncated ${type} chunk (${length} bytes declared)`, { offset, chunk: type });
    }
    const dataStart = offset + 8;
    const data = bytes.subarray(dataStart, dataStart + length);
    if (checkCrc) {
      const expected = u32(bytes, dataStart + length);
      const actual = crc(bytes.subarray(offset + 4, dataStart + length));
      if (expected !== actual) throw fail(`CRC mismatch in ${type} chunk`, { offset, chunk: type });
    }
    if (header === undefined && type !== 'IHDR') throw fail('first chunk is not IHDR', { chunk: type });
    switch (type) {
      case 'IHDR': {
        if (header !== undefined) throw fail('duplicate IHDR chunk');
        if (length !== 13) throw fail('IHDR chunk must be 13 bytes', { length });
        const width = u32(data, 0);
        const height = u32(data, 4);
        const bitDepth = data[8]!;
        const colorType = data[9]!;
        if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
          throw fail(`invalid image size ${width}×${height}`, { width, height });
        }
        const allowed = ALLOWED_DEPTHS[colorType];
        if (allowed === undefined || !allowed.includes(bitDepth)) {
          throw fail(`invalid colour type ${colorType} / bit depth ${bitDepth}`, { colorType, bitDepth });
        }
        if (data[10] !== 0) throw fail(`unknown compression method ${data[10]}`);
        if (data[11] !== 0) throw fail(`unknown filter method ${data[11]}`);
        if (data[12] !== 0 && data[12] !== 1) throw fail(`unknown interlace method ${data[12]}`);
        if (width * height > maxPixels) {
          throw ioError(
            ErrorCode.IMAGE_TOO_LARGE,
            file,
            `image is ${width}×${height} = ${width * height} pixels, above the limit of ${maxPixels}`,
            { width, height, maxPixels },
          );
        }
        header = { width, height, bitDepth, colorType, interlaced: data[12] === 1 };
        break;
      }
      case 'PLTE': {
        if (length % 3 !== 0 || length === 0 || length > 768) {
          throw fail(`invalid PLTE length ${length}`, { length });
        }
        // A copy (a Buffer's `slice` would be a view of the input, which may be a reused read buffer).
        plte = new Uint8Array(data);
        break;
      }
      case 'tRNS': {
        if (header?.colorType === PngColorType.PALETTE && plte !== undefined) {
          if (length > plte.length / 3) throw fail('tRNS has more entries than PLTE');
          trns = new Uint8Array(data);
        }
        break;
      }
      case 'IDAT': {
        if (header!.colorType === PngColorType.PALETTE && plte === undefined) {
          throw fail('palette image without a PLTE chunk before IDAT');
        }
        idat.push(data);
        idatLength += length;
        break;
      }
      case 'IEND':
        ended = true;
        break;
      default:
        // Bit 5 of the first byte clear = critical chunk: one we do not know cannot be skipped.
        if ((bytes[offset + 4]! & 0x20) === 0) {
          throw ioError(ErrorCode.UNSUPPORTED_FORMAT, file, `unknown critical chunk ${type}`, {
            chunk: type,
          });
        }
    }
    offset = dataStart + length + 4;
    if (ended) break;
  }
  if (header === undefined) throw fail('no IHDR chunk');
  if (!ended) throw fail('truncated file (no IEND chunk)');
  if (idat.length === 0) throw fail('no IDAT chunk');
  const channels = CHANNELS[header.colorType]!;
  return new ParsedPng(header, channels, plte, trns, idat, idatLength);
}

/**
 * {@link parsePngStructure}'s result: a class, not an object literal with a spread and a getter, which
 * V8 builds in dictionary mode (≈ 4 KiB of garbage per image); the palette is built when first read.
 */
class ParsedPng implements PngStructure {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly channels: number;
  readonly interlaced: boolean;
  readonly hasPalette: boolean;
  readonly idat: Uint8Array[];
  readonly idatLength: number;
  readonly rowBytes: number;
  readonly inflatedSize: number;
  readonly plte: Uint8Array | undefined;
  readonly #trns: Uint8Array | undefined;
  #palette: number[][] | undefined;

  constructor(
    header: { width: number; height: number; bitDepth: number; colorType: number; interlaced: boolean },
    channels: number,
    plte: Uint8Array | undefined,
    trns: Uint8Array | undefined,
    idat: Uint8Array[],
    idatLength: number,
  ) {
    this.width = header.width;
    this.height = header.height;
    this.bitDepth = header.bitDepth;
    this.colorType = header.colorType;
    this.channels = channels;
    this.interlaced = header.interlaced;
    this.hasPalette = plte !== undefined;
    this.idat = idat;
    this.idatLength = idatLength;
    this.rowBytes = Math.ceil((header.width * channels * header.bitDepth) / 8);
    this.inflatedSize = inflatedImageSize(
      header.width,
      header.height,
      channels * header.bitDepth,
      header.interlaced,
    );
    this.plte = plte;
    this.#trns = trns;
  }

  get palette(): number[][] | undefined {
    if (this.#palette === undefined && this.plte !== undefined) {
      this.#palette = paletteEntries(this.plte, this.#trns);
    }
    return this.#palette;
  }
}

/** PLTE entries `[r, g, b]`, with the tRNS alpha appended (255 past its end) when there is one. */
function paletteEntries(plte: Uint8Array, trns: Uint8Array | undefined): number[][] {
  const entries: number[][] = [];
  for (let i = 0; i < plte.length; i += 3) {
    const entry = [plte[i]!, plte[i + 1]!, plte[i + 2]!];
    if (trns !== undefined) entry.push(i / 3 < trns.length ? trns[i / 3]! : 255);
    entries.push(entry);
  }
  return entries;
}

/** The IDAT payloads as one contiguous zlib stream (a view when there is a single IDAT). */
export function concatIdat(png: PngStructure): Uint8Array {
  if (png.idat.length === 1) return png.idat[0]!;
  const out = new Uint8Array(png.idatLength);
  let at = 0;
  for (const part of png.idat) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
