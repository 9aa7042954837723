import { ErrorCode } from '@segmetrics/core';
import { hasNpyMagic } from './decode-npy.js';
import { ioError } from './internal/errors.js';
import { hasPngSignature } from './internal/png-structure.js';
import type { DecodeOptions } from './types.js';

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
