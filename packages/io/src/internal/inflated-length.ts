import { Unzlib } from 'fflate';

/** Deflate's largest expansion: a 258-byte match costs at least 2 bits, so 1 input byte ≤ 1032 output bytes. */
const MAX_DEFLATE_RATIO = 1032;

/** Thrown from the data callback to stop inflating (never escapes {@link inflatedLength}). */
const STOP = Symbol('stop');

/**
 * The length of a zlib stream's inflated data, found with fflate's streaming inflater without keeping
 * the data, or `limit + 1` as soon as the stream produces more than `limit` bytes. The input is fed in
 * pieces small enough that one piece cannot inflate to more than about `max(limit, 1 MiB)` bytes, so
 * a decompression bomb costs about `limit` bytes of work and memory, not its full size. Invalid zlib
 * data throws fflate's error.
 */
export function inflatedLength(stream: Uint8Array, limit: number): number {
  const piece = Math.max(1024, Math.min(1 << 16, Math.floor(limit / MAX_DEFLATE_RATIO)));
  let total = 0;
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > limit) throw STOP;
  });
  try {
    for (let at = 0; at < stream.length; at += piece) {
      inflater.push(stream.subarray(at, Math.min(stream.length, at + piece)), false);
    }
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error === STOP) return limit + 1;
    throw error;
  }
  return total;
}
