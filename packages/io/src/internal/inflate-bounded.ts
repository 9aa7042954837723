import { Inflate, inflateSync } from 'fflate';
import { zlibHeaderLength } from './zlib-header.js';
import { checkZlibTrailer } from './zlib-trailer.js';

/** Deflate's largest expansion: a 258-byte match costs at least 2 bits, so 1 input byte ≤ 1032 output bytes. */
const MAX_DEFLATE_RATIO = 1032;

/** Work (output bytes) a stream may cost at worst before the one-shot inflate is not used. */
const ONE_SHOT_WORK = 64 * 2 ** 20;

/** Output one input piece may inflate to at most in the streaming inflate (bounds memory per push). */
const PIECE_OUTPUT = 4 * 2 ** 20;

/** Thrown from the data callback to stop inflating (never escapes {@link inflateBounded}). */
const STOP = Symbol('stop');

/**
 * Inflates a zlib stream with fflate into a buffer of at most `limit` bytes: returns the inflated bytes
 * (a view of exactly the inflated length), or `null` as soon as the stream produces more than `limit`
 * bytes. A decompression bomb costs bounded work and memory, not its full size:
 * - when even the worst expansion of the stream (1032:1) stays within 64 MiB, one fflate call inflates
 *   into a buffer of `limit + 1` bytes (fflate drops writes past its end: reaching it means too much);
 * - otherwise the stream is fed in pieces that can each inflate to at most `max(limit, 4 MiB)` bytes
 *   and inflation stops once `limit` is passed.
 * The stream is checked as zlib checks it (fflate checks neither the Adler-32 nor that it is there):
 * the header ({@link zlibHeaderLength}), then the Adler-32 trailer after the last deflate block
 * ({@link checkZlibTrailer}); bytes after the trailer are ignored, as zlib ignores them. Invalid data
 * throws an `Error`: fflate's, or zlib's wording ("incorrect data check", "unexpected end of file").
 */
export function inflateBounded(stream: Uint8Array, limit: number): Uint8Array | null {
  const deflate = stream.subarray(zlibHeaderLength(stream));
  const inflated = inflateDeflate(deflate, limit);
  if (inflated !== null) checkZlibTrailer(stream, inflated);
  return inflated;
}

/** {@link inflateBounded} of the raw deflate data (fflate stops at the last block: the trailer is left). */
function inflateDeflate(deflate: Uint8Array, limit: number): Uint8Array | null {
  if (deflate.length * MAX_DEFLATE_RATIO <= ONE_SHOT_WORK) {
    const out = inflateSync(deflate, { out: new Uint8Array(limit + 1) });
    return out.length > limit ? null : out;
  }
  const out = new Uint8Array(limit);
  let total = 0;
  const inflater = new Inflate((chunk) => {
    if (total + chunk.length > limit) throw STOP;
    out.set(chunk, total);
    total += chunk.length;
  });
  const piece = Math.max(1024, Math.floor(Math.max(limit, PIECE_OUTPUT) / MAX_DEFLATE_RATIO));
  try {
    for (let at = 0; at < deflate.length; at += piece) {
      inflater.push(deflate.subarray(at, Math.min(deflate.length, at + piece)), false);
    }
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error === STOP) return null;
    throw error;
  }
  return out.subarray(0, total);
}

/** Largest payload of one stored deflate block. */
const STORED_BLOCK = 65535;

/**
 * `data` as a zlib stream of stored (uncompressed) deflate blocks, which any inflater copies through
 * at memory speed. The Adler-32 field is zero: for decoders that do not verify it (fflate, hence
 * fast-png, which reads the data {@link inflateBounded} has already verified) only — the decode tests
 * fail loudly if that ever changes.
 */
export function storedZlib(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / STORED_BLOCK));
  const out = new Uint8Array(2 + data.length + 5 * blocks + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let k = 0; k < blocks; k++) {
    const start = k * STORED_BLOCK;
    const length = Math.min(STORED_BLOCK, data.length - start);
    out[at] = k === blocks - 1 ? 1 : 0;
    out[at + 1] = length & 0xff;
    out[at + 2] = length >>> 8;
    out[at + 3] = ~length & 0xff;
    out[at + 4] = (~length >>> 8) & 0xff;
    out.set(data.subarray(start, start + length), at + 5);
    at += 5 + length;
  }
  return out;
}
