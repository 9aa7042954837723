import { ErrorCode } from '@segmetrics/core';
import { decodeNpy } from './decode-npy.js';
import { decodePng } from './decode-png.js';
import { ioError } from './internal/errors.js';
import { resolveFormat } from './resolve-format.js';
import type { DecodedLabelMap, DecodeOptions } from './types.js';

/**
 * Decodes a label map from bytes (browser-safe): PNG through {@link decodePng} (fast-png) or NumPy
 * `.npy` through {@link decodeNpy}, chosen by `options.format` (default: sniffed from the first bytes).
 * Errors are `SegmetricsError`s naming `options.file`.
 *
 * @example
 * const labels = decodeLabelMap(new Uint8Array(await (await fetch('gt.png')).arrayBuffer()));
 * labels.data; // Uint8Array of width × height labels
 */
export function decodeLabelMap(bytes: Uint8Array, options: DecodeOptions = {}): DecodedLabelMap {
  if (!(bytes instanceof Uint8Array)) {
    throw ioError(ErrorCode.INVALID_OPTION, options.file, 'decodeLabelMap expects a Uint8Array', {
      value: Object.prototype.toString.call(bytes),
    });
  }
  return resolveFormat(bytes, options) === 'png' ? decodePng(bytes, options) : decodeNpy(bytes, options);
}
