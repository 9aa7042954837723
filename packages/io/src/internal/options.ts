import { ErrorCode } from '@segmetrics/core';
import { DEFAULT_MAX_PIXELS, type DecodeOptions } from '../types.js';
import { ioError } from './errors.js';

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
