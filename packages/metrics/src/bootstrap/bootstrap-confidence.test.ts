import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixOfImages, NEEDS_DATASET_COUNTS, optionSets, randomImages } from '../../test/bootstrap-data.js';
import { canonical, referenceBootstrap, referenceResamples } from '../../test/bootstrap-reference.js';
import { evaluate } from '../evaluate.js';
import { Evaluator } from '../evaluator.js';
import { resolveOptions } from '../internal/resolve-options.js';
import type { SummaryId } from '../metric-registry.js';
import { presets } from '../presets.js';
import type { EvaluateOptions } from '../settings.js';
import { bootstrapConfidence } from './bootstrap-confidence.js';
import { ImageTable } from './internal/image-table.js';
import { assignMultiset, drawResample, evaluateMultiset } from './internal/resample.js';
import { WeightedImages } from './internal/weighted-images.js';
import { Xoshiro128 } from './internal/xoshiro128.js';
import type { Interval } from './quantile.js';

const MATRIX = { numClasses: 4, ignoreIndex: 255 };
const OPTION_SETS = optionSets(Object.keys(presets)) as EvaluateOptions[];

/** |x − y| ≤ 1e-12, NaN equal to NaN. */
const close = (x: number, y: number) => (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= 1e-12;

function expectIntervalsClose(
  actual: Interval | null | undefined,
  expected: readonly [number, number] | null,
  what: string,
) {
  if (expected === null || actual === null || actual === undefined) {
    expect(actual, what).toEqual(expected);
    return;
  }
  expect(
    close(actual[0], expected[0]) && close(actual[1], expected[1]),
    `${what}: ${actual} vs ${expected}`,
  ).toBe(true);
}

describe('bootstrapConfidence', () => {
  it('matches the naive reference (evaluate on a rebuilt matrix per resample) under every option set and preset', () => {
    const images = randomImages(1, { count: 9 });
    const matrix = matrixOfImages(MATRIX, images);
    for (const options of OPTION_SETS) {
      const ci = bootstrapConfidence(matrix, { ...options, samples: 60, seed: 7, level: 0.9 });
      const ref = referenceBootstrap(MATRIX, images, options, 0.9, 60, 7);
      for (const [id, interval] of Object.entries(ref.summary)) {
        expectIntervalsClose(
          ci.summary[id as keyof typeof ci.summary],
          interval,
          `${JSON.stringify(options)} ${id}`,
        );
      }
      expect(Object.keys(ci.summary).sort()).toEqual(Object.keys(ref.summary).sort());
      ref.perClass.forEach((interval, k) => {
        expectIntervalsClose(ci.perClass[k]!, interval, `${JSON.stringify(options)} class ${k}`);
      });
    }
  });

  it('gives mBoundaryIoU an interval from the same resamples when Boundary IoU is counted (naive reference)', () => {
    // 6 × 4 maps, so that classes have boundaries; Boundary IoU at dilation ratio 0.2 (1 pixel).
    const images = randomImages(5, { count: 9 }).map((image) => ({ ...image, width: 6 }));
    const withBoundary = { ...MATRIX, boundary: { dilationRatio: 0.2 } };
    const matrix = matrixOfImages(withBoundary, images);
    for (const options of OPTION_SETS.slice(0, 8)) {
      const ci = bootstrapConfidence(matrix, { ...options, samples: 50, seed: 3, level: 0.9 });
      const ref = referenceBootstrap(withBoundary, images, options, 0.9, 50, 3);
      expect(Object.keys(ci.summary).sort()).toEqual(Object.keys(ref.summary).sort());
      expect(Object.keys(ci.summary)).toContain('mBoundaryIoU');
      for (const [id, interval] of Object.entries(ref.summary)) {
        expectIntervalsClose(
          ci.summary[id as keyof typeof ci.summary],
          interval,
          `${JSON.stringify(options)} ${id}`,
        );
      }
    }
    // Without Boundary IoU there is no such interval.
    expect(
      Object.keys(bootstrapConfidence(matrixOfImages(MATRIX, images), { samples: 5 }).summary),
    ).not.toContain('mBoundaryIoU');
  });

  it('refuses keras when predictions hit an ignore label (its numbers need per-class dataset counts) and matches the reference without them', () => {
    for (const preset of NEEDS_DATASET_COUNTS) {
      const options = { preset } as EvaluateOptions;
      const withIgnore = matrixOfImages(MATRIX, randomImages(11, { count: 9, ignorePredictions: 0.1 }));
      expect(() => bootstrapConfidence(withIgnore, { ...options, samples: 10 })).toThrowError(
        expect.objectContaining({
          code: ErrorCode.INVALID_OPTION,
          context: expect.objectContaining({ value: preset }),
        }),
      );
      const images = randomImages(12, { count: 9, ignorePredictions: 0 });
      const ci = bootstrapConfidence(matrixOfImages(MATRIX, images), { ...options, samples: 40, seed: 2 });
      const ref = referenceBootstrap(MATRIX, images, options, 0.95, 40, 2);
      for (const [id, interval] of Object.entries(ref.summary)) {
        expectIntervalsClose(ci.summary[id as keyof typeof ci.summary], interval, `${preset} ${id}`);
      }
      ref.perClass.forEach((interval, k) => {
        expectIntervalsClose(ci.perClass[k]!, interval, `${preset} class ${k}`);
      });
    }
  });

  it('recomputes each resample bit-identically to evaluate on the rebuilt matrix under dataset aggregation', () => {
    const images = randomImages(2, { count: 12, numClasses: 5 });
    const matrix = matrixOfImages({ ...MATRIX, numClasses: 5 }, images);
    for (const options of OPTION_SETS) {
      const { settings } = resolveOptions(matrix.settings, options);
      const reference = referenceResamples({ ...MATRIX, numClasses: 5 }, images, options, 25, 3);
      const table = new ImageTable(matrix.imageStats, matrix.settings);
      const view = new WeightedImages(table);
      const multiplicity = new Int32Array(table.size);
      const rng = Xoshiro128.fromSeed(3, 0);
      reference.forEach((expected) => {
        drawResample(rng, multiplicity);
        assignMultiset(view, multiplicity, 1, 0);
        const actual = evaluateMultiset(view, settings);
        for (const [id, value] of Object.entries(expected.summary)) {
          if (settings.aggregate === 'dataset') expect(actual.summary[id], `${id}`).toBe(value);
          else expect(close(actual.summary[id]!, value), `${JSON.stringify(options)} ${id}`).toBe(true);
        }
        expected.iou.forEach((value, k) => {
          if (settings.aggregate === 'dataset') expect(actual.iou[k]).toBe(value);
          else expect(close(actual.iou[k]!, value)).toBe(true);
        });
      });
    }
  });

  it('reports the JSON contract shape: level, samples, seed, method, unit, summary and perClass in class order', () => {
    const matrix = matrixOfImages(MATRIX, randomImages(3));
    const ci = bootstrapConfidence(matrix, { samples: 20 });
    expect(ci).toMatchObject({ level: 0.95, samples: 20, seed: 0, method: 'percentile', unit: 'image' });
    expect(Object.keys(ci.summary)).toEqual(Object.keys(evaluate(matrix).summary));
    expect(ci.perClass).toHaveLength(4);
  });

  it('gives null where a class is absent from every resample, and for class means under average none', () => {
    const images = randomImages(4).map((image) => ({
      ...image,
      gt: image.gt.map((g) => (g === 3 ? 0 : g)),
      preds: image.preds.map((p) => p.map((v) => (v === 3 ? 0 : v))),
    }));
    const matrix = matrixOfImages(MATRIX, images);
    expect(bootstrapConfidence(matrix, { samples: 30 }).perClass[3]).toBeNull();
    const none = bootstrapConfidence(matrix, { samples: 30, average: 'none' });
    expect(none.summary.mIoU).toBeNull();
    expect(none.summary.aAcc).not.toBeNull();
  });

  it('gives a class in one image of 40 an interval over the resamples that draw it (about 64% of them)', () => {
    const images = randomImages(5, { count: 40, numClasses: 3 }).map((image) => ({
      ...image,
      gt: image.gt.map((g) => (g === 2 ? 1 : g)),
      preds: image.preds.map((p) => p.map((v) => (v === 2 ? 1 : v))),
    }));
    // A resample misses the one image with class 2 with probability (1 − 1/40)^40 ≈ 0.36: never less
    // than half of the resamples define a value the full data defines.
    const first = canonical(images)[0]!;
    for (let p = 0; p < 4; p++) (first.gt as number[])[p] = 2;
    const options = { numClasses: 3, ignoreIndex: 255 };
    const ci = bootstrapConfidence(matrixOfImages(options, images), { samples: 300, seed: 1 });
    expect(ci.perClass[2]).not.toBeNull();
    expectIntervalsClose(
      ci.perClass[2]!,
      referenceBootstrap(options, images, {}, 0.95, 300, 1).perClass[2]!,
      'class 2',
    );
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const matrix = matrixOfImages(MATRIX, randomImages(6, { count: 15 }));
    const one = bootstrapConfidence(matrix, { samples: 50, seed: 11 });
    expect(bootstrapConfidence(matrix, { samples: 50, seed: 11 })).toEqual(one);
    expect(bootstrapConfidence(matrix, { samples: 50, seed: 12 })).not.toEqual(one);
  });

  it('does not depend on update order or on merging shards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 4 }), (seed, shards) => {
        const images = randomImages(seed, { count: 8 });
        const options = OPTION_SETS[seed % OPTION_SETS.length]!;
        const whole = bootstrapConfidence(matrixOfImages(MATRIX, images), { ...options, samples: 20, seed });
        const reversed = matrixOfImages(MATRIX, [...images].reverse());
        expect(bootstrapConfidence(reversed, { ...options, samples: 20, seed })).toEqual(whole);
        const parts = Array.from({ length: shards }, (_, s) =>
          matrixOfImages(
            MATRIX,
            images.filter((_, i) => i % shards === s),
          ),
        );
        const merged = parts.reduceRight((acc, part) => part.merge(acc));
        expect(bootstrapConfidence(merged, { ...options, samples: 20, seed })).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });

  it('always has low <= high (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: OPTION_SETS.length - 1 }),
        fc.double({ min: 0.05, max: 0.995, noNaN: true }),
        (seed, o, level) => {
          const matrix = matrixOfImages(MATRIX, randomImages(seed, { count: 1 + (seed % 9) }));
          const ci = bootstrapConfidence(matrix, { ...OPTION_SETS[o]!, samples: 15, seed, level });
          for (const interval of [...Object.values(ci.summary), ...ci.perClass]) {
            if (interval !== null) expect(interval[0]).toBeLessThanOrEqual(interval[1]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives degenerate intervals at the estimate when every image is the same (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: OPTION_SETS.length - 1 }),
        (seed, count, o) => {
          const [image] = randomImages(seed, { count: 1 });
          const images = Array.from({ length: count }, (_, i) => ({ ...image!, id: `copy_${i}` }));
          const matrix = matrixOfImages(MATRIX, images);
          const options = OPTION_SETS[o]!;
          const report = evaluate(matrix, options);
          const ci = bootstrapConfidence(matrix, { ...options, samples: 10, seed });
          const exact = resolveOptions(matrix.settings, options).settings.aggregate === 'dataset';
          const check = (interval: Interval | null, estimate: number) => {
            if (Number.isNaN(estimate)) return expect(interval).toBeNull();
            if (exact) return expect(interval).toEqual([estimate, estimate]);
            expect(close(interval![0], estimate) && close(interval![1], estimate)).toBe(true);
          };
          for (const [id, interval] of Object.entries(ci.summary)) {
            check(interval, report.summary[id as SummaryId]);
          }
          ci.perClass.forEach((interval, k) => {
            check(interval, report.perClass[k]!.iou);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps aAcc and per-class IoU intervals within the range of the per-image values (dataset sums are mediants)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const images = randomImages(seed, { count: 6 + (seed % 10) });
        const matrix = matrixOfImages(MATRIX, images);
        const ci = bootstrapConfidence(matrix, { samples: 30, seed });
        const perImage = evaluate(matrix).perImage!;
        const acc = perImage.map((p) => p.aAcc).filter((v) => !Number.isNaN(v));
        const aAcc = ci.summary.aAcc!;
        expect(aAcc[0]).toBeGreaterThanOrEqual(Math.min(...acc) - 1e-15);
        expect(aAcc[1]).toBeLessThanOrEqual(Math.max(...acc) + 1e-15);
        for (let k = 0; k < 4; k++) {
          const values = matrix.imageStats
            .map((s) => s.tp[k]! / (s.support[k]! + s.predicted[k]! - s.tp[k]!))
            .filter((v) => !Number.isNaN(v));
          const interval = ci.perClass[k];
          if (interval === null || interval === undefined) continue;
          expect(interval[0]).toBeGreaterThanOrEqual(Math.min(...values) - 1e-15);
          expect(interval[1]).toBeLessThanOrEqual(Math.max(...values) + 1e-15);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('contains the estimate for reasonable data: 40+ similar images, every class in every image (fixed seeds)', () => {
    // Not a theorem (a percentile interval need not contain the estimate): it holds when the
    // bootstrap distribution is close to symmetric around the estimate, as for these smooth statistics
    // of many similar images.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 40, max: 80 }), (seed, count) => {
        const images = randomImages(seed, { count, numClasses: 3, pixels: 60 }).map((image) => ({
          ...image,
          gt: image.gt.map((g, p) => (p < 3 ? p : g)),
          preds: image.preds.map((pred) => pred.map((v, p) => (p < 3 ? p : v))),
        }));
        const matrix = matrixOfImages({ numClasses: 3, ignoreIndex: 255 }, images);
        const report = evaluate(matrix);
        const ci = bootstrapConfidence(matrix, { samples: 200, seed });
        for (const id of ['mIoU', 'aAcc', 'mDice', 'fwIoU'] as const) {
          expect(ci.summary[id]![0]).toBeLessThanOrEqual(report.summary[id]);
          expect(ci.summary[id]![1]).toBeGreaterThanOrEqual(report.summary[id]);
        }
      }),
      { numRuns: 15, seed: 20250101 },
    );
  });

  it('needs per-image statistics and valid options', () => {
    const images = randomImages(7);
    const noImages = new ConfusionMatrix(MATRIX);
    expect(() => bootstrapConfidence(noImages)).toThrowError(
      expect.objectContaining({ code: ErrorCode.PER_IMAGE_DISABLED }),
    );
    const matrix = matrixOfImages(MATRIX, images);
    for (const bad of [
      { level: 1 },
      { level: 0 },
      { level: Number.NaN },
      { samples: 0 },
      { samples: 1.5 },
      { samples: 100_001 },
      { seed: -1 },
      { seed: 2 ** 53 },
    ]) {
      expect(() => bootstrapConfidence(matrix, bad), JSON.stringify(bad)).toThrowError(
        expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
      );
    }
    const wide = new ConfusionMatrix({ numClasses: 3000, perImage: true });
    expect(() => bootstrapConfidence(wide, { samples: 100_000 })).toThrowError(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        context: expect.objectContaining({ option: 'samples' }),
      }),
    );
    expect(() => bootstrapConfidence(matrix, { preset: 'nope' as never })).toThrowError(
      expect.objectContaining({ code: ErrorCode.UNKNOWN_PRESET }),
    );
  });

  it('resamples an empty matrix to the empty evaluation', () => {
    const ci = bootstrapConfidence(matrixOfImages(MATRIX, []), { samples: 5 });
    expect(ci.summary.mIoU).toBeNull();
    expect(ci.perClass).toEqual([null, null, null, null]);
    expect(
      bootstrapConfidence(matrixOfImages(MATRIX, []), { samples: 5, absent: 'zero' }).summary.mIoU,
    ).toEqual([0, 0]);
  });
});

describe('evaluate with the confidence option', () => {
  it('adds report.confidence, equal to bootstrapConfidence with the same options', () => {
    const matrix = matrixOfImages(MATRIX, randomImages(8));
    const options: EvaluateOptions = { preset: 'sklearn', average: 'weighted' };
    const report = evaluate(matrix, { ...options, confidence: { level: 0.9, samples: 40, seed: 4 } });
    expect(report.confidence).toEqual(
      bootstrapConfidence(matrix, { ...options, level: 0.9, samples: 40, seed: 4 }),
    );
    expect(evaluate(matrix, { ...options, confidence: {} }).confidence).toMatchObject({
      level: 0.95,
      samples: 1000,
      seed: 0,
    });
    expect(evaluate(matrix).confidence).toBeUndefined();
    expect(() => evaluate(matrix, { confidence: { samples: -1 } })).toThrowError(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
  });

  it('through an Evaluator, which then keeps per-image statistics by default', () => {
    const images = randomImages(9);
    const evaluator = new Evaluator({ ...MATRIX, confidence: { samples: 20 } });
    for (const image of images) evaluator.update(image.preds[0]!, image.gt, { sampleId: image.id });
    expect(evaluator.compute().confidence).toEqual(
      bootstrapConfidence(matrixOfImages(MATRIX, images), { samples: 20 }),
    );
    expect(Evaluator.fromJSON(JSON.parse(JSON.stringify(evaluator))).compute().confidence).toEqual(
      evaluator.compute().confidence,
    );
  });
});
