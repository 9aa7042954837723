import { ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { fscore, fscoreMetric } from './fscore.js';

const sklearnExample = () => countsOf(3, [0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2]);

describe('fscore', () => {
  it('matches the scikit-learn fbeta_score documentation example with beta = 0.5', () => {
    // sklearn.metrics.fbeta_score docs: average=None, beta=0.5 → [0.71428571, 0, 0].
    const values = list(fscore(sklearnExample(), { beta: 0.5 }));
    expect(values[0]).toBeCloseTo(0.7142857142857143, 14);
    expect(values.slice(1)).toEqual([0, 0]);
  });

  it('weights recall more with beta > 1: (1 + β²)TP / ((1 + β²)TP + β²FN + FP)', () => {
    // class 0 of the example: TP 2, FP 1, FN 0 → 5·2 / (5·2 + 4·0 + 1) = 10/11 for β = 2.
    expect(fscore(sklearnExample(), { beta: 2 })[0]).toBe(10 / 11);
  });

  it("scores a predicted-only class 0 by counts but NaN with mmsegmentation's precision-recall form", () => {
    const counts = countsOf(2, [0, 1], [0, 0]);
    expect(list(fscore(counts))).toEqual([2 / 3, 0]);
    expect(list(fscore(counts, { fscoreFrom: 'precision-recall' }))).toEqual([2 / 3, Number.NaN]);
    expect(list(fscore(counts, { fscoreFrom: 'precision-recall', zeroDivision: 0 }))).toEqual([2 / 3, 0]);
  });

  it('is NaN in the precision-recall form when a class is present in both but has no true positive', () => {
    const counts = countsOf(2, [1, 0], [0, 1]);
    expect(list(fscore(counts))).toEqual([0, 0]);
    expect(list(fscore(counts, { fscoreFrom: 'precision-recall' }))).toEqual([Number.NaN, Number.NaN]);
  });

  it('rejects a beta that is not a finite number > 0 with INVALID_OPTION', () => {
    for (const beta of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fscore(sklearnExample(), { beta })).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
      );
    }
  });

  it('is described in the registry as a per-class metric yielding mFscore', () => {
    expect(fscoreMetric).toMatchObject({ id: 'fscore', summaryIds: ['mFscore'] });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(fscoreMetric, {
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
