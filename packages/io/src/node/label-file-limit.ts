import { ErrorCode } from '@segmetrics/core';
import { hasNpyMagic, npyLayout, parseNpyHeader } from '../decode-npy.js';
import { inflatedImageSize } from '../internal/adam7.js';
import { ioError } from '../internal/errors.js';
import { checkDecodeOptions } from '../internal/options.js';
import { hasPngSignature } from '../internal/png-structure.js';
import type { DecodeOptions } from '../types.js';

/** Bytes read first from a file larger than {@link SMALL_FILE_BYTES}, to learn its format's bound. */
export const HEAD_BYTES = 1 << 17;

/**
 * Files up to this size are read whole in one read. It is also the room a PNG may take beyond twice its
 * image data (metadata chunks: ICC profiles, text, EXIF).
 */
export const SMALL_FILE_BYTES = 16 * 2 ** 20;

/** No label-map file is read beyond 2^31 − 1 bytes (Node's largest single read). */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The most bytes a label-map file may hold, and what kind of bound it is. */
export interface FileLimit {
  readonly bytes: number;
  /** `'png'`: a larger file is refused; `'npy'`: bytes past the array are not read; `'other'`: unknown. */
  readonly kind: 'png' | 'npy' | 'other';
  readonly detail?: string;
}

const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/**
 * The largest size a label-map file can legitimately have, from its first bytes (`head`, at least the
 * first {@link HEAD_BYTES} or the whole file), `options.maxPixels` and the format:
 * - PNG: twice the image data IHDR declares (height × (1 + row bytes), summed over Adam7 passes; deflate
 *   at its worst and small IDAT chunks stay well below twice) plus 16 MiB for metadata chunks; IHDR's
 *   pixel count is checked against `maxPixels` first (`IMAGE_TOO_LARGE`);
 * - `.npy`: exactly the header plus the array the header declares (dtype × shape, checked against
 *   `maxPixels` and the other rules of `decodeNpy` first);
 * - anything else (or a PNG whose IHDR is malformed): the head itself — the decoder reports the error.
 * Never more than 2^31 − 1 bytes.
 */
export function labelFileLimit(head: Uint8Array, options: DecodeOptions): FileLimit {
  const { file } = options;
  const maxPixels = checkDecodeOptions(options);
  const format = options.format ?? 'auto';
  if (hasPngSignature(head) && format !== 'npy') {
    if (head.length < 33 || u32(head, 8) !== 13 || u32(head, 12) !== 0x49484452) {
      return { bytes: head.length, kind: 'other' };
    }
    const width = u32(head, 16);
    const height = u32(head, 20);
    const bitDepth = head[24]!;
    const channels = CHANNELS[head[25]!];
    if (channels === undefined || width === 0 || height === 0 || ![1, 2, 4, 8, 16].includes(bitDepth)) {
      return { bytes: head.length, kind: 'other' };
    }
    if (width * height > maxPixels) {
      throw ioError(
        ErrorCode.IMAGE_TOO_LARGE,
        file,
        `image is ${width}×${height} = ${width * height} pixels, above the limit of ${maxPixels}`,
        { width, height, maxPixels },
      );
    }
    const data = inflatedImageSize(width, height, channels * bitDepth, head[28] === 1);
    return {
      bytes: Math.min(MAX_FILE_BYTES, 2 * data + SMALL_FILE_BYTES),
      kind: 'png',
      detail: `a ${width}×${height} PNG`,
    };
  }
  if (hasNpyMagic(head) && format !== 'png') {
    const header = parseNpyHeader(head, file);
    const { total, dtype } = npyLayout(header, options);
    const bytes = header.dataOffset + total * dtype.size;
    if (bytes > MAX_FILE_BYTES) {
      throw ioError(
        ErrorCode.IMAGE_TOO_LARGE,
        file,
        `.npy array of ${total} elements (${bytes} bytes) is above the ${MAX_FILE_BYTES}-byte read limit`,
        { bytes, limit: MAX_FILE_BYTES },
      );
    }
    return { bytes, kind: 'npy' };
  }
  return { bytes: head.length, kind: 'other' };
}
