import { ErrorCode } from '@segmetrics/core';
import { decodeNpy } from '../decode-npy.js';
import { ioError } from '../internal/errors.js';
import { withOptions } from '../internal/with-options.js';
import { resolveFormat } from '../resolve-format.js';
import type { DecodedLabelMap, DecodeOptions } from '../types.js';
import type { DecodeBuffer } from './decode-buffer.js';
import { decodePngFast, type FastDecodeOptions } from './decode-png-fast.js';
import { readLabelFile, readLabelFileSync } from './read-label-file.js';

/** Options of the Node readers. */
export interface ReadOptions extends FastDecodeOptions {
  /**
   * PNG decoder: `'auto'` (default) takes the node:zlib fast path ({@link decodePngFast}), or a
   * decoder function, e.g. `decodePng` from `@segmetrics/io` (fast-png, the portable reference; passed
   * in, so that this module does not load fast-png when it is not used).
   */
  decoder?: 'auto' | PngDecoder;
}

/** A PNG decoder for {@link ReadOptions.decoder}, such as `decodePng` from `@segmetrics/io`. */
export type PngDecoder = (bytes: Uint8Array, options: DecodeOptions) => DecodedLabelMap;

/**
 * Decodes label-map bytes in Node: like `decodeLabelMap`, but PNGs take the node:zlib fast path
 * ({@link decodePngFast}) unless `options.decoder` names another decoder. Same labels either way.
 */
export function decodeLabelMapNode(bytes: Uint8Array, options: ReadOptions = {}): DecodedLabelMap {
  const decoder = options.decoder ?? 'auto';
  if (decoder !== 'auto' && typeof decoder !== 'function') {
    const hint = decoder === 'fast-png' ? ` (for fast-png, pass decodePng from '@segmetrics/io')` : '';
    throw ioError(
      ErrorCode.INVALID_OPTION,
      options.file,
      `decoder must be 'auto' or a decoder function${hint}`,
      {
        value: typeof decoder === 'string' ? decoder : String(decoder),
      },
    );
  }
  if (resolveFormat(bytes, options) === 'npy') return decodeNpy(bytes, options);
  return decoder === 'auto' ? decodePngFast(bytes, options) : decoder(bytes, options);
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
  const resolved = withFile(options, path);
  return decodeLabelMapNode(await readLabelFile(path, resolved), resolved);
}

/**
 * Synchronous {@link readLabelMap} (for worker threads that decode one file at a time): the same
 * checks, one read per file (up to 16 MiB) into a buffer the thread reuses, so reading allocates
 * nothing once the buffer has grown to the largest file; with `options.into` (a {@link DecodeBuffer}
 * per label map kept alive at once) PNG decoding allocates nothing either.
 */
export function readLabelMapSync(path: string, options: ReadOptions = {}): DecodedLabelMap {
  const resolved = withFile(options, path);
  return decodeLabelMapNode(readLabelFileSync(path, resolved), resolved);
}

/**
 * `options` with `file`: the options themselves when they name a file (the readers never change them),
 * else a copy naming `path`, without a hidden class per call (see withOptions).
 */
function withFile(options: ReadOptions, path: string): ReadOptions {
  return options.file !== undefined ? options : withOptions(options, { file: path });
}
