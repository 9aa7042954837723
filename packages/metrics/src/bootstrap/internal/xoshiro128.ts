const MASK64 = (1n << 64n) - 1n;
const TWO_32 = 4294967296;

/**
 * The first `count` outputs of SplitMix64 (Steele, Lea & Flood, OOPSLA 2014; Vigna's `splitmix64.c`)
 * started at state `seed`: x += 0x9e3779b97f4a7c15; z = x; z = (z ^ z >> 30)·0xbf58476d1ce4e5b9;
 * z = (z ^ z >> 27)·0x94d049bb133111eb; output z ^ z >> 31 (all mod 2^64).
 */
export function splitMix64(seed: bigint, count: number): bigint[] {
  let x = BigInt.asUintN(64, seed);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/**
 * xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
 * 2021; `xoshiro128starstar.c`): 128 bits of state, 32-bit outputs, period 2^128 − 1.
 *
 * {@link Xoshiro128.fromSeed} seeds stream `s` (0, 1, …) of a seed with SplitMix64 outputs 2s + 1 and
 * 2s + 2 (a, b) started at the seed: state words (a mod 2^32, a >> 32, b mod 2^32, b >> 32), as the
 * authors recommend. The bootstrap draws from stream 0, the permutation test from stream 1.
 */
export class Xoshiro128 {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.#s0 = s0 | 0;
    this.#s1 = s1 | 0;
    this.#s2 = s2 | 0;
    this.#s3 = s3 | 0;
  }

  /** Stream `stream` of `seed` (a non-negative safe integer; see the class comment). */
  static fromSeed(seed: number, stream: number): Xoshiro128 {
    const words = splitMix64(BigInt(seed), 2 * stream + 2);
    const a = words[2 * stream]!;
    const b = words[2 * stream + 1]!;
    return new Xoshiro128(
      Number(a & 0xffffffffn),
      Number(a >> 32n),
      Number(b & 0xffffffffn),
      Number(b >> 32n),
    );
  }

  /** The next output, an integer in [0, 2^32). */
  next(): number {
    const s1 = this.#s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    const s3 = this.#s3;
    this.#s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * A uniform integer in [0, n), 1 ≤ n < 2^32, without bias: Lemire's nearly divisionless method
   * ("Fast Random Integer Generation in an Interval", ACM TOMACS 2019, Algorithm 5) on 32-bit outputs:
   * m = x·n (64-bit); while (m mod 2^32) < (2^32 − n) mod n, draw x again; return ⌊m / 2^32⌋.
   */
  below(n: number): number {
    let x = this.next();
    let low = Math.imul(x, n) >>> 0;
    if (low < n) {
      const threshold = (TWO_32 - n) % n;
      while (low < threshold) {
        x = this.next();
        low = Math.imul(x, n) >>> 0;
      }
    }
    // ⌊x·n / 2^32⌋ exactly: x·n = xh·n·2^16 + xl·n with both products below 2^48.
    const high = (x >>> 16) * n + Math.floor(((x & 0xffff) * n) / 65536);
    return Math.floor(high / 65536);
  }
}
