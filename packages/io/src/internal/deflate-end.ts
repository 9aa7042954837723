import { inflateSync } from 'fflate';

/**
 * Where the deflate data of the zlib stream `stream` ends (the byte after its last block, where the
 * Adler-32 trailer starts), for a stream whose deflate data is known to inflate, to `inflatedLength`
 * bytes. fflate does not report how much input it read, so this finds the shortest prefix that inflates
 * without running out of input (fflate throws as soon as a block reads past the end of its input; longer
 * prefixes inflate the same way): first the usual layout (the data ends 4 bytes before the end of the
 * stream, 2 inflates), else a binary search (≈ log2 of the stream's length inflates). Used only when the
 * last 4 bytes are not the checksum: a corrupt stream, or bytes after the trailer.
 */
export function deflateEnd(stream: Uint8Array, inflatedLength: number): number {
  const complete = completes(stream, inflatedLength);
  // An empty input "inflates" (to nothing) in fflate: every candidate holds at least one byte.
  let low = 3;
  let high = stream.length;
  const usual = stream.length - 4;
  if (usual > low) {
    if (!complete(usual)) low = usual + 1;
    else if (!complete(usual - 1)) return usual;
    else high = usual - 1;
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (complete(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether the deflate data of `stream` (after its 2-byte header) up to `end` inflates without running out. */
function completes(stream: Uint8Array, inflatedLength: number): (end: number) => boolean {
  const scratch = new Uint8Array(Math.max(1, inflatedLength));
  return (end) => {
    try {
      inflateSync(stream.subarray(2, end), { out: scratch });
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * True when the deflate data of the zlib stream `stream` ends exactly at `end` (it inflates up to `end`
 * and not up to `end − 1`): two inflates, to confirm where a trailer found by its bytes sits.
 */
export function deflateEndsAt(stream: Uint8Array, end: number, inflatedLength: number): boolean {
  const complete = completes(stream, inflatedLength);
  return end > 3 && complete(end) && !complete(end - 1);
}
