import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('gives mulberry32’s sequence for a seed (first values of seed 1 from the C reference)', () => {
    const random = seededRandom(1);
    // mulberry32(1) in C (uint32, each / 2^32): 2693262067, 11749833, 2265367787.
    expect([random(), random(), random()].map((x) => Math.round(x * 2 ** 32))).toEqual([
      2693262067, 11749833, 2265367787,
    ]);
  });

  it('stays in [0, 1) and repeats for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(b()).toBe(x);
    }
  });
});
