import { ErrorCode } from '@segmetrics/core';
import { resolveFormat } from '../decode-label-map.js';
import { decodeNpy } from '../decode-npy.js';
import { decodePng } from '../decode-png.js';
import { ioError } from '../internal/errors.js';
import type { DecodedLabelMap, DecodeOptions } from '../types.js';
import { decodePngFast } from './decode-png-fast.js';
import { readLabelFile, readLabelFileSync } from './read-label-file.js';

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

/**
 * Reads and decodes a label map file (PNG or `.npy`, sniffed from its bytes). Only regular files are
 * read (a FIFO, a device such as `/dev/zero`, or a link to one is `IO_FAILED` without a read), and
 * never more than the format allows: a PNG larger than twice the image data its header declares plus
 * 16 MiB is `IMAGE_TOO_LARGE` before it is read; a `.npy` file is read up to the end of the array its
 * header declares. Errors name the file: `IO_FAILED` (missing, unreadable, not a regular file),
 * `DECODE_FAILED`, `IMAGE_TOO_LARGE`, `UNSUPPORTED_FORMAT`, `UNKNOWN_COLOR`.
 *
 * @example
 * const gt = await readLabelMap('gt/frankfurt_000000_000294_gtFine_labelTrainIds.png');
 * gt.data; // Uint8Array, gt.width × gt.height trainIds
 */
export async function readLabelMap(path: string, options: ReadOptions = {}): Promise<DecodedLabelMap> {
  const resolved = { ...options, file: options.file ?? path };
  return decodeLabelMapNode(await readLabelFile(path, resolved), resolved);
}

/**
 * Synchronous {@link readLabelMap} (for worker threads that decode one file at a time): the same
 * checks, one read per file (up to 16 MiB) into a buffer the thread reuses, so reading allocates
 * nothing once the buffer has grown to the largest file.
 */
export function readLabelMapSync(path: string, options: ReadOptions = {}): DecodedLabelMap {
  const resolved = { ...options, file: options.file ?? path };
  return decodeLabelMapNode(readLabelFileSync(path, resolved), resolved);
}
