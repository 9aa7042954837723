import { zlibSync } from 'fflate';
import { crc32 } from './crc32.js';
import { type EncodePngInput, type PngCodec, writePng, type ZlibCompress } from './png-writer.js';

export type { EncodePngInput, FilterStrategy, ZlibCompress } from './png-writer.js';

/** fflate's `zlibSync`: the portable compressor (browsers, and every environment's fallback). */
export const portableCompress: ZlibCompress = (data, level) =>
  zlibSync(data, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });

/** The portable compressor and the package's CRC-32 table: the portable writers' codec. */
export const PORTABLE_CODEC: PngCodec = { compress: portableCompress, crc32 };

/** {@link writePng} with fflate's compressor by default; used by the portable writers and test generators. */
export function encodePng(input: EncodePngInput): Uint8Array {
  return writePng(input, PORTABLE_CODEC);
}
