import { ConfusionMatrix } from '@segmetrics/core';
import { type Comparison, compareMatrices } from '@segmetrics/metrics';

/** Deterministic xorshift32 in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * A paired comparison of two models on `images` random 8×8 images with 4 classes (class 3 never occurs,
 * so its IoU is undefined) and ignore label 255: A errs on `errorA` of the pixels, B on `errorB`, at
 * independent random pixels.
 */
export function sampleComparison(options: {
  readonly images: number;
  readonly errorA: number;
  readonly errorB: number;
  readonly samples?: number;
  readonly seed?: number;
  readonly classNames?: readonly string[];
  /** Count Boundary IoU too (dilation ratio 0.1: 1 pixel on these 8 × 8 images). */
  readonly boundary?: boolean;
}): Comparison {
  const random = rng(options.seed ?? 7);
  const settings = {
    numClasses: 4,
    ignoreIndex: [255],
    perImage: true,
    ...(options.boundary === true ? { boundary: { dilationRatio: 0.1 } } : {}),
  };
  const a = new ConfusionMatrix(settings);
  const b = new ConfusionMatrix(settings);
  for (let i = 0; i < options.images; i++) {
    const gt = Uint8Array.from({ length: 64 }, () => (random() < 0.05 ? 255 : Math.floor(random() * 3)));
    const wrong = (error: number) =>
      gt.map((g) =>
        g !== 255 && random() < error ? (g + 1 + Math.floor(random() * 2)) % 3 : g === 255 ? 0 : g,
      );
    const sampleId = `img_${String(i).padStart(3, '0')}`;
    a.update(wrong(options.errorA), gt, { sampleId, width: 8, height: 8 });
    b.update(wrong(options.errorB), gt, { sampleId, width: 8, height: 8 });
  }
  return compareMatrices(a, b, {
    samples: options.samples ?? 200,
    seed: 0,
    classNames: [...(options.classNames ?? ['road', 'car', 'sky', 'train'])],
    topImages: 3,
  });
}
