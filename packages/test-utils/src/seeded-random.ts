/**
 * The tests' one seeded pseudo-random generator: mulberry32 (Tommy Ettinger, public domain), uniform in
 * [0, 1) with 2^32 steps. The same seed gives the same numbers on every machine and Node version, so
 * generated test data is reproducible. Not for statistics: the bootstrap has its own documented PRNG.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
