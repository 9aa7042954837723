import { describe, expect, it } from 'vitest';
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
