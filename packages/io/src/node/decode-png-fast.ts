import { ErrorCode } from '@segmetrics/core';
import { adam7Passes } from '../internal/adam7.js';
import { checkInflatedSize, TRAILING_SLACK } from '../internal/check-inflated-size.js';
import { wrapError } from '../internal/errors.js';
import { checkDecodeOptions } from '../internal/options.js';
import { assertSupported, labelsFromSamples } from '../internal/png-labels.js';
import { concatIdat, PngColorType, type PngStructure, parsePngStructure } from '../internal/png-structure.js';
import { unfilter } from '../internal/unfilter.js';
import { bigEndianToUint16 } from '../internal/unpack.js';
import type { DecodedLabelMap, DecodeOptions } from '../types.js';
import type { DecodeBuffer } from './decode-buffer.js';
import { inflateInto } from './inflate-into.js';
import { nativeCrc32 } from './native-crc32.js';

/**
 * True when the Node fast path reads this image: every PNG the package supports (gray and palette of
 * any depth, gray+alpha, 8-bit RGB/RGBA, Adam7-interlaced 8/16-bit). Interlaced 1/2/4-bit images and
 * 16-bit colour masks are unsupported by every decoder here.
 */
export function fastPathEligible(png: PngStructure): boolean {
  if (png.interlaced && png.bitDepth < 8) return false;
  return !((png.colorType === PngColorType.RGB || png.colorType === PngColorType.RGBA) && png.bitDepth !== 8);
}

/** Options of {@link decodePngFast} and the Node readers. */
export interface FastDecodeOptions extends DecodeOptions {
  /**
   * Memory to decode into, reused across decodes (see {@link DecodeBuffer}): the returned labels may
   * then be a view of it (they are for non-interlaced gray and palette PNGs), valid until its next use.
   * Default: fresh memory owned by the returned label map.
   */
  into?: DecodeBuffer;
}

/**
 * Decodes a PNG label map with the Node fast path: node:zlib's native inflate straight into one
 * buffer sized from IHDR (a decompression bomb stops after the header's size plus 64 KiB), PNG row
 * filters undone in place, and the label array returned as a view of that buffer (8-bit gray/palette)
 * or byte-swapped in place (16-bit), so such a decode allocates once, or not at all into a reused
 * `options.into`. Interlaced images are unfiltered pass by pass and scattered into place; gray+alpha
 * keeps the gray channel and RGB/RGBA go through `options.colorPalette`. Labels are identical to
 * {@link decodePng}'s. Ancillary chunks (iCCP, zTXt, ...) are never decompressed.
 */
export function decodePngFast(bytes: Uint8Array, options: FastDecodeOptions = {}): DecodedLabelMap {
  const { file } = options;
  const png = parsePngStructure(bytes, {
    file,
    maxPixels: checkDecodeOptions(options),
    checkCrc: options.checkCrc ?? true,
    crc32: nativeCrc32,
  });
  assertSupported(png, options);
  const expected = png.inflatedSize;
  // The unfiltered rows are compacted in place to `rowBytes × height` bytes at the start.
  const inflated = options.into?.take(expected) ?? new Uint8Array(expected);
  let written: number;
  try {
    const result = inflateInto(concatIdat(png), inflated, TRAILING_SLACK);
    written = result.ended ? result.written : expected + TRAILING_SLACK + 1;
  } catch (error) {
    throw wrapError(error, ErrorCode.DECODE_FAILED, file, 'corrupt PNG image data (zlib)');
  }
  checkInflatedSize(written, expected, file);
  const bytesPerPixel = (png.bitDepth * png.channels) / 8;
  const count = png.width * png.height;
  let owned: Uint8Array;
  if (png.interlaced) {
    owned = deinterlace(inflated, png, bytesPerPixel, file);
  } else {
    unfilter(inflated, png.rowBytes, png.height, Math.max(1, Math.floor(bytesPerPixel)), file);
    owned = inflated.subarray(0, png.rowBytes * png.height);
  }
  const samples = png.bitDepth === 16 ? bigEndianToUint16(owned, count * png.channels) : owned;
  return labelsFromSamples(png, samples, options, 'fast-path');
}

/**
 * Undoes the filters of each Adam7 pass in place and scatters the pass pixels into a new row-major
 * buffer of `width × height × bytesPerPixel` bytes (8/16-bit images only).
 */
function deinterlace(
  inflated: Uint8Array,
  png: PngStructure,
  bytesPerPixel: number,
  file: string | undefined,
): Uint8Array {
  const { width, height } = png;
  const out = new Uint8Array(width * height * bytesPerPixel);
  const imageRow = width * bytesPerPixel;
  let offset = 0;
  for (const pass of adam7Passes(width, height)) {
    if (pass.width === 0 || pass.height === 0) continue;
    const rowBytes = pass.width * bytesPerPixel;
    const size = pass.height * (rowBytes + 1);
    const data = inflated.subarray(offset, offset + size);
    unfilter(data, rowBytes, pass.height, bytesPerPixel, file);
    for (let r = 0; r < pass.height; r++) {
      let source = r * rowBytes;
      let target = (pass.yStart + r * pass.yStep) * imageRow + pass.xStart * bytesPerPixel;
      const step = pass.xStep * bytesPerPixel;
      for (let c = 0; c < pass.width; c++, source += bytesPerPixel, target += step) {
        for (let k = 0; k < bytesPerPixel; k++) out[target + k] = data[source + k]!;
      }
    }
    offset += size;
  }
  return out;
}
