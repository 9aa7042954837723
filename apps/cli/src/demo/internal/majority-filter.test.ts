import { describe, expect, it } from 'vitest';
import { majorityFilter5x5 } from './majority-filter.js';

/** The filter written out pixel by pixel from its definition, for comparison. */
function naive(pred: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(pred.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const counts = new Map<number, number>();
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const v =
            pred[
              Math.min(height - 1, Math.max(0, y + dy)) * width + Math.min(width - 1, Math.max(0, x + dx))
            ]!;
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
      }
      const most = Math.max(...counts.values());
      const centre = pred[y * width + x]!;
      const tied = [...counts].filter(([, n]) => n === most).map(([v]) => v);
      out[y * width + x] = tied.includes(centre) ? centre : Math.min(...tied);
    }
  }
  return out;
}

describe('majorityFilter5x5', () => {
  it('removes an isolated pixel and keeps a uniform map', () => {
    const map = new Uint8Array(49).fill(3);
    map[24] = 7;
    expect(Array.from(majorityFilter5x5(map, 7, 7))).toEqual(new Array(49).fill(3));
  });

  it('equals its definition (majority of the clamped 5×5 window, ties: centre, else smallest) on random maps', () => {
    let s = 12345;
    const random = () => {
      s = (s * 1103515245 + 12345) >>> 0;
      return s / 2 ** 32;
    };
    for (const [width, height] of [
      [9, 7],
      [3, 11],
      [16, 16],
    ] as const) {
      const map = Uint8Array.from({ length: width * height }, () => Math.floor(random() * 4) * 60);
      expect(majorityFilter5x5(map, width, height)).toEqual(naive(map, width, height));
    }
  });
});
