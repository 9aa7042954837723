import { ErrorCode } from '@segmetrics/core';
import { DEFAULT_MAX_PIXELS, type DecodeOptions } from '../types.js';
import { ioError } from './errors.js';
import { checkLabelId } from './label-id.js';

/** `options.maxPixels` validated, or the default 2^28. */
export function resolveMaxPixels(options: DecodeOptions): number {
  const { maxPixels } = options;
  if (maxPixels === undefined) return DEFAULT_MAX_PIXELS;
  if (typeof maxPixels !== 'number' || !(maxPixels > 0)) {
    throw ioError(ErrorCode.INVALID_OPTION, options.file, `maxPixels must be a positive number`, {
      value: maxPixels,
    });
  }
  return maxPixels;
}

/**
 * Validates the options every decoder shares, whatever the input turns out to be: `maxPixels` and
 * `unknownColor` (an id must be an integer in [−2^31, 2^31 − 1]; `INVALID_OPTION` otherwise, even when
 * the file has no colours to map). Returns the resolved pixel limit.
 */
export function checkDecodeOptions(options: DecodeOptions): number {
  const { unknownColor } = options;
  if (unknownColor !== undefined && unknownColor !== 'error') {
    checkLabelId(unknownColor, "unknownColor ('error' or a class id)", options.file);
  }
  return resolveMaxPixels(options);
}
