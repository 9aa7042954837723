import { describe, expect, it } from 'vitest';
import { countsOf, list } from '../test/helpers.js';
import { support, supportMetric } from './support.js';

describe('support', () => {
  it('counts ground-truth pixels per class, including those predicted as ignore, and not ignored ones', () => {
    const counts = countsOf(3, [0, 255, 1, 1, 0], [0, 0, 1, 255, 1], 255);
    expect(list(support(counts))).toEqual([2, 2, 0]);
  });

  it('returns a copy', () => {
    const counts = countsOf(2, [0], [0]);
    support(counts)[0] = 99;
    expect(counts.support[0]).toBe(1);
  });

  it('is a count, not a score, and yields no class mean', () => {
    expect(supportMetric).toMatchObject({ higherIsBetter: null, summaryIds: [] });
  });
});
