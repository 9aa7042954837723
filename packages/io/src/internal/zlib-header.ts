/**
 * Checks the 2-byte header of the zlib stream `stream` (RFC 1950) as zlib does and returns where the
 * deflate data starts (2). Throws an `Error` with zlib's message for a bad check value ("incorrect header
 * check"), another method than deflate, a window above 32 KiB, or a preset dictionary (which PNG forbids).
 */
export function zlibHeaderLength(stream: Uint8Array): number {
  if (stream.length < 2) throw new Error('unexpected end of file');
  const method = stream[0]!;
  const flags = stream[1]!;
  if (((method << 8) | flags) % 31 !== 0) throw new Error('incorrect header check');
  if ((method & 15) !== 8) throw new Error('unknown compression method');
  if (method >> 4 > 7) throw new Error('invalid window size');
  if ((flags & 32) !== 0) throw new Error('Missing dictionary');
  return 2;
}
