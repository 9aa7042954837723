import { ConfusionMatrix, type ConfusionMatrixOptions, ErrorCode } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.js';
import type { SummaryId } from '../metric-registry.js';
import { rankImages } from '../rank-images.js';
import type { EvaluateOptions } from '../settings.js';

/**
 * `perImage: { worst, by }` must list exactly what ranking the full per-image list gives
 * (`rankImages(full, { metric: by, limit: worst })`), with the same numbers, and say which canonical
 * images they are; the images it does not list are only ranked.
 */

/**
 * `images` random 12×10 images over `c` classes (a few classes each, ignore 255), plus images that tie
 * on every value (the same maps under two ids) and images with nothing counted (all ignored: NaN).
 */
function randomMatrix(
  seed: number,
  c: number,
  images: number,
  options: Partial<ConfusionMatrixOptions> = {},
) {
  const random = seededRandom(seed);
  const matrix = new ConfusionMatrix({ numClasses: c, ignoreIndex: [255], perImage: true, ...options });
  const width = 12;
  const height = 10;
  const ids = Array.from({ length: images }, (_, i) => `img${String(i).padStart(3, '0')}`);
  // Shuffled ids: canonical (sample-id) order is not the counting order.
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  let previous: { gt: Uint8Array<ArrayBuffer>; pred: Uint8Array<ArrayBuffer> } | null = null;
  for (const [i, sampleId] of ids.entries()) {
    const used = Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * c));
    let gt = new Uint8Array(width * height);
    let pred = new Uint8Array(width * height);
    if (i % 9 === 4 && previous !== null) {
      ({ gt, pred } = previous);
    } else if (i % 13 === 6) {
      gt.fill(255);
      pred.fill(used[0]!);
    } else {
      for (let p = 0; p < gt.length; p++) {
        gt[p] = random() < 0.05 ? 255 : used[Math.floor((p % width) / 4) % used.length]!;
        const r = random();
        pred[p] = r < 0.7 ? gt[p]! : r < 0.75 ? 255 : Math.floor(random() * c);
        if (pred[p] === 255 && gt[p] === 255) pred[p] = used[0]!;
      }
    }
    previous = { gt, pred };
    matrix.update(pred, gt, { width, height, sampleId });
  }
  return matrix;
}

function expectSameAsRankingAll(
  matrix: ConfusionMatrix,
  options: EvaluateOptions,
  by: SummaryId,
  worst: number,
) {
  const full = evaluate(matrix, { ...options, perImage: true });
  const selected = evaluate(matrix, { ...options, perImage: { worst, by } });
  const expected = rankImages(full.perImage!, { metric: by, limit: worst });
  expect(selected.perImage).toEqual(expected);
  expect(selected.perImageSelection).toEqual({
    by,
    worst,
    images: full.perImage!.length,
    indices: expected.map((image) => full.perImage!.indexOf(image)),
  });
  // Everything but the per-image list is the evaluation without a selection.
  const { perImage: _a, perImageSelection: _b, ...rest } = selected;
  const { perImage: _c, ...restFull } = full;
  expect(rest).toEqual(restFull);
  expect(full.perImageSelection).toBeUndefined();
}

describe('evaluate perImage: { worst, by }', () => {
  const matrix = randomMatrix(3, 17, 80);

  it('lists the worst images of the full ranking, worst first, with the same values', () => {
    const ids: SummaryId[] = ['mIoU', 'mDice', 'mAcc', 'mPrecision', 'aAcc', 'fwIoU', 'kappa'];
    for (const by of ids) {
      for (const worst of [0, 1, 7, 80, 200]) expectSameAsRankingAll(matrix, {}, by, worst);
    }
  });

  it('ranks ties in sample-id order and images with nothing counted last', () => {
    const selected = evaluate(matrix, { perImage: { worst: 80 } });
    const values = selected.perImage!.map((image) => image.mIoU);
    const nan = values.findIndex((v) => Number.isNaN(v));
    expect(nan).toBeGreaterThan(0);
    expect(values.slice(nan).every((v) => Number.isNaN(v))).toBe(true);
    const ties = values.some((v, i) => i > 0 && v === values[i - 1]);
    expect(ties).toBe(true);
    const { indices } = selected.perImageSelection!;
    for (let i = 1; i < values.length; i++) {
      if (values[i] === values[i - 1] || (Number.isNaN(values[i]!) && Number.isNaN(values[i - 1]!))) {
        expect(indices[i]!).toBeGreaterThan(indices[i - 1]!);
      }
    }
  });

  it('is the full ranking under every aggregation, averaging and absent policy', () => {
    for (const average of ['macro', 'weighted', 'micro'] as const) {
      for (const absent of ['nan', 'zero', 'one'] as const) {
        expectSameAsRankingAll(matrix, { aggregate: 'image', average, absent }, 'mIoU', 9);
        expectSameAsRankingAll(matrix, { average, absent, excludeClasses: [0, 3] }, 'mRecall', 9);
      }
    }
    expectSameAsRankingAll(matrix, { predictedOnly: 'skip' }, 'mIoU', 12);
    expectSameAsRankingAll(matrix, { preset: 'sklearn' }, 'mIoU', 12);
    expectSameAsRankingAll(matrix, { preset: 'torchmetrics-meaniou' }, 'mIoU', 12);
  });

  it('carries the Boundary IoU of the listed images', () => {
    const withBoundary = randomMatrix(5, 9, 40, { boundary: { dilationRatio: 0.1 } });
    expectSameAsRankingAll(withBoundary, {}, 'mIoU', 10);
    expect(evaluate(withBoundary, { perImage: { worst: 3 } }).perImage![0]!.mBoundaryIoU).toBeTypeOf(
      'number',
    );
  });

  it('rejects a selection it cannot honour', () => {
    const code = (perImage: unknown) => {
      try {
        evaluate(matrix, { perImage } as EvaluateOptions);
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'no error';
    };
    for (const bad of [
      { worst: -1 },
      { worst: 1.5 },
      { worst: '3' },
      {},
      { worst: 2, by: 'iou' },
      { worst: 2, top: 1 },
      [],
      'worst',
    ]) {
      expect(code(bad), JSON.stringify(bad)).toBe(ErrorCode.INVALID_OPTION);
    }
    const plain = new ConfusionMatrix({ numClasses: 3 });
    expect(() => evaluate(plain, { perImage: { worst: 2 } })).toThrow(
      expect.objectContaining({ code: ErrorCode.PER_IMAGE_DISABLED }),
    );
  });
});
