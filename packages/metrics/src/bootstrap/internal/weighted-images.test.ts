import { ConfusionMatrix, ErrorCode, type ImageStats, imageClassCounts } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../internal/engine.js';
import { UnitReducer } from '../../internal/image-reducer.js';
import { resolveOptions } from '../../internal/resolve-options.js';
import { ImageTable } from './image-table.js';
import { assignMultiset, checkExactSums, checkReproduces, matrixValues } from './resample.js';
import { WeightedImages } from './weighted-images.js';

/** A matrix of `count` random images over `c` classes, some classes absent from each image. */
function randomMatrix(random: () => number, count: number, c: number): ConfusionMatrix {
  const matrix = new ConfusionMatrix({ numClasses: c, ignoreIndex: 255, perImage: true });
  for (let i = 0; i < count; i++) {
    const used = 1 + Math.floor(random() * c);
    const gt = Array.from({ length: 12 }, () => (random() < 0.15 ? 255 : Math.floor(random() * used)));
    const pred = gt.map((g) => (random() < 0.5 && g !== 255 ? g : Math.floor(random() * used)));
    matrix.update(pred, gt, { sampleId: `i${i}` });
  }
  return matrix;
}

const close = (x: number, y: number) => (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= 1e-12;

describe('WeightedImages', () => {
  it('reduces like the UnitReducer over the images repeated by their weights, fused or sparse (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.boolean(), (seed, ragged) => {
        const random = seededRandom(seed);
        const c = 2 + Math.floor(random() * 4);
        const matrix = randomMatrix(random, 1 + Math.floor(random() * 8), c);
        const table = new ImageTable(matrix.imageStats, matrix.settings);
        const units = table.units((stats) =>
          stats.map((s: ImageStats) => ({
            sampleId: s.sampleId,
            ignored: s.ignored,
            counts: imageClassCounts(s),
            include: new Uint8Array(c).fill(1),
            skip: new Uint8Array(c),
          })),
        );
        // Per-image values: a metric-like column (NaN on absent classes, or a constant), or with
        // `ragged` a baseline that differs between images (the sparse path).
        const values = units.map((u, i) =>
          Float64Array.from({ length: c }, (_, k) => {
            const absent = u.counts.support[k] === 0 && u.counts.predicted[k] === 0;
            if (absent) return ragged ? (i % 3 === 0 ? Number.NaN : i % 3) : 0.5;
            return random() < 0.2 ? Number.NaN : random();
          }),
        );
        const weights = units.map(() => Math.floor(random() * 3));
        const view = new WeightedImages(table);
        let count = 0;
        weights.forEach((w, i) => {
          if (w === 0) return;
          view.active[count] = i;
          view.weight[count] = w;
          count++;
        });
        view.commit(count);
        const expanded = weights.flatMap((w, i) => Array.from({ length: w }, () => i));
        const unit = new UnitReducer(expanded.map((i) => matrix.imageStats[i]!));
        const expandedValues = expanded.map((i) => values[i]!);
        const key = ragged ? 'ragged' : 'uniform';
        const actual = view.perClassMean(key, values, c, -7);
        const expected = unit.perClassMean(key, expandedValues, c, -7);
        expected.forEach((v, k) => {
          expect(close(actual[k]!, v), `class ${k}: ${actual[k]} vs ${v}`).toBe(true);
        });
        const weight = (i: number, k: number) => (k === 0 ? 0 : units[i]!.counts.support[k]!);
        expect(
          close(
            view.pooledMean('p', values, weight, -3),
            unit.pooledMean('p', expandedValues, (i, k) => weight(expanded[i]!, k), -3),
          ),
        ).toBe(true);
        const scalar = (i: number) => values[i]![0]!;
        expect(
          close(
            view.mean('m', scalar, -1),
            unit.mean('m', (i) => scalar(expanded[i]!), -1),
          ),
        ).toBe(true);
        // Fused when every absent (image, class) pair has the same value, sparse otherwise.
        const baselines = new Set(
          units.flatMap((u, i) =>
            u.counts.support.some((v, k) => v === 0 && u.counts.predicted[k] === 0)
              ? [String(ragged ? (i % 3 === 0 ? Number.NaN : i % 3) : 0.5)]
              : [],
          ),
        );
        expect(table.fusedColumn(key, values) >= 0).toBe(baselines.size <= 1);
      }),
      { numRuns: 300 },
    );
  });

  it('sums TP, support and predicted exactly, each image times its weight', () => {
    const matrix = randomMatrix(Math.random, 6, 4);
    const table = new ImageTable(matrix.imageStats, matrix.settings);
    const view = new WeightedImages(table);
    [3, 0, 1, 2, 0, 5].forEach((w, i) => {
      view.active[i] = i;
      view.weight[i] = w;
    });
    view.commit(6);
    const counts = view.totals();
    for (let k = 0; k < 4; k++) {
      const expected = matrix.imageStats.reduce((sum, s, i) => sum + [3, 0, 1, 2, 0, 5][i]! * s.tp[k]!, 0);
      expect(counts.tp[k]).toBe(expected);
    }
  });
});

describe('checkReproduces', () => {
  it('passes when the images reproduce the matrix and names the first value that differs otherwise', () => {
    const random = seededRandom(7);
    const matrix = randomMatrix(random, 6, 3);
    const other = randomMatrix(random, 6, 3);
    const { settings } = resolveOptions(matrix.settings, {});
    const viewOf = (m: ConfusionMatrix) => {
      const view = new WeightedImages(new ImageTable(m.imageStats, m.settings));
      assignMultiset(view, new Int32Array(m.images).fill(1), 1, 0);
      return view;
    };
    expect(() => checkReproduces(matrix, viewOf(matrix), settings, 'test')).not.toThrow();
    expect(() => checkReproduces(matrix, viewOf(other), settings, 'test')).toThrowError(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        context: expect.objectContaining({ id: 'mIoU' }),
      }),
    );
    // The matrix's values given by the caller (evaluate computes them anyway) are what it compares with.
    const own = matrixValues(new Engine(matrix, settings), false);
    const others = matrixValues(new Engine(other, settings), false);
    expect(() => checkReproduces(matrix, viewOf(matrix), settings, 'test', own)).not.toThrow();
    expect(() => checkReproduces(matrix, viewOf(matrix), settings, 'test', others)).toThrowError(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
  });
});

describe('checkExactSums', () => {
  it('refuses resamples whose sums could pass 2^53 − 1 (COUNT_OVERFLOW)', () => {
    expect(() => checkExactSums({ maxPixels: 2 ** 40 }, 2000)).not.toThrow();
    expect(() => checkExactSums({ maxPixels: 2 ** 52 }, 2)).toThrowError(
      expect.objectContaining({ code: ErrorCode.COUNT_OVERFLOW }),
    );
  });
});
