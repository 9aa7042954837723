import { ErrorCode } from '@segmetrics/core';
import { decode } from 'fast-png';
import { wrapError } from './internal/errors.js';
import { resolveMaxPixels } from './internal/options.js';
import { assertSupported, labelsFromSamples } from './internal/png-labels.js';
import { parsePngStructure } from './internal/png-structure.js';
import type { DecodedLabelMap, DecodeOptions } from './types.js';

/**
 * Decodes a PNG label map with fast-png (pure JavaScript: browsers and Node alike) into integer
 * labels, exactly:
 * - 8/16-bit gray: the sample values; 1/2/4-bit gray: unpacked sample values;
 * - palette (1/2/4/8-bit): the palette **indices** (never the colours); `palette` lists the PLTE entries;
 * - gray+alpha: the gray channel;
 * - 8-bit RGB/RGBA colour-coded masks: mapped to ids through `options.colorPalette` (alpha ignored).
 *
 * The file structure is validated first (signature, CRCs, IHDR, IEND) and the pixel limit enforced
 * before anything is allocated. Errors: `DECODE_FAILED` (corrupt, truncated, wrong CRC),
 * `IMAGE_TOO_LARGE`, `UNSUPPORTED_FORMAT` (16-bit colour masks, interlaced sub-8-bit images, colour
 * masks without a palette), `UNKNOWN_COLOR`; each names `options.file`.
 */
export function decodePng(bytes: Uint8Array, options: DecodeOptions = {}): DecodedLabelMap {
  const { file } = options;
  const png = parsePngStructure(bytes, {
    file,
    maxPixels: resolveMaxPixels(options),
    checkCrc: options.checkCrc ?? true,
  });
  assertSupported(png, options);
  let samples: Uint8Array | Uint16Array;
  try {
    const decoded = decode(bytes, { checkCrc: false });
    samples = decoded.data as Uint8Array | Uint16Array;
  } catch (error) {
    throw wrapError(error, ErrorCode.DECODE_FAILED, file, 'corrupt PNG image data');
  }
  return labelsFromSamples(png, samples, options, 'fast-png');
}
