import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/helpers.js';
import { adler32 } from './adler32.js';

/** The Adler-32 node:zlib writes at the end of a zlib stream of `bytes`. */
function zlibAdler32(bytes: Uint8Array): number {
  const stream = deflateSync(bytes, { level: 1 });
  return stream.readUInt32BE(stream.length - 4);
}

describe('adler32', () => {
  it('adler32 is 1 for no bytes and matches the RFC 1950 example "Wikipedia" (0x11E60398)', () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
  });

  it('adler32 agrees with zlib around every block boundary (5552 bytes, 16-byte steps) and at the worst case, all 255', () => {
    const random = rng(3);
    for (const length of [1, 15, 16, 17, 5551, 5552, 5553, 5552 * 2 + 7, 100_003]) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      expect(adler32(bytes), `random ${length}`).toBe(zlibAdler32(bytes));
      const full = new Uint8Array(length).fill(255);
      expect(adler32(full), `255 × ${length}`).toBe(zlibAdler32(full));
    }
    // Above 2^31 (a signed 32-bit overflow would show) and on a view that does not start at 0.
    const big = new Uint8Array(3 * 2 ** 20).fill(255);
    expect(adler32(big)).toBe(zlibAdler32(big));
    const view = big.subarray(5, 70_000);
    expect(adler32(view)).toBe(zlibAdler32(view));
  });
});
