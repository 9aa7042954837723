import { describe, expect, it } from 'vitest';
import { classCounts, fromTotals, imageClassCounts } from './class-counts.js';
import { ConfusionMatrix } from './confusion-matrix.js';

describe('classCounts', () => {
  it('derives tp, fp, fn, tn, support and predicted from the matrix (scikit-learn example)', () => {
    // y_true = [2, 0, 2, 2, 0, 1], y_pred = [0, 0, 2, 2, 0, 2] → [[2,0,0],[0,0,1],[1,0,2]]
    const cm = new ConfusionMatrix({ numClasses: 3 });
    cm.update([0, 0, 2, 2, 0, 2], [2, 0, 2, 2, 0, 1]);
    const c = classCounts(cm);
    expect(Array.from(c.tp)).toEqual([2, 0, 2]);
    expect(Array.from(c.fp)).toEqual([1, 0, 1]);
    expect(Array.from(c.fn)).toEqual([0, 1, 1]);
    expect(Array.from(c.tn)).toEqual([3, 5, 2]);
    expect(Array.from(c.support)).toEqual([2, 1, 3]);
    expect(Array.from(c.predicted)).toEqual([3, 0, 3]);
    expect(c.total).toBe(6);
  });

  it('is all zeros for an empty matrix', () => {
    const c = classCounts(new ConfusionMatrix({ numClasses: 2 }));
    expect(Array.from(c.tn)).toEqual([0, 0]);
    expect(c.total).toBe(0);
  });
});

describe('imageClassCounts', () => {
  it('gives one image’s counts from its statistics', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255, perImage: true });
    cm.update([0, 255, 1], [0, 0, 0], { sampleId: 'a' });
    const c = imageClassCounts(cm.imageStats[0]!);
    expect(Array.from(c.fn)).toEqual([2, 0]);
    expect(Array.from(c.fp)).toEqual([0, 1]);
    expect(c.total).toBe(3);
  });
});

describe('fromTotals', () => {
  it('builds counts from tp, support and predicted', () => {
    const c = fromTotals(Float64Array.of(1, 2), Float64Array.of(2, 3), Float64Array.of(2, 3));
    expect(Array.from(c.fp)).toEqual([1, 1]);
    expect(Array.from(c.fn)).toEqual([1, 1]);
    expect(Array.from(c.tn)).toEqual([2, 1]);
  });
});
