import { deflateSync, inflateSync } from 'node:zlib';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zeroZlibStream } from '../../test/helpers.js';
import { inflateBounded, storedZlib } from './inflate-bounded.js';

describe('inflateBounded', () => {
  const data = Uint8Array.from({ length: 300_000 }, (_, i) => ((i * 7) % 251) & (i % 1000 < 900 ? 0 : 255));

  it('inflateBounded returns exactly the inflated bytes within the limit, one-shot and streamed', () => {
    const stream = deflateSync(data);
    expect(Array.from(inflateBounded(stream, data.length)!)).toEqual(Array.from(data));
    expect(inflateBounded(stream, data.length + 10)!.length).toBe(data.length);
    // a stream too large for the one-shot path (stored blocks do not compress): streamed
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24);
    const bigStream = deflateSync(big, { level: 0 });
    expect(bigStream.length * 1032).toBeGreaterThan(64 * 2 ** 20);
    expect(Array.from(inflateBounded(bigStream, big.length)!)).toEqual(Array.from(big));
  });

  it('inflateBounded checks the Adler-32 trailer as zlib does, on both paths', () => {
    const small = Uint8Array.from(deflateSync(data));
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24);
    const bigStream = Uint8Array.from(deflateSync(big, { level: 0 }));
    for (const [stream, bytes] of [
      [small, data],
      [bigStream, big],
    ] as const) {
      const wrong = stream.slice();
      wrong[wrong.length - 3] = wrong[wrong.length - 3]! ^ 8;
      expect(() => inflateBounded(wrong, bytes.length)).toThrowError('incorrect data check');
      expect(() => inflateBounded(stream.subarray(0, stream.length - 4), bytes.length)).toThrowError(
        'unexpected end of file',
      );
      const padded = new Uint8Array(stream.length + 5);
      padded.set(stream);
      expect(inflateBounded(padded, bytes.length)!.length).toBe(bytes.length);
    }
    // A byte of image data changed after compression (a stored block): the checksum no longer matches.
    const stored = Uint8Array.from(deflateSync(data.subarray(0, 1000), { level: 0 }));
    stored[2 + 5 + 10] = stored[2 + 5 + 10]! ^ 1;
    expect(() => inflateBounded(stored, 1000)).toThrowError('incorrect data check');
  });

  it('inflateBounded checks the zlib header as zlib does', () => {
    const stream = Uint8Array.from(deflateSync(data));
    const cases: [number, number, string][] = [
      [0x78, 0x9d, 'incorrect header check'],
      [0x79, 0x18, 'unknown compression method'],
      [0x88, 0x1c, 'invalid window size'],
      [0x78, 0xbb, 'Missing dictionary'],
    ];
    for (const [method, flags, message] of cases) {
      const bad = stream.slice();
      bad[0] = method;
      bad[1] = flags;
      expect(() => inflateSync(bad), message).toThrowError(message);
      expect(() => inflateBounded(bad, data.length), message).toThrowError(message);
    }
  });

  it('inflateBounded returns null for a stream that inflates past the limit, on both paths', () => {
    expect(inflateBounded(deflateSync(data), data.length - 1)).toBeNull();
    expect(inflateBounded(zeroZlibStream(1024), 100_000)).toBeNull();
  });
});

describe('storedZlib', () => {
  it('storedZlib wraps bytes in stored blocks that fflate and node:zlib inflate back unchanged', () => {
    for (const length of [0, 1, 65535, 65536, 200_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31) % 256);
      const stream = storedZlib(bytes);
      expect(Array.from(unzlibSync(stream))).toEqual(Array.from(bytes));
      // node:zlib verifies Adler-32 (left zero here): it only gets as far as the data
      expect(() => inflateSync(stream)).toThrow();
    }
  });
});
