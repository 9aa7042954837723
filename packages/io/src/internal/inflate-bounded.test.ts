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
