import { describe, expect, it } from 'vitest';
import { countsOf, list } from '../test/helpers.js';
import { predicted, predictedMetric } from './predicted.js';

describe('predicted', () => {
  it('counts predicted pixels per class on non-ignored ground truth only', () => {
    const counts = countsOf(3, [0, 255, 1, 1, 0], [0, 0, 1, 255, 1], 255);
    expect(list(predicted(counts))).toEqual([2, 1, 0]);
  });

  it('is a count, not a score, and yields no class mean', () => {
    expect(predictedMetric).toMatchObject({ higherIsBetter: null, summaryIds: [] });
  });
});
