import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { recall, recallMetric } from './recall.js';

describe('recall', () => {
  it('matches the scikit-learn recall_score documentation example (average=None)', () => {
    // sklearn.metrics.recall_score docs: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1] → [1, 0, 0].
    expect(list(recall(countsOf(3, [0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2])))).toEqual([1, 0, 0]);
  });

  it('counts pixels predicted as the ignore label as misses', () => {
    expect(list(recall(countsOf(2, [0, 255, 1, 1], [0, 0, 1, 1], 255)))).toEqual([0.5, 1]);
  });

  it('is described in the registry as yielding both mRecall and mAcc', () => {
    expect(recallMetric.summaryIds).toEqual(['mRecall', 'mAcc']);
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(recallMetric, {
  perfectOneClass: [1],
  perfect: [1, 1, 1],
  allWrong: [0, 0],
  predictedOnly: [0.5, N],
  gtOnly: [1, 0],
  absentBoth: [1, 1, N],
  allIgnored: [N, N],
  ignoreInside: [N, 0.5, 1],
  ignoreOutside: [0, 1],
});
