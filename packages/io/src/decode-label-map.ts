import { ErrorCode } from '@segmetrics/core';
import { decodeNpy, hasNpyMagic } from './decode-npy.js';
import { decodePng } from './decode-png.js';
import { ioError } from './internal/errors.js';
import { hasPngSignature } from './internal/png-structure.js';
import type { DecodedLabelMap, DecodeOptions } from './types.js';

/** Which format a byte buffer holds, from its first bytes: `'png'`, `'npy'` or `undefined`. */
export function sniffFormat(bytes: Uint8Array): 'png' | 'npy' | undefined {
  if (hasPngSignature(bytes)) return 'png';
  if (hasNpyMagic(bytes)) return 'npy';
  return undefined;
}

/** Resolves `options.format` against the bytes; throws `UNSUPPORTED_FORMAT` when neither matches. */
export function resolveFormat(bytes: Uint8Array, options: DecodeOptions): 'png' | 'npy' {
  const format = options.format ?? 'auto';
  if (format !== 'auto' && format !== 'png' && format !== 'npy') {
    throw ioError(ErrorCode.INVALID_OPTION, options.file, `format must be 'png', 'npy' or 'auto'`, {
      value: format,
    });
  }
  if (format !== 'auto') return format;
  const sniffed = sniffFormat(bytes);
  if (sniffed === undefined) {
    throw ioError(
      ErrorCode.UNSUPPORTED_FORMAT,
      options.file,
      'unrecognised file format (neither PNG nor .npy)',
      {
        bytes: bytes.length,
      },
    );
  }
  return sniffed;
}

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
