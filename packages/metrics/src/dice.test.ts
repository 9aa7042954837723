import { describe, expect, it } from 'vitest';
import { describePerClassEdgeCases } from '../test/edge-cases.js';
import { countsOf, list } from '../test/helpers.js';
import { dice, diceMetric } from './dice.js';
import { fscore } from './fscore.js';

describe('dice', () => {
  it('matches the scikit-learn f1_score documentation example (average=None)', () => {
    // sklearn.metrics.f1_score docs: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1] → [0.8, 0, 0].
    const values = list(dice(countsOf(3, [0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2])));
    expect(values[0]).toBeCloseTo(0.8, 15);
    expect(values.slice(1)).toEqual([0, 0]);
  });

  it('equals the count-based F1 score for every class', () => {
    const counts = countsOf(4, [0, 2, 1, 0, 0, 1, 3], [0, 1, 2, 0, 1, 2, 2]);
    expect(list(dice(counts))).toEqual(list(fscore(counts)));
  });

  it('is described in the registry as a per-class metric yielding mDice', () => {
    expect(diceMetric).toMatchObject({ id: 'dice', kind: 'per-class', summaryIds: ['mDice'] });
  });
});

const N = Number.NaN;
// Hand-worked from the formula (see the function's TSDoc); the inputs are listed in test/edge-cases.ts.
describePerClassEdgeCases(diceMetric, {
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
