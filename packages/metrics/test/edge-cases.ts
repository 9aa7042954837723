/**
 * STYLE.md's edge cases as a harness a metric's own test calls with its hand-worked values: empty input,
 * one class, perfect, all wrong, class absent from gt / from pred / from both, everything ignored, ignore
 * label inside and outside [0, C). Nothing is assumed about the metric (not even that a perfect
 * prediction scores 1): every expected value is written down by the caller. What holds for every registry
 * metric (0/0 on empty input, exactness above 2^32, purity, labels ≥ C and mismatched shapes rejected
 * before counting) is checked once for the whole registry in `src/metric-registry.test.ts`.
 */
import { ConfusionMatrix, classCounts } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import type { PerClassMetricDescriptor, SummaryMetricDescriptor } from '../src/types.js';
import { countsOf, list } from './helpers.js';

/** The inputs, as (C, prediction, ground truth, ignore label). */
const inputs = {
  /** C = 1, gt = pred = [0, 0, 0]. */
  perfectOneClass: [1, [0, 0, 0], [0, 0, 0]],
  /** C = 3, gt = pred = [0, 1, 2, 2]. */
  perfect: [3, [0, 1, 2, 2], [0, 1, 2, 2]],
  /** C = 2, gt [0, 0, 1, 1], pred [1, 1, 0, 0]. */
  allWrong: [2, [1, 1, 0, 0], [0, 0, 1, 1]],
  /** gt [0, 0], pred [0, 1]: class 1 predicted only. */
  predictedOnly: [2, [0, 1], [0, 0]],
  /** gt [0, 1], pred [0, 0]: class 1 never predicted. */
  gtOnly: [2, [0, 0], [0, 1]],
  /** C = 3, gt = pred = [0, 1]: class 2 absent from both. */
  absentBoth: [3, [0, 1], [0, 1]],
  /** C = 2, ignore 255 everywhere in the ground truth. */
  allIgnored: [2, [0, 1, 1], [255, 255, 255], 255],
  /** C = 3, ignore 0 inside [0, C): gt [0, 1, 1, 2], pred [1, 1, 0, 2]. */
  ignoreInside: [3, [1, 1, 0, 2], [0, 1, 1, 2], 0],
  /** C = 2, ignore 255: gt [255, 0, 1], pred [0, 255, 1]. */
  ignoreOutside: [2, [0, 255, 1], [255, 0, 1], 255],
} as const satisfies Record<string, readonly [number, readonly number[], readonly number[], number?]>;

type Case = keyof typeof inputs;

function counts(name: Case) {
  const [c, pred, gt, ignore] = inputs[name] as readonly [
    number,
    readonly number[],
    readonly number[],
    number?,
  ];
  return countsOf(c, pred, gt, ignore);
}

/** Per-class values expected for each input (NaN for 0/0 under the default `zeroDivision`). */
export type PerClassEdgeCases = Readonly<Record<Case, readonly number[]>>;

/** Runs STYLE.md's edge cases on a per-class metric (call it from the metric's own test file). */
export function describePerClassEdgeCases(
  metric: PerClassMetricDescriptor,
  expected: PerClassEdgeCases,
): void {
  describe(`${metric.id} edge cases`, () => {
    it(`${metric.id} is 0/0 (NaN by default) for every class of an empty matrix`, () => {
      const empty = classCounts(new ConfusionMatrix({ numClasses: 3 }));
      expect(list(metric.compute(empty))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    });
    for (const name of Object.keys(inputs) as Case[]) {
      it(`${metric.id}: ${name}`, () => {
        const values = list(metric.compute(counts(name)));
        expect(values).toHaveLength(expected[name].length);
        expected[name].forEach((v, k) => {
          if (Number.isNaN(v)) expect(values[k], `class ${k}`).toBeNaN();
          else expect(values[k], `class ${k}`).toBeCloseTo(v, 15);
        });
      });
    }
  });
}

/** The value expected for each input (NaN for 0/0), plus the empty matrix. */
export type SummaryEdgeCases = Readonly<Record<Case | 'empty', number>>;

/** Runs STYLE.md's edge cases on a summary metric (call it from the metric's own test file). */
export function describeSummaryEdgeCases(metric: SummaryMetricDescriptor, expected: SummaryEdgeCases): void {
  describe(`${metric.id} edge cases`, () => {
    for (const name of ['empty', ...Object.keys(inputs)] as (Case | 'empty')[]) {
      it(`${metric.id}: ${name}`, () => {
        const value = metric.compute(
          name === 'empty' ? classCounts(new ConfusionMatrix({ numClasses: 3 })) : counts(name),
        );
        if (Number.isNaN(expected[name])) expect(value).toBeNaN();
        else expect(value).toBeCloseTo(expected[name], 15);
      });
    }
  });
}
