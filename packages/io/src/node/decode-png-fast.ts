import { inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { ErrorCode } from '@segmetrics/core';
import { decodePng } from '../decode-png.js';
import { ioError, wrapError } from '../internal/errors.js';
import { resolveMaxPixels } from '../internal/options.js';
import { assertSupported, labelsFromSamples } from '../internal/png-labels.js';
import { concatIdat, PngColorType, type PngStructure, parsePngStructure } from '../internal/png-structure.js';
import { unfilterInPlace } from '../internal/unfilter.js';
import { bigEndianToUint16 } from '../internal/unpack.js';
import type { DecodedLabelMap, DecodeOptions } from '../types.js';

/** Trailing bytes tolerated after the image data in the zlib stream (sloppy encoders). */
const TRAILING_SLACK = 65536;

/** True when the Node fast path reads this image: non-interlaced gray or palette, any bit depth. */
export function fastPathEligible(png: PngStructure): boolean {
  return !png.interlaced && (png.colorType === PngColorType.GRAY || png.colorType === PngColorType.PALETTE);
}

/**
 * Decodes a PNG label map with the Node fast path: node:zlib's native inflate straight into one
 * buffer sized from IHDR, PNG row filters undone in place, and the label array returned as a view of
 * that buffer (8-bit) or byte-swapped in place (16-bit), so a decode allocates once. Non-interlaced
 * 1/2/4/8/16-bit gray and 1/2/4/8-bit palette images take this path; everything else falls back to
 * {@link decodePng} (fast-png). Labels are identical to {@link decodePng}'s; the fast path is stricter
 * about the zlib stream (a stream shorter than the image is `DECODE_FAILED`).
 */
export function decodePngFast(bytes: Uint8Array, options: DecodeOptions = {}): DecodedLabelMap {
  const { file } = options;
  const png = parsePngStructure(bytes, {
    file,
    maxPixels: resolveMaxPixels(options),
    checkCrc: options.checkCrc ?? true,
    crc32: zlibCrc32Compat,
  });
  if (!fastPathEligible(png)) return decodePng(bytes, { ...options, checkCrc: false });
  assertSupported(png, options);
  const expected = png.inflatedSize;
  let inflated: Uint8Array;
  try {
    const output = inflateSync(concatIdat(png), {
      // One output buffer of the exact size: no chunk list, no concatenation.
      chunkSize: Math.max(64, expected + 1),
      maxOutputLength: expected + TRAILING_SLACK,
    });
    // A plain Uint8Array view: Buffer's own prototype keeps element access in the loops polymorphic.
    inflated = new Uint8Array(output.buffer, output.byteOffset, output.length);
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw wrapError(
      error,
      ErrorCode.DECODE_FAILED,
      file,
      tooLarge ? 'image data is larger than the header declares' : 'corrupt PNG image data (zlib)',
    );
  }
  if (inflated.length < expected) {
    throw ioError(
      ErrorCode.DECODE_FAILED,
      file,
      `truncated image data: ${inflated.length} bytes inflated, ${expected} expected`,
      { inflated: inflated.length, expected },
    );
  }
  const bpp = Math.max(1, (png.bitDepth * png.channels) >> 3);
  unfilterInPlace(inflated, png.rowBytes, png.height, bpp, file);
  const count = png.width * png.height;
  const size = png.rowBytes * png.height;
  // A plain Uint8Array view (not a Buffer). Small outputs come from Node's shared allocation pool:
  // copy those so that `data.buffer` belongs to this label map alone.
  const pooled = !(inflated.byteOffset === 0 && inflated.buffer.byteLength === Math.max(64, expected + 1));
  const owned = pooled
    ? new Uint8Array(inflated.buffer, inflated.byteOffset, size).slice()
    : new Uint8Array(inflated.buffer, 0, size);
  const samples = png.bitDepth === 16 ? bigEndianToUint16(owned, count) : owned;
  return labelsFromSamples(png, samples, options, 'fast-path');
}

/** `zlib.crc32` (Node ≥ 20.15) with a typed signature. */
function zlibCrc32Compat(bytes: Uint8Array): number {
  return zlibCrc32(bytes) >>> 0;
}
