import { ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { dice } from './dice.js';
import { iou } from './iou.js';
import { tversky, tverskyMetric } from './tversky.js';

const counts = () => countsOf(3, [0, 2, 1, 0, 0, 1, 1], [0, 1, 2, 0, 1, 2, 1]);

describe('tversky', () => {
  it('equals Dice for α = β = 0.5 and IoU for α = β = 1 (Salehi et al. 2017, §2)', () => {
    expect(list(tversky(counts()))).toEqual(list(dice(counts())));
    expect(list(tversky(counts(), { tverskyAlpha: 1, tverskyBeta: 1 }))).toEqual(list(iou(counts())));
  });

  it('weights false negatives by β and false positives by α', () => {
    // class 0: TP 2, FP 1, FN 0; class 1: TP 1, FP 2, FN 2.
    const values = tversky(counts(), { tverskyAlpha: 0.3, tverskyBeta: 0.7 });
    expect(values[0]).toBe(2 / (2 + 0.3));
    expect(values[1]).toBe(1 / (1 + 0.3 * 2 + 0.7 * 2));
  });

  it('rejects negative or non-finite weights with INVALID_OPTION', () => {
    expect(() => tversky(counts(), { tverskyAlpha: -0.1 })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => tversky(counts(), { tverskyBeta: Number.NaN })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
  });

  it('is described in the registry as a per-class metric yielding mTversky', () => {
    expect(tverskyMetric).toMatchObject({ id: 'tversky', kind: 'per-class', summaryIds: ['mTversky'] });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(tverskyMetric, {
  perfectOneClass: [1],
  perfect: [1, 1, 1],
  allWrong: [0, 0],
  predictedOnly: [2 / 3, 0],
  gtOnly: [2 / 3, 0],
  absentBoth: [1, 1, N],
  allIgnored: [N, N],
  ignoreInside: [N, 2 / 3, 1],
  ignoreOutside: [0, 1],
});
