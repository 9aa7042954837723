import { describe, expect, it } from 'vitest';
import { splitMix64, Xoshiro128 } from './xoshiro128.js';

// Golden values: the authors' C reference code (splitmix64.c, xoshiro128starstar.c) and Lemire's
// bounded-integer algorithm on uint64_t, compiled with gcc and run with these seeds.
describe('splitMix64', () => {
  it('matches the C reference (seed 1234567, the published test vector)', () => {
    expect(splitMix64(1234567n, 4)).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
    ]);
  });
});

describe('Xoshiro128', () => {
  it('streams 0 and 1 of seed 0 match the C reference', () => {
    const take = (g: Xoshiro128) => Array.from({ length: 8 }, () => g.next());
    expect(take(Xoshiro128.fromSeed(0, 0))).toEqual([
      3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774, 3260698944, 2754151956,
    ]);
    expect(take(Xoshiro128.fromSeed(0, 1))).toEqual([
      1110350992, 1677914875, 4263039128, 3273630893, 2296031635, 649765723, 1422109934, 2008719925,
    ]);
  });

  it('seeds up to 2^53 - 1 match the C reference', () => {
    const g = Xoshiro128.fromSeed(Number.MAX_SAFE_INTEGER, 1);
    expect(Array.from({ length: 4 }, () => g.next())).toEqual([768877154, 1946032824, 220647772, 2692967402]);
  });

  it('below(n) draws what the C reference draws, for small and large n', () => {
    const bounds = [1, 2, 3, 7, 1000, 2000, 2097153, 3000000000, 4294967295];
    const draws = (seed: number) => {
      const g = Xoshiro128.fromSeed(seed, 0);
      return bounds.flatMap((n) => [g.below(n), g.below(n), g.below(n)]);
    };
    expect(draws(0)).toEqual([
      0, 0, 0, 1, 0, 0, 2, 1, 1, 4, 5, 1, 495, 787, 904, 1833, 1636, 1864, 93466, 434700, 725094, 2457194080,
      2099511684, 1817006301, 2772634070, 4115875001, 2132452882,
    ]);
    expect(draws(1234567)).toEqual([
      0, 0, 0, 0, 0, 1, 1, 2, 0, 1, 3, 2, 659, 931, 786, 1436, 653, 287, 125368, 1386159, 1878694, 2290628164,
      1011901546, 1999206808, 4065555287, 1049689304, 2109939045,
    ]);
  });

  it('below(n) is uniform: each of 7 values about 1/7 of 70,000 draws', () => {
    const g = Xoshiro128.fromSeed(42, 0);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[g.below(7)]!++;
    // 10,000 expected each; 5 standard deviations is about 450.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(450);
  });
});
