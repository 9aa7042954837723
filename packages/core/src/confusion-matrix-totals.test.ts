import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { confusionMatrixTotals } from './confusion-matrix-totals.js';

describe('confusionMatrixTotals', () => {
  it('sums counted, correct, predicted-as-ignore and ignored pixels', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    cm.update([0, 255, 1, 0, 1], [0, 0, 1, 1, 255]);
    cm.update([1], [1]);
    expect(confusionMatrixTotals(cm)).toEqual({
      counted: 5,
      correct: 3,
      predictedIgnore: 1,
      ignored: 1,
      pixels: 6,
      images: 2,
    });
  });

  it('is all zeros for an empty matrix', () => {
    expect(confusionMatrixTotals(new ConfusionMatrix({ numClasses: 3 }))).toEqual({
      counted: 0,
      correct: 0,
      predictedIgnore: 0,
      ignored: 0,
      pixels: 0,
      images: 0,
    });
  });
});
