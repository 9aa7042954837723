import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/helpers.js';
import { deflateEnd } from './deflate-end.js';
import { checkZlibTrailer, zlibTrailerAtEnd } from './zlib-trailer.js';

const random = rng(17);
/** Compressible bytes (labels with runs), so that the streams hold Huffman blocks with matches. */
function sample(length: number): Uint8Array {
  let value = 0;
  return Uint8Array.from({ length }, () => {
    if (random() < 0.05) value = Math.floor(random() * 7);
    return value;
  });
}

function withTail(stream: Uint8Array, tail: readonly number[]): Uint8Array {
  const out = new Uint8Array(stream.length + tail.length);
  out.set(stream);
  out.set(tail, stream.length);
  return out;
}

describe('deflateEnd', () => {
  it('deflateEnd finds where node:zlib stops reading the deflate data, with and without bytes after the stream', () => {
    for (let trial = 0; trial < 60; trial++) {
      const data = sample(1 + Math.floor(random() * 40_000));
      const stream = deflateSync(data, { level: trial % 10 });
      const tail = Array.from({ length: trial % 7 }, () => Math.floor(random() * 256));
      const padded = withTail(stream, tail);
      // zlib reads the deflate data and the 4-byte trailer, and not one byte of the tail.
      const consumed = (
        inflateSync(padded, { info: true }) as unknown as { engine: { bytesWritten: number } }
      ).engine.bytesWritten;
      expect(consumed).toBe(stream.length);
      expect(deflateEnd(padded, data.length)).toBe(stream.length - 4);
    }
  });
});

describe('checkZlibTrailer', () => {
  const data = sample(70_000);
  const stream = Uint8Array.from(deflateSync(data));

  it('checkZlibTrailer accepts the checksum at the end of the stream, or followed by other bytes as zlib does', () => {
    expect(zlibTrailerAtEnd(stream, data)).toBe(true);
    expect(() => checkZlibTrailer(stream, data)).not.toThrow();
    const padded = withTail(stream, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(zlibTrailerAtEnd(padded, data)).toBe(false);
    expect(() => checkZlibTrailer(padded, data)).not.toThrow();
  });

  it('checkZlibTrailer rejects a wrong checksum as "incorrect data check" and a cut one as "unexpected end of file"', () => {
    const wrong = stream.slice();
    wrong[wrong.length - 2] = wrong[wrong.length - 2]! ^ 0x40;
    expect(zlibTrailerAtEnd(wrong, data)).toBe(false);
    expect(() => checkZlibTrailer(wrong, data)).toThrowError('incorrect data check');
    // The checksum of other bytes than the ones inflated (one byte differs).
    const other = data.slice();
    other[12_345] = other[12_345]! ^ 1;
    expect(() => checkZlibTrailer(stream, other)).toThrowError('incorrect data check');
    expect(() => checkZlibTrailer(withTail(wrong, [9, 9]), data)).toThrowError('incorrect data check');
    for (const cut of [1, 2, 3, 4]) {
      expect(() => checkZlibTrailer(stream.subarray(0, stream.length - cut), data), `${cut}`).toThrowError(
        'unexpected end of file',
      );
    }
  });
});
