import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../test/helpers.js';
import { confusedPairs } from './confused-pairs.js';

describe('confusedPairs', () => {
  it('lists the largest off-diagonal cells with their share of the ground-truth class', () => {
    // gt 0 → pred 1 three times, gt 2 → pred 0 once, gt 1 → pred 2 once; gt 0 has 4 pixels.
    const matrix = matrixOf({ numClasses: 3 }, [
      [
        [1, 1, 1, 0, 0, 2, 1],
        [0, 0, 0, 0, 2, 1, 1],
      ],
    ]);
    expect(confusedPairs(matrix, { classNames: ['a', 'b', 'c'] })).toEqual([
      { gt: 0, gtName: 'a', pred: 1, predName: 'b', count: 3, shareOfGt: 0.75 },
      { gt: 1, gtName: 'b', pred: 2, predName: 'c', count: 1, shareOfGt: 0.5 },
      { gt: 2, gtName: 'c', pred: 0, predName: 'a', count: 1, shareOfGt: 1 },
    ]);
    expect(confusedPairs(matrix, { top: 1 })).toHaveLength(1);
  });

  it('is empty for a perfect prediction and an empty matrix', () => {
    expect(
      confusedPairs(
        matrixOf({ numClasses: 2 }, [
          [
            [0, 1],
            [0, 1],
          ],
        ]),
      ),
    ).toEqual([]);
    expect(confusedPairs(new ConfusionMatrix({ numClasses: 2 }))).toEqual([]);
  });

  it('counts pixels predicted as ignore in the share but never as a pair', () => {
    const matrix = matrixOf({ numClasses: 2, ignoreIndex: 255 }, [
      [
        [1, 255],
        [0, 0],
      ],
    ]);
    expect(confusedPairs(matrix)).toEqual([
      { gt: 0, gtName: '0', pred: 1, predName: '1', count: 1, shareOfGt: 0.5 },
    ]);
  });

  it('divides by the given supports instead of the matrix rows when asked', () => {
    // gt 0: 4 pixels (two hits, one predicted as 1, one as 255); a convention dropping the 255 has support 3.
    const matrix = matrixOf({ numClasses: 2, ignoreIndex: 255 }, [
      [
        [0, 0, 1, 255],
        [0, 0, 0, 0],
      ],
    ]);
    expect(confusedPairs(matrix)[0]!.shareOfGt).toBe(1 / 4);
    expect(confusedPairs(matrix, { support: [3, 0] })).toEqual([
      { gt: 0, gtName: '0', pred: 1, predName: '1', count: 1, shareOfGt: 1 / 3 },
    ]);
    expect(confusedPairs(matrix, { support: Float64Array.of(3, 0) })[0]!.shareOfGt).toBe(1 / 3);
  });

  it('rejects a bad top, a wrong number of class names or of supports', () => {
    const matrix = new ConfusionMatrix({ numClasses: 2 });
    expect(() => confusedPairs(matrix, { top: 1.5 })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => confusedPairs(matrix, { classNames: ['a'] })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => confusedPairs(matrix, { support: [1, 2, 3] })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
  });
});

it('confusedPairs keeps what sorting every off-diagonal cell and taking the first `top` gives (ties by gt, then pred)', () => {
  const random = seededRandom(17);
  for (let trial = 0; trial < 40; trial++) {
    const c = 2 + Math.floor(random() * 12);
    // Few distinct counts, so that ties are common.
    const pred: number[] = [];
    const gt: number[] = [];
    for (let g = 0; g < c; g++) {
      for (let p = 0; p < c; p++) {
        const n = random() < 0.4 ? 0 : Math.floor(random() * 4);
        for (let k = 0; k < n; k++) {
          gt.push(g);
          pred.push(p);
        }
      }
    }
    const matrix = matrixOf({ numClasses: c }, [[pred, gt]]);
    const naive: { gt: number; pred: number; count: number }[] = [];
    for (let g = 0; g < c; g++) {
      for (let p = 0; p < c; p++) {
        const count = matrix.counts[g * c + p]!;
        if (g !== p && count > 0) naive.push({ gt: g, pred: p, count });
      }
    }
    naive.sort((a, b) => b.count - a.count || a.gt - b.gt || a.pred - b.pred);
    for (const top of [0, 1, 3, 10, c * c]) {
      const got = confusedPairs(matrix, { top }).map(({ gt: g, pred: p, count }) => ({
        gt: g,
        pred: p,
        count,
      }));
      expect(got, `trial ${trial}, top ${top}`).toEqual(naive.slice(0, top));
    }
  }
});
