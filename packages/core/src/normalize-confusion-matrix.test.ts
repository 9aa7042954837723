import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';
import { normalizeConfusionMatrix } from './normalize-confusion-matrix.js';

// scikit-learn docs, confusion_matrix example: y_true = [2, 0, 2, 2, 0, 1], y_pred = [0, 0, 2, 2, 0, 2]
// gives [[2, 0, 0], [0, 0, 1], [1, 0, 2]]; normalize='true' → rows [1, 0, 0], [0, 0, 1], [1/3, 0, 2/3].
function sklearnExample(): ConfusionMatrix {
  const cm = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
  cm.update([0, 0, 2, 2, 0, 2], [2, 0, 2, 2, 0, 1]);
  return cm;
}

describe('normalizeConfusionMatrix', () => {
  it("normalises rows like scikit-learn's normalize='true'", () => {
    expect(Array.from(normalizeConfusionMatrix(sklearnExample(), 'rows'))).toEqual([
      1,
      0,
      0,
      0,
      0,
      1,
      1 / 3,
      0,
      2 / 3,
    ]);
  });

  it("normalises columns like normalize='pred' and everything like normalize='all'", () => {
    const cm = sklearnExample();
    expect(Array.from(normalizeConfusionMatrix(cm, 'columns'))).toEqual([
      2 / 3,
      Number.NaN,
      0,
      0,
      Number.NaN,
      1 / 3,
      1 / 3,
      Number.NaN,
      2 / 3,
    ]);
    expect(Array.from(normalizeConfusionMatrix(cm, 'all'))).toEqual(
      [2, 0, 0, 0, 0, 1, 1, 0, 2].map((v) => v / 6),
    );
  });

  it('gives NaN (or the zeroDivision value) for an empty row, column or matrix, never a silent 0', () => {
    const empty = new ConfusionMatrix({ numClasses: 2 });
    expect(Array.from(normalizeConfusionMatrix(empty, 'all'))).toEqual([NaN, NaN, NaN, NaN]);
    expect(Array.from(normalizeConfusionMatrix(empty, 'rows', { zeroDivision: 0 }))).toEqual([0, 0, 0, 0]);
    const cm = sklearnExample();
    expect(normalizeConfusionMatrix(cm, 'columns', { zeroDivision: -1 })[1]).toBe(-1);
  });

  it('optionally counts predicted-as-ignore pixels in the row denominators', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    cm.update([0, 255, 1, 1], [0, 0, 1, 1]);
    expect(Array.from(normalizeConfusionMatrix(cm, 'rows'))).toEqual([1, 0, 0, 1]);
    expect(Array.from(normalizeConfusionMatrix(cm, 'rows', { predictedIgnore: 'include' }))).toEqual([
      0.5, 0, 0, 1,
    ]);
    expect(Array.from(normalizeConfusionMatrix(cm, 'all', { predictedIgnore: 'include' }))).toEqual([
      0.25, 0, 0, 0.5,
    ]);
  });

  it('rejects an unknown mode or option with INVALID_OPTION', () => {
    const cm = sklearnExample();
    for (const call of [
      () => normalizeConfusionMatrix(cm, 'true' as 'rows'),
      () => normalizeConfusionMatrix(cm, 'rows', { zeroDivision: '0' as unknown as number }),
      () => normalizeConfusionMatrix(cm, 'rows', { predictedIgnore: 'yes' as 'include' }),
    ]) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(SegmetricsError.isInstance(error, ErrorCode.INVALID_OPTION)).toBe(true);
    }
  });
});
