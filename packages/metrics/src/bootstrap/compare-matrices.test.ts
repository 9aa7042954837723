import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixOfImages, optionSets, randomImages } from '../../test/bootstrap-data.js';
import { referenceComparison, type TestImage } from '../../test/bootstrap-reference.js';
import { evaluate } from '../evaluate.js';
import type { SummaryId } from '../metric-registry.js';
import { presets } from '../presets.js';
import type { EvaluateOptions } from '../settings.js';
import { bootstrapConfidence } from './bootstrap-confidence.js';
import { compareMatrices } from './compare-matrices.js';
import type { Interval } from './quantile.js';

const MATRIX = { numClasses: 4, ignoreIndex: 255 };
const OPTION_SETS = optionSets(Object.keys(presets)) as EvaluateOptions[];
const close = (x: number, y: number) => (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= 1e-12;
const closeInterval = (x: Interval | null, y: readonly [number, number] | null) =>
  x === null || y === null ? x === y : close(x[0], y[0]) && close(x[1], y[1]);

function pair(images: readonly TestImage[], options: Partial<typeof MATRIX> = {}) {
  return [
    matrixOfImages({ ...MATRIX, ...options }, images, 0),
    matrixOfImages({ ...MATRIX, ...options }, images, 1),
  ] as const;
}

describe('compareMatrices', () => {
  it('matches the naive reference (rebuilt matrices per resample and permutation) under every option set and preset', () => {
    const images = randomImages(21, { count: 8 });
    const [a, b] = pair(images);
    for (const options of OPTION_SETS) {
      const what = JSON.stringify(options);
      const result = compareMatrices(a, b, { ...options, samples: 40, seed: 5, level: 0.8 });
      const ref = referenceComparison(MATRIX, images, options, 0.8, 40, 5);
      for (const [id, expected] of Object.entries(ref.delta)) {
        const actual = result.delta[id as keyof typeof result.delta]!;
        expect(
          Object.is(actual.estimate, expected.estimate) || close(actual.estimate, expected.estimate),
          `${what} ${id}`,
        ).toBe(true);
        expect(closeInterval(actual.ci, expected.ci), `${what} ${id} ci ${actual.ci} vs ${expected.ci}`).toBe(
          true,
        );
        expect(actual.pValue, `${what} ${id} p`).toBe(expected.pValue);
      }
      ref.perClass.forEach((expected, k) => {
        const actual = result.perClass[k]!;
        expect(close(actual.delta, expected.delta), `${what} class ${k}`).toBe(true);
        expect(closeInterval(actual.ci, expected.ci), `${what} class ${k} ci`).toBe(true);
        expect(actual.pValue, `${what} class ${k} p`).toBe(expected.pValue);
      });
    }
  });

  it('gives mBoundaryIoU its difference, interval and p-value too when Boundary IoU is counted (naive reference)', () => {
    // 6 × 4 maps, so that classes have boundaries; Boundary IoU at dilation ratio 0.2 (1 pixel).
    const images = randomImages(25, { count: 8 }).map((image) => ({ ...image, width: 6 }));
    const withBoundary = { ...MATRIX, boundary: { dilationRatio: 0.2 } };
    const [a, b] = pair(images, withBoundary);
    for (const options of OPTION_SETS.slice(0, 6)) {
      const what = JSON.stringify(options);
      const result = compareMatrices(a, b, { ...options, samples: 30, seed: 4, level: 0.8 });
      const ref = referenceComparison(withBoundary, images, options, 0.8, 30, 4);
      const expected = ref.delta.mBoundaryIoU!;
      const actual = result.delta.mBoundaryIoU!;
      expect(actual, what).toBeDefined();
      expect(close(actual.estimate, expected.estimate), `${what} estimate`).toBe(true);
      expect(closeInterval(actual.ci, expected.ci), `${what} ci ${actual.ci} vs ${expected.ci}`).toBe(true);
      expect(actual.pValue, `${what} p`).toBe(expected.pValue);
      expect(result.a.confidence?.summary.mBoundaryIoU, what).not.toBeUndefined();
    }
  });

  it('estimates exactly B − A of the two evaluate reports', () => {
    const images = randomImages(22, { count: 10 });
    const [a, b] = pair(images);
    const options: EvaluateOptions = { aggregate: 'image', absent: 'zero' };
    const result = compareMatrices(a, b, { ...options, samples: 10 });
    const ra = evaluate(a, options);
    const rb = evaluate(b, options);
    for (const [id, delta] of Object.entries(result.delta)) {
      const key = id as SummaryId;
      expect(delta.estimate).toBe(rb.summary[key] - ra.summary[key]);
    }
    result.perClass.forEach((entry, k) => {
      expect(entry.delta).toBe(rb.perClass[k]!.iou - ra.perClass[k]!.iou);
      expect(entry.name).toBe(ra.perClass[k]!.name);
    });
    expect(result.a.summary).toEqual(ra.summary);
    expect(result.b.perClass).toEqual(rb.perClass);
  });

  it("carries each model's own intervals from the same resamples as bootstrapConfidence", () => {
    const images = randomImages(23, { count: 10 });
    const [a, b] = pair(images);
    const result = compareMatrices(a, b, { samples: 30, seed: 9 });
    expect(result.a.confidence).toEqual(bootstrapConfidence(a, { samples: 30, seed: 9 }));
    expect(result.b.confidence).toEqual(bootstrapConfidence(b, { samples: 30, seed: 9 }));
  });

  it('gives Δ = 0, a [0, 0] interval and p = 1 for identical models (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: OPTION_SETS.length - 1 }),
        (seed, o) => {
          const images = randomImages(seed, { count: 1 + (seed % 9) });
          const a = matrixOfImages(MATRIX, images, 0);
          const same = matrixOfImages(MATRIX, [...images].reverse(), 0);
          const result = compareMatrices(a, same, { ...OPTION_SETS[o]!, samples: 15, seed });
          for (const delta of [
            ...Object.values(result.delta),
            ...result.perClass.map((c) => ({ ...c, estimate: c.delta })),
          ]) {
            if (Number.isNaN(delta.estimate)) {
              expect(delta.pValue).toBeNull();
              continue;
            }
            expect(delta.estimate).toBe(0);
            // null when fewer than half of the resamples define the value (e.g. detectron2 skips a class
            // that is only predicted: with 15 resamples of 8 images that can happen to a defined class).
            if (delta.ci !== null) expect(delta.ci).toEqual([0, 0]);
            expect(delta.pValue).toBe(1);
          }
          expect(result.losses).toEqual([]);
          expect(result.gains).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('negates Δ and its interval and keeps every p-value when A and B swap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: OPTION_SETS.length - 1 }),
        (seed, o) => {
          const [a, b] = pair(randomImages(seed, { count: 2 + (seed % 9) }));
          const options = { ...OPTION_SETS[o]!, samples: 15, seed };
          const ab = compareMatrices(a, b, options);
          const ba = compareMatrices(b, a, options);
          const negated = (x: Interval | null, y: Interval | null) =>
            x === null ? y === null : y !== null && x[0] === -y[1] && x[1] === -y[0];
          for (const [id, delta] of Object.entries(ab.delta)) {
            const other = ba.delta[id as keyof typeof ba.delta]!;
            expect(
              Object.is(delta.estimate, -other.estimate) ||
                delta.estimate === -other.estimate ||
                Number.isNaN(delta.estimate),
            ).toBe(true);
            expect(negated(delta.ci, other.ci), id).toBe(true);
            expect(delta.pValue).toBe(other.pValue);
          }
          ab.perClass.forEach((entry, k) => {
            const other = ba.perClass[k]!;
            expect(entry.delta === -other.delta || Number.isNaN(entry.delta)).toBe(true);
            expect(negated(entry.ci, other.ci)).toBe(true);
            expect(entry.pValue).toBe(other.pValue);
            expect(entry.pHolm).toBe(other.pHolm);
          });
          expect(ab.losses.map((d) => d.sampleId)).toEqual(ba.gains.map((d) => d.sampleId));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('is deterministic for a seed and independent of update order and merges', () => {
    const images = randomImages(24, { count: 12 });
    const [a, b] = pair(images);
    const result = compareMatrices(a, b, { samples: 25, seed: 3 });
    const shuffled = [...images].sort((x, y) => (x.gt.length + x.id < y.gt.length + y.id ? 1 : -1));
    const a2 = matrixOfImages(MATRIX, shuffled.slice(0, 5), 0).merge(
      matrixOfImages(MATRIX, shuffled.slice(5), 0),
    );
    const b2 = matrixOfImages(MATRIX, shuffled.slice(7), 1).merge(
      matrixOfImages(MATRIX, shuffled.slice(0, 7), 1),
    );
    expect(compareMatrices(a2, b2, { samples: 25, seed: 3 })).toEqual(result);
  });

  it('detects a clearly better model: small p, interval above 0, Holm ≥ raw p', () => {
    const images = randomImages(25, { count: 60, pixels: 40, models: 4 }).map((image) => ({
      ...image,
      preds: [image.preds[0]!, image.gt.map((g, p) => (g === 255 ? 0 : p % 7 === 0 ? (g + 1) % 4 : g))],
    }));
    const [a, b] = pair(images);
    const result = compareMatrices(a, b, { samples: 400, seed: 1 });
    expect(result.delta.mIoU.estimate).toBeGreaterThan(0);
    expect(result.delta.mIoU.ci![0]).toBeGreaterThan(0);
    expect(result.delta.mIoU.pValue).toBe(1 / 401);
    for (const entry of result.perClass) {
      if (entry.pValue !== null) expect(entry.pHolm!).toBeGreaterThanOrEqual(entry.pValue);
    }
    expect(result.gains.length).toBeGreaterThan(0);
    expect(result.gains.length).toBeLessThanOrEqual(10);
    const deltas = result.gains.map((g) => g.delta);
    expect(deltas).toEqual([...deltas].sort((x, y) => y - x));
    const perImage = new Map(evaluate(a).perImage!.map((p) => [p.sampleId, p.mIoU]));
    expect(result.gains[0]!.a).toBe(perImage.get(result.gains[0]!.sampleId));
    expect(compareMatrices(a, b, { samples: 10, topImages: 2 }).gains).toHaveLength(2);
  });

  it('lists every image in perImage, of which gains and losses are the extremes', () => {
    const images = randomImages(27, { count: 30, pixels: 40, models: 2 });
    const [a, b] = pair(images);
    const result = compareMatrices(a, b, { samples: 10, seed: 0, topImages: 3 });
    const perA = evaluate(a, { perImage: true }).perImage!;
    const perB = evaluate(b, { perImage: true }).perImage!;
    expect(result.perImage).toHaveLength(result.images);
    expect(result.perImage.map((d) => d.sampleId)).toEqual(perA.map((p) => p.sampleId));
    result.perImage.forEach((d, i) => {
      expect(d.a).toBe(perA[i]!.mIoU);
      expect(d.b).toBe(perB[i]!.mIoU);
      expect(Object.is(d.delta, perB[i]!.mIoU - perA[i]!.mIoU)).toBe(true);
    });
    const defined = result.perImage.filter((d) => !Number.isNaN(d.delta));
    const lowest = Math.min(...defined.map((d) => d.delta));
    const highest = Math.max(...defined.map((d) => d.delta));
    if (lowest < 0) expect(result.losses[0]!.delta).toBe(lowest);
    if (highest > 0) expect(result.gains[0]!.delta).toBe(highest);
  });

  it('names the images missing on either side', () => {
    const images = randomImages(26, { count: 9 });
    const a = matrixOfImages(MATRIX, images.slice(0, 8), 0);
    const b = matrixOfImages(MATRIX, images.slice(1), 1);
    try {
      compareMatrices(a, b);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: ErrorCode.PAIRING_FAILED,
        context: { onlyInA: [images[0]!.id], onlyInB: [images[8]!.id], onlyInACount: 1, onlyInBCount: 1 },
      });
      expect(String((error as Error).message)).toContain(images[0]!.id);
    }
  });

  it('refuses other settings, another class count, other ground truth and images without ids', () => {
    const images = randomImages(27, { count: 6 });
    const [a] = pair(images);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code?: string; context?: unknown }).code;
      }
      return 'no error';
    };
    expect(code(() => compareMatrices(a, matrixOfImages({ ...MATRIX, numClasses: 5 }, images, 1)))).toBe(
      ErrorCode.INCOMPATIBLE_SETTINGS,
    );
    expect(
      code(() => compareMatrices(a, matrixOfImages({ ...MATRIX, ignoreIndex: [254, 255] }, images, 1))),
    ).toBe(ErrorCode.INCOMPATIBLE_SETTINGS);
    const otherTruth = images.map((image, i) => (i === 2 ? { ...image, gt: image.gt.map(() => 0) } : image));
    expect(code(() => compareMatrices(a, matrixOfImages(MATRIX, otherTruth, 1)))).toBe(
      ErrorCode.PAIRING_FAILED,
    );
    const unnamed = new ConfusionMatrix({ ...MATRIX, perImage: true });
    const unnamedB = new ConfusionMatrix({ ...MATRIX, perImage: true });
    unnamed.update(images[0]!.preds[0]!, images[0]!.gt);
    unnamedB.update(images[0]!.preds[1]!, images[0]!.gt);
    expect(code(() => compareMatrices(unnamed, unnamedB))).toBe(ErrorCode.PAIRING_FAILED);
    expect(code(() => compareMatrices(new ConfusionMatrix(MATRIX), new ConfusionMatrix(MATRIX)))).toBe(
      ErrorCode.PER_IMAGE_DISABLED,
    );
    expect(code(() => compareMatrices(a, a, { topImages: -1 }))).toBe(ErrorCode.INVALID_OPTION);
    // Keras drops predictions of ignore labels per ground-truth class: not reproducible from images.
    const [ka, kb] = pair(randomImages(28, { count: 6, ignorePredictions: 0.1 }));
    expect(code(() => compareMatrices(ka, kb, { preset: 'keras', samples: 5 }))).toBe(
      ErrorCode.INVALID_OPTION,
    );
    expect(code(() => compareMatrices(a, a, { samples: 0 }))).toBe(ErrorCode.INVALID_OPTION);
  });
});
