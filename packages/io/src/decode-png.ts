import { ErrorCode } from '@segmetrics/core';
import { decode } from 'fast-png';
import { checkInflatedSize, TRAILING_SLACK } from './internal/check-inflated-size.js';
import { wrapError } from './internal/errors.js';
import { essentialPng } from './internal/essential-png.js';
import { inflateBounded, storedZlib } from './internal/inflate-bounded.js';
import { checkDecodeOptions } from './internal/options.js';
import { assertSupported, labelsFromSamples } from './internal/png-labels.js';
import { concatIdat, parsePngStructure } from './internal/png-structure.js';
import type { DecodedLabelMap, DecodeOptions } from './types.js';

/**
 * Decodes a PNG label map with fast-png (pure JavaScript: browsers and Node alike) into integer
 * labels, exactly:
 * - 8/16-bit gray: the sample values; 1/2/4-bit gray: unpacked sample values;
 * - palette (1/2/4/8-bit): the palette **indices**; `palette` lists the PLTE entries. With a
 *   `colorPalette`, a file whose used indices are all drawn in its colours, one in a colour it gives
 *   another id (a colour-coded mask saved in its own palette order), is read by colour instead;
 * - gray+alpha: the gray channel;
 * - 8-bit RGB/RGBA colour-coded masks: mapped to ids through `options.colorPalette` (alpha ignored).
 *
 * The file structure is validated first (signature, CRCs, IHDR, IEND) and the pixel limit enforced
 * before anything is allocated. The zlib stream is then inflated with fflate into a buffer bounded by
 * what the header allows ({@link inflateBounded}): a stream that inflates to more (a decompression
 * bomb) or to less (truncated), or whose Adler-32 checksum is wrong or missing, is `DECODE_FAILED`
 * before fast-png runs, as in the Node fast path (fflate itself checks no checksum). fast-png then reads a copy
 * holding only IHDR, PLTE, IEND and the inflated data as stored (uncompressed) deflate blocks, so it
 * never decompresses anything itself (ancillary chunks such as iCCP are left out). Errors: `DECODE_FAILED` (corrupt, truncated,
 * wrong CRC or Adler-32, bomb), `IMAGE_TOO_LARGE`, `UNSUPPORTED_FORMAT` (16-bit colour masks, interlaced sub-8-bit
 * images, colour masks without a palette), `UNKNOWN_COLOR`, `INVALID_OPTION`; each names `options.file`.
 */
export function decodePng(bytes: Uint8Array, options: DecodeOptions = {}): DecodedLabelMap {
  const { file } = options;
  const png = parsePngStructure(bytes, {
    file,
    maxPixels: checkDecodeOptions(options),
    checkCrc: options.checkCrc ?? true,
  });
  assertSupported(png, options);
  const limit = png.inflatedSize + TRAILING_SLACK;
  let inflated: Uint8Array | null;
  try {
    inflated = inflateBounded(concatIdat(png), limit);
  } catch (error) {
    // The wording of the Node fast path, whose errors are node:zlib's.
    throw wrapError(error, ErrorCode.DECODE_FAILED, file, 'corrupt PNG image data (zlib)');
  }
  checkInflatedSize(inflated === null ? limit + 1 : inflated.length, png.inflatedSize, file);
  let samples: Uint8Array | Uint16Array;
  try {
    // fast-png reads the image data re-wrapped uncompressed: it copies it through instead of inflating
    // it a second time, and it never sees more than the header allows.
    const stream = storedZlib(inflated!.subarray(0, png.inflatedSize));
    const decoded = decode(essentialPng(png, stream), { checkCrc: false });
    samples = decoded.data as Uint8Array | Uint16Array;
  } catch (error) {
    throw wrapError(error, ErrorCode.DECODE_FAILED, file, 'corrupt PNG image data');
  }
  return labelsFromSamples(png, samples, options, 'fast-png');
}
