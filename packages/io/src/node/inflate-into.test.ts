import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/helpers.js';
import { inflateInto, inflateIntoPortable, inflatesIntoNativeHandle } from './inflate-into.js';

it("inflateInto uses node:zlib's handle on this Node (the fallback would cost an allocation per image)", () => {
  expect(inflatesIntoNativeHandle()).toBe(true);
});

function randomBytes(length: number, seed: number): Uint8Array {
  const random = rng(seed);
  // Runs of a few values, like label maps: compressible but not trivially.
  const out = new Uint8Array(length);
  for (let i = 0; i < length; ) {
    const value = Math.floor(random() * 4);
    const run = 1 + Math.floor(random() * 40);
    out.fill(value, i, Math.min(length, i + run));
    i += run;
  }
  return out;
}

for (const [name, inflate] of [
  ['inflateInto (node:zlib handle)', inflateInto],
  ['inflateIntoPortable (inflateSync)', inflateIntoPortable],
] as const) {
  describe(name, () => {
    it('inflates into the caller buffer, byte for byte as inflateSync, whatever the size and level', () => {
      for (const [length, level, seed] of [
        [0, 6, 1],
        [1, 6, 2],
        [1000, 1, 3],
        [65_536, 9, 4],
        [200_001, 6, 5],
      ] as const) {
        const raw = randomBytes(length, seed);
        const output = new Uint8Array(length + 7).fill(0xee);
        const result = inflate(deflateSync(raw, { level }), output, 0);
        expect(result).toEqual({ written: length, ended: true });
        expect(Buffer.from(output.subarray(0, length)).equals(inflateSync(deflateSync(raw)))).toBe(true);
      }
    });

    it('reuses one buffer across streams of different sizes', () => {
      const output = new Uint8Array(5000);
      for (let seed = 0; seed < 6; seed++) {
        const raw = randomBytes(1000 + seed * 700, seed);
        expect(inflate(deflateSync(raw), output, 0).written).toBe(raw.length);
        expect(Buffer.from(output.subarray(0, raw.length)).equals(Buffer.from(raw))).toBe(true);
      }
    });

    it('counts up to `slack` bytes past the buffer and drops them; more is not ended', () => {
      const raw = randomBytes(10_000, 7);
      const stream = deflateSync(raw);
      // Exactly full: ended, nothing dropped.
      expect(inflate(stream, new Uint8Array(10_000), 0)).toEqual({ written: 10_000, ended: true });
      expect(inflate(stream, new Uint8Array(10_000), 5)).toEqual({ written: 10_000, ended: true });
      // 100 bytes past the end: within a slack of 100, not within 99.
      const output = new Uint8Array(9_900);
      expect(inflate(stream, output, 100)).toEqual({ written: 10_000, ended: true });
      expect(Buffer.from(output).equals(Buffer.from(raw.subarray(0, 9_900)))).toBe(true);
      expect(inflate(stream, new Uint8Array(9_900), 99).ended).toBe(false);
      expect(inflate(stream, new Uint8Array(9_900), 0).ended).toBe(false);
    });

    it('stops a decompression bomb at the buffer plus the slack', () => {
      const bomb = deflateSync(new Uint8Array(64 * 2 ** 20));
      const result = inflate(bomb, new Uint8Array(1000), 65_536);
      expect(result.ended).toBe(false);
      expect(result.written).toBeLessThanOrEqual(1000 + 65_536);
    });

    it('throws zlib errors for corrupt and truncated streams, and inflates the next stream correctly', () => {
      const raw = randomBytes(3000, 8);
      const stream = deflateSync(raw);
      const output = new Uint8Array(3000);
      expect(() => inflate(new Uint8Array([1, 2, 3, 4, 5]), output, 0)).toThrow(
        expect.objectContaining({ code: 'Z_DATA_ERROR' }),
      );
      expect(() => inflate(stream.subarray(0, stream.length - 10), output, 0)).toThrow(
        /unexpected end of file/,
      );
      expect(inflate(stream, output, 0)).toEqual({ written: 3000, ended: true });
      expect(Buffer.from(output).equals(Buffer.from(raw))).toBe(true);
    });

    it('ignores bytes after the end of the stream, as inflateSync does', () => {
      const raw = randomBytes(500, 9);
      const padded = Buffer.concat([deflateSync(raw), Buffer.from([9, 9, 9])]);
      expect(inflateSync(padded).length).toBe(500);
      expect(inflate(padded, new Uint8Array(600), 0)).toEqual({ written: 500, ended: true });
    });
  });
}
