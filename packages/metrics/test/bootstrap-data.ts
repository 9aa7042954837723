// Small random datasets for the bootstrap tests: several models' predictions of the same images.
import { ConfusionMatrix, type ConfusionMatrixOptions } from '@segmetrics/core';
import type { TestImage } from './bootstrap-reference.js';

/** mulberry32, for test data only. */
export function testRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` images of `pixels` pixels over `numClasses` classes and ignore label 255, with `models`
 * predictions each. Images use a random subset of the classes (so classes are absent from some
 * images and some resamples), some pixels are ignored, a share `ignorePredictions` (3%) of the
 * predictions are the ignore label, one image in ten is entirely ignored, and the ids are random
 * (canonical order ≠ listing order).
 */
export function randomImages(
  seed: number,
  { count = 10, numClasses = 4, pixels = 24, models = 2, ignorePredictions = 0.03 } = {},
): TestImage[] {
  const random = testRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, (_, i) => {
    const classes = Array.from({ length: 1 + int(numClasses) }, () => int(numClasses));
    const empty = random() < 0.1;
    const gt = Array.from({ length: pixels }, () =>
      empty || random() < 0.1 ? 255 : classes[int(classes.length)]!,
    );
    const preds = Array.from({ length: models }, (_, m) => {
      const skill = 0.4 + 0.2 * m;
      return gt.map((g) => {
        const r = random();
        if (r < ignorePredictions) return 255;
        if (g !== 255 && r < skill + 0.03) return g;
        return random() < 0.5 ? classes[int(classes.length)]! : int(numClasses);
      });
    });
    return { id: `s${int(1e6).toString(36)}_${i}`, gt, preds };
  });
}

/** A matrix of model `model`'s predictions, counted in the listed order (per-image statistics on). */
export function matrixOfImages(
  options: ConfusionMatrixOptions,
  images: readonly TestImage[],
  model = 0,
): ConfusionMatrix {
  const matrix = new ConfusionMatrix({ ...options, perImage: true });
  for (const image of images) {
    matrix.update(image.preds[model]!, image.gt, {
      sampleId: image.id,
      ...(image.width === undefined ? {} : { width: image.width, height: image.gt.length / image.width }),
    });
  }
  return matrix;
}

/**
 * Presets whose numbers depend on counts per-image statistics do not keep when a prediction is an ignore
 * label: Keras drops such pixels from their ground-truth class's support, known per class for the whole
 * dataset only. The bootstrap refuses them on such data (tested on its own).
 */
export const NEEDS_DATASET_COUNTS: readonly string[] = ['keras'];

/**
 * Option sets covering every aggregation, reduction, averaging and absent policy, and every preset
 * (except {@link NEEDS_DATASET_COUNTS}, for data with predictions of ignore labels).
 */
export function optionSets(presetNames: readonly string[]): Record<string, unknown>[] {
  return [
    {},
    { absent: 'zero' },
    { average: 'micro' },
    { average: 'weighted', excludeClasses: [0] },
    { aggregate: 'image' },
    { aggregate: 'image', absent: 'one' },
    { aggregate: 'image', imageReduce: 'per-image' },
    { aggregate: 'image', imageReduce: 'pooled', average: 'weighted' },
    { aggregate: 'image', average: 'micro', absent: 0.25 },
    { aggregate: 'image', average: 'weighted', excludeClasses: [1] },
    { beta: 2, tverskyAlpha: 0.3, tverskyBeta: 0.7 },
    ...presetNames.filter((preset) => !NEEDS_DATASET_COUNTS.includes(preset)).map((preset) => ({ preset })),
  ];
}
