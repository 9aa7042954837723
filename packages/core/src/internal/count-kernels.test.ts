import { describe, expect, it } from 'vitest';
import { countBytePairs, countShortPairs, countSlots } from './count-kernels.js';

function naivePairs(gt: ArrayLike<number>, pred: ArrayLike<number>): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < gt.length; i++) {
    const key = `${gt[i]},${pred[i]}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function pattern(n: number, seed: number, alphabet: number): number[] {
  // runs of identical values with occasional changes, deterministic
  const out: number[] = [];
  let v = seed % alphabet;
  for (let i = 0; i < n; i++) {
    if ((i * 2654435761 + seed) % 7 === 0) v = (v * 31 + i + seed) % alphabet;
    out.push(v);
  }
  return out;
}

describe('countBytePairs', () => {
  it('counts every (gt, pred) byte pair for any length and any byte offsets', () => {
    for (const n of [0, 1, 3, 4, 5, 15, 16, 17, 64, 1001]) {
      for (let gOff = 0; gOff < 4; gOff++) {
        for (let pOff = 0; pOff < 4; pOff++) {
          const gt = new Uint8Array(new ArrayBuffer(n + 8), gOff, n);
          const pred = new Uint8Array(new ArrayBuffer(n + 8), pOff, n);
          gt.set(pattern(n, 3, 256));
          pred.set(pattern(n, 11, 256));
          const hist = new Int32Array(65536);
          countBytePairs(gt, pred, hist);
          const expected = naivePairs(gt, pred);
          let total = 0;
          for (let i = 0; i < 65536; i++) {
            const v = hist[i]!;
            total += v;
            if (v !== 0) expect(expected.get(`${i >> 8},${i & 255}`)).toBe(v);
          }
          expect(total).toBe(n);
        }
      }
    }
  });
});

describe('countShortPairs', () => {
  it('counts 16-bit pairs through the slot tables for any length and offsets', () => {
    const gtRow = new Int32Array(65536);
    const predCol = new Int32Array(65536);
    for (let v = 0; v < 65536; v++) {
      gtRow[v] = (v % 5) * 6;
      predCol[v] = v % 6;
    }
    for (const n of [0, 1, 2, 3, 9, 100, 777]) {
      for (const gOff of [0, 1]) {
        for (const pOff of [0, 1]) {
          const gt = new Uint16Array(new ArrayBuffer(2 * n + 8), 2 * gOff, n);
          const pred = new Uint16Array(new ArrayBuffer(2 * n + 8), 2 * pOff, n);
          gt.set(pattern(n, 5, 65536));
          pred.set(pattern(n, 17, 65536));
          const hist = new Int32Array(30);
          countShortPairs(gt, pred, gtRow, predCol, hist);
          const expected = new Int32Array(30);
          for (let i = 0; i < n; i++) expected[gtRow[gt[i]!]! + predCol[pred[i]!]!]!++;
          expect(Array.from(hist)).toEqual(Array.from(expected));
        }
      }
    }
  });
});

describe('countSlots', () => {
  it('counts through offset tables over a sub-range, runs included', () => {
    const gt = pattern(500, 1, 10).map((v) => v - 3);
    const pred = pattern(500, 2, 10).map((v) => v + 100);
    const gtRow = Int32Array.from({ length: 10 }, (_, i) => i * 11);
    const predCol = Int32Array.from({ length: 10 }, (_, i) => i);
    const hist = new Int32Array(121);
    countSlots(gt, gtRow, -3, 110, pred, predCol, 100, 10, 7, 480, hist);
    const expected = new Int32Array(121);
    for (let i = 7; i < 480; i++) expected[(gt[i]! + 3) * 11 + pred[i]! - 100]!++;
    expect(Array.from(hist)).toEqual(Array.from(expected));
  });

  it('sends values outside the tables, non-integers and NaN to the invalid slots', () => {
    const gtRow = Int32Array.of(0, 3);
    const predCol = Int32Array.of(0, 1);
    const hist = new Int32Array(9);
    const gt = [0, 1, 2, -1, 0.5, Number.NaN, 1, 1];
    const pred = [1, 0, 0, 0, 0, 0, 7, 1.5];
    countSlots(gt, gtRow, 0, 6, pred, predCol, 0, 2, 0, gt.length, hist);
    // rows: 0 → slot 0, 1 → slot 3, invalid → 6; columns: 0, 1, invalid → 2
    expect(Array.from(hist)).toEqual([0, 1, 0, 1, 0, 2, 4, 0, 0]);
  });
});
