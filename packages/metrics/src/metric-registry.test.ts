/**
 * What holds for every metric, derived from the registry (a new metric is checked here without an edit):
 * unique ids, documented formula and reference, exports, purity, 0/0 on empty input, exactness above
 * 2^32, and labels ≥ C or mismatched shapes never reaching a metric. Each metric's own test runs STYLE.md's
 * edge cases with its hand-worked values (test/edge-cases.ts).
 */
import { type ClassCounts, ConfusionMatrix, classCounts, ErrorCode, fromTotals } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { countsOf, list } from '../test/helpers.js';
import * as api from './index.js';
import { getMetric, metricRegistry } from './metric-registry.js';
import type { MetricDescriptor } from './types.js';

const ids = metricRegistry.map((m) => m.id);
const summaryIds = metricRegistry.flatMap((m) => (m.kind === 'per-class' ? m.summaryIds : []));
/** Per-class metrics without class means are plain counts (support, predicted); the others are ratios. */
const isCount = (m: MetricDescriptor) => m.kind === 'per-class' && m.summaryIds.length === 0;

function values(metric: MetricDescriptor, counts: ClassCounts, zeroDivision?: number): number[] {
  const options = zeroDivision === undefined ? undefined : { zeroDivision };
  return metric.kind === 'per-class'
    ? list(metric.compute(counts, options))
    : [metric.compute(counts, options)];
}

const snapshot = (c: ClassCounts) =>
  JSON.stringify(Object.values(c).map((v) => (typeof v === 'number' ? v : list(v))));

describe('metricRegistry', () => {
  it('lists every metric once with a unique id, a documented formula and a reference', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const metric of metricRegistry) {
      expect(metric.id, metric.id).toMatch(/^[a-zA-Z][a-zA-Z0-9]*$/);
      expect(metric.displayName.length, metric.id).toBeGreaterThan(0);
      expect(metric.description.length, metric.id).toBeGreaterThan(10);
      expect(metric.reference.length, metric.id).toBeGreaterThan(5);
      expect(typeof metric.compute).toBe('function');
      if (isCount(metric)) expect(metric.higherIsBetter, metric.id).toBeNull();
      else expect(typeof metric.higherIsBetter, metric.id).toBe('boolean');
    }
  });

  it('lists per-class metrics before summaries, with summary ids that collide with nothing', () => {
    const kinds = metricRegistry.map((m) => m.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => (a === b ? 0 : a === 'per-class' ? -1 : 1)));
    expect(new Set([...ids, ...summaryIds]).size).toBe(ids.length + summaryIds.length);
  });

  it('holds exactly the descriptors the package exports as <name>Metric', () => {
    const exported = Object.entries(api)
      .filter(([name]) => /Metric$/.test(name) && name !== 'getMetric' && name !== 'computeMetric')
      .map(([, value]) => value);
    expect(new Set(exported)).toEqual(new Set(metricRegistry));
  });

  describe.each(metricRegistry.map((m) => [m.id, m] as const))('%s', (id, metric) => {
    it(`${id} never modifies its counts and gives one value per class (or one value)`, () => {
      const counts = countsOf(3, [0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2]);
      const before = snapshot(counts);
      const out = values(metric, counts, 0.25);
      expect(snapshot(counts)).toBe(before);
      expect(out).toHaveLength(metric.kind === 'per-class' ? 3 : 1);
    });

    it(`${id} of an empty matrix: counts are 0, every ratio is 0/0 = zeroDivision (NaN by default)`, () => {
      const empty = classCounts(new ConfusionMatrix({ numClasses: 3 }));
      if (isCount(metric)) {
        expect(values(metric, empty)).toEqual([0, 0, 0]);
        return;
      }
      for (const v of values(metric, empty)) expect(v).toBeNaN();
      for (const v of values(metric, empty, 0.25)) expect(v).toBe(0.25);
    });

    it(`${id} is exact above 2^32: scaling every count by 2^33 ${isCount(metric) ? 'scales it' : 'keeps it'} exactly`, () => {
      const s = 2 ** 33;
      const tp = [3, 1, 5];
      const support = [4, 2, 7];
      const predicted = [4, 3, 6];
      const make = (f: number) =>
        fromTotals(
          Float64Array.from(tp, (v) => v * f),
          Float64Array.from(support, (v) => v * f),
          Float64Array.from(predicted, (v) => v * f),
        );
      const big = make(s);
      expect(big.fp[1]).toBe(2 * s);
      const expected = values(metric, make(1)).map((v) => (isCount(metric) ? v * s : v));
      expect(values(metric, big)).toEqual(expected);
    });

    it(`${id} never sees labels >= numClasses or mismatched shapes: counting them throws and keeps the counts`, () => {
      const matrix = new ConfusionMatrix({ numClasses: 2 });
      matrix.update([0, 1], [0, 1]);
      const before = values(metric, classCounts(matrix));
      expect(() => matrix.update([0, 2], [0, 1])).toThrow(
        expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }),
      );
      expect(() => matrix.update([0, 1, 1], [0, 1])).toThrow(
        expect.objectContaining({ code: ErrorCode.SHAPE_MISMATCH }),
      );
      expect(values(metric, classCounts(matrix))).toEqual(before);
    });
  });
});

describe('getMetric', () => {
  it('finds every metric by its id and by each of its summary ids', () => {
    for (const metric of metricRegistry) {
      expect(getMetric(metric.id)).toBe(metric);
      if (metric.kind === 'per-class') for (const s of metric.summaryIds) expect(getMetric(s)).toBe(metric);
    }
    expect(getMetric('mAcc').id).toBe('recall');
  });

  it('throws UNKNOWN_METRIC listing the known ids, also for inherited property names', () => {
    for (const id of ['hausdorff', '__proto__', 'constructor', 'toString']) {
      expect(() => getMetric(id)).toThrow(
        expect.objectContaining({
          code: ErrorCode.UNKNOWN_METRIC,
          context: expect.objectContaining({
            value: id,
            known: expect.arrayContaining([...ids, ...summaryIds]),
          }),
        }),
      );
    }
  });
});
