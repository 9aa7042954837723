// A deliberately slow, naive reference for the bootstrap and the paired comparison: it shares only the
// generator (the same draws) and otherwise rebuilds a ConfusionMatrix for every resample by replaying
// the drawn images' label maps, then calls evaluate() on it.
import { ConfusionMatrix, type ConfusionMatrixOptions } from '@segmetrics/core';
import { Xoshiro128 } from '../src/bootstrap/internal/xoshiro128.js';
import { evaluate } from '../src/evaluate.js';
import type { EvaluateOptions } from '../src/settings.js';

/**
 * One labelled image: its sample id, ground truth and one prediction per model, and its width when the
 * maps are 2-D (Boundary IoU needs the shape).
 */
export interface TestImage {
  readonly id: string;
  readonly gt: readonly number[];
  readonly preds: readonly (readonly number[])[];
  readonly width?: number;
}

/** The images sorted by sample id (UTF-16 code units), as core orders them. */
export function canonical(images: readonly TestImage[]): TestImage[] {
  return [...images].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** A matrix counting model `model`'s prediction of each listed image, each copy with its own id. */
export function replay(
  options: ConfusionMatrixOptions,
  images: readonly TestImage[],
  model: (image: TestImage, position: number) => number,
): ConfusionMatrix {
  const matrix = new ConfusionMatrix({ ...options, perImage: true });
  images.forEach((image, position) => {
    matrix.update(image.preds[model(image, position)]!, image.gt, {
      sampleId: `${image.id}#${String(position).padStart(6, '0')}`,
      ...(image.width === undefined ? {} : { width: image.width, height: image.gt.length / image.width }),
    });
  });
  return matrix;
}

/** The drawn images of each resample: n indices `below(n)` from stream 0. */
export function referenceDraws(n: number, samples: number, seed: number): number[][] {
  const rng = Xoshiro128.fromSeed(seed, 0);
  return Array.from({ length: samples }, () => Array.from({ length: n }, () => rng.below(n)));
}

/** Per permutation, per image (canonical order): 1 when A and B swap, from stream 1. */
export function referenceSwaps(n: number, samples: number, seed: number): number[][] {
  const rng = Xoshiro128.fromSeed(seed, 1);
  return Array.from({ length: samples }, () => {
    const swaps: number[] = [];
    let word = 0;
    for (let i = 0; i < n; i++) {
      if (i % 32 === 0) word = rng.next();
      swaps.push(Math.floor(word / 2 ** (i % 32)) % 2);
    }
    return swaps;
  });
}

/** Type-7 quantile, straight from the definition. */
export function type7(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  if (i >= sorted.length - 1) return sorted[sorted.length - 1]!;
  return sorted[i]! + (h - i) * (sorted[i + 1]! - sorted[i]!);
}

/** The interval rule: null when fewer than half the values are defined. */
export function referenceInterval(values: readonly number[], level: number): [number, number] | null {
  const defined = values.filter((v) => !Number.isNaN(v));
  if (defined.length === 0 || 2 * defined.length < values.length) return null;
  return [type7(defined, (1 - level) / 2), type7(defined, (1 + level) / 2)];
}

/** Summary values (by id) and per-class IoU of a report. */
function valuesOf(matrix: ConfusionMatrix, options: EvaluateOptions) {
  const report = evaluate(matrix, options);
  return { summary: report.summary as Record<string, number>, iou: report.perClass.map((c) => c.iou) };
}

/** Per resample: what evaluate() reports on a matrix of the drawn images (model `model`). */
export function referenceResamples(
  matrixOptions: ConfusionMatrixOptions,
  images: readonly TestImage[],
  options: EvaluateOptions,
  samples: number,
  seed: number,
  model = 0,
) {
  const sorted = canonical(images);
  return referenceDraws(sorted.length, samples, seed).map((draws) =>
    valuesOf(
      replay(
        matrixOptions,
        draws.map((i) => sorted[i]!),
        () => model,
      ),
      options,
    ),
  );
}

/** The reference bootstrap intervals of model `model`. */
export function referenceBootstrap(
  matrixOptions: ConfusionMatrixOptions,
  images: readonly TestImage[],
  options: EvaluateOptions,
  level: number,
  samples: number,
  seed: number,
  model = 0,
) {
  const resamples = referenceResamples(matrixOptions, images, options, samples, seed, model);
  const ids = Object.keys(resamples[0]!.summary);
  const numClasses = resamples[0]!.iou.length;
  return {
    summary: Object.fromEntries(
      ids.map((id) => [
        id,
        referenceInterval(
          resamples.map((r) => r.summary[id]!),
          level,
        ),
      ]),
    ),
    perClass: Array.from({ length: numClasses }, (_, k) =>
      referenceInterval(
        resamples.map((r) => r.iou[k]!),
        level,
      ),
    ),
  };
}

/** The reference paired comparison of models 0 (A) and 1 (B): Δ intervals and permutation p-values. */
export function referenceComparison(
  matrixOptions: ConfusionMatrixOptions,
  images: readonly TestImage[],
  options: EvaluateOptions,
  level: number,
  samples: number,
  seed: number,
) {
  const sorted = canonical(images);
  const all = (model: number) =>
    valuesOf(
      replay(matrixOptions, sorted, () => model),
      options,
    );
  const a = all(0);
  const b = all(1);
  const ids = Object.keys(a.summary);
  const numClasses = a.iou.length;
  const resA = referenceResamples(matrixOptions, images, options, samples, seed, 0);
  const resB = referenceResamples(matrixOptions, images, options, samples, seed, 1);
  const perms = referenceSwaps(sorted.length, samples, seed).map((swaps) => {
    const pa = valuesOf(
      replay(matrixOptions, sorted, (_, i) => swaps[i]!),
      options,
    );
    const pb = valuesOf(
      replay(matrixOptions, sorted, (_, i) => 1 - swaps[i]!),
      options,
    );
    return {
      summary: Object.fromEntries(ids.map((id) => [id, pb.summary[id]! - pa.summary[id]!])),
      iou: pa.iou.map((v, k) => pb.iou[k]! - v),
    };
  });
  const pValue = (observed: number, permuted: readonly number[]) => {
    const defined = permuted.filter((d) => !Number.isNaN(d));
    if (Number.isNaN(observed) || defined.length === 0 || 2 * defined.length < permuted.length) return null;
    const tolerance = 100 * Number.EPSILON * Math.abs(observed);
    const extreme = defined.filter((d) => Math.abs(d) >= Math.abs(observed) - tolerance).length;
    return (1 + extreme) / (1 + defined.length);
  };
  return {
    delta: Object.fromEntries(
      ids.map((id) => {
        const estimate = b.summary[id]! - a.summary[id]!;
        return [
          id,
          {
            estimate,
            ci: referenceInterval(
              resA.map((r, i) => resB[i]!.summary[id]! - r.summary[id]!),
              level,
            ),
            pValue: pValue(
              estimate,
              perms.map((p) => p.summary[id]!),
            ),
          },
        ];
      }),
    ),
    perClass: Array.from({ length: numClasses }, (_, k) => {
      const delta = b.iou[k]! - a.iou[k]!;
      return {
        delta,
        ci: referenceInterval(
          resA.map((r, i) => resB[i]!.iou[k]! - r.iou[k]!),
          level,
        ),
        pValue: pValue(
          delta,
          perms.map((p) => p.iou[k]!),
        ),
      };
    }),
  };
}
