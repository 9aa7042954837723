import { zlibSync } from 'fflate';
import { type EncodePngInput, writePng, type ZlibCompress } from './png-writer.js';

export type { EncodePngInput, FilterStrategy, ZlibCompress } from './png-writer.js';

/** fflate's `zlibSync`: the portable compressor (browsers, and every environment's fallback). */
export const portableCompress: ZlibCompress = (data, level) =>
  zlibSync(data, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });

/** {@link writePng} with fflate's compressor by default; used by the portable writers and test generators. */
export function encodePng(input: EncodePngInput): Uint8Array {
  return writePng(input, portableCompress);
}
