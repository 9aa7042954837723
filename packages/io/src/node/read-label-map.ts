import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ErrorCode } from '@segmetrics/core';
import { resolveFormat } from '../decode-label-map.js';
import { decodeNpy } from '../decode-npy.js';
import { decodePng } from '../decode-png.js';
import { ioError, wrapError } from '../internal/errors.js';
import type { DecodedLabelMap, DecodeOptions } from '../types.js';
import { decodePngFast } from './decode-png-fast.js';

/** Options of the Node readers. */
export interface ReadOptions extends DecodeOptions {
  /**
   * PNG decoder: `'auto'` (default) takes the node:zlib fast path where it applies and fast-png
   * otherwise; `'fast-png'` always uses fast-png (the portable reference).
   */
  decoder?: 'auto' | 'fast-png';
}

/**
 * Decodes label-map bytes in Node: like `decodeLabelMap`, but PNGs take the node:zlib fast path
 * ({@link decodePngFast}) unless `options.decoder` is `'fast-png'`. Same labels either way.
 */
export function decodeLabelMapNode(bytes: Uint8Array, options: ReadOptions = {}): DecodedLabelMap {
  const decoder = options.decoder ?? 'auto';
  if (decoder !== 'auto' && decoder !== 'fast-png') {
    throw ioError(ErrorCode.INVALID_OPTION, options.file, `decoder must be 'auto' or 'fast-png'`, {
      value: decoder,
    });
  }
  if (resolveFormat(bytes, options) === 'npy') return decodeNpy(bytes, options);
  return decoder === 'fast-png' ? decodePng(bytes, options) : decodePngFast(bytes, options);
}

function readError(error: unknown, file: string) {
  const code = (error as { code?: string }).code;
  return wrapError(error, ErrorCode.IO_FAILED, file, 'cannot read file', { errno: code ?? null });
}

/**
 * Reads and decodes a label map file (PNG or `.npy`, sniffed from its bytes). Errors name the file:
 * `IO_FAILED` (missing, unreadable), `DECODE_FAILED`, `IMAGE_TOO_LARGE`, `UNSUPPORTED_FORMAT`,
 * `UNKNOWN_COLOR`.
 *
 * @example
 * const gt = await readLabelMap('gt/frankfurt_000000_000294_gtFine_labelTrainIds.png');
 * gt.data; // Uint8Array, gt.width × gt.height trainIds
 */
export async function readLabelMap(path: string, options: ReadOptions = {}): Promise<DecodedLabelMap> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw readError(error, path);
  }
  return decodeLabelMapNode(bytes, { ...options, file: options.file ?? path });
}

/** Synchronous {@link readLabelMap} (for worker threads that decode one file at a time). */
export function readLabelMapSync(path: string, options: ReadOptions = {}): DecodedLabelMap {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw readError(error, path);
  }
  return decodeLabelMapNode(bytes, { ...options, file: options.file ?? path });
}
