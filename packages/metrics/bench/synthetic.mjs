// Deterministic synthetic datasets for the bootstrap benchmark. ADE20K-like: 150 classes, each image
// showing 3–20 of them with Zipf-like frequencies; Cityscapes-like: 19 classes, most in every image.
// Images are small label maps counted by core's ConfusionMatrix with per-image statistics: the
// bootstrap's cost depends on images × classes present, not on pixels.
import { ConfusionMatrix } from '@segmetrics/core';

/** mulberry32: a small seeded generator for test data (not the bootstrap's generator). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A scene: a grid of rectangles of `count` classes (Zipf-like), a 2-pixel ignored (255) top strip. */
export function syntheticScene(random, numClasses, count, width, height) {
  const pick = () => Math.min(numClasses - 1, Math.floor(numClasses * random() ** 2.5));
  const classes = Array.from({ length: count }, pick);
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const cell = new Int32Array(width * height);
  const gt = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = Math.min(count - 1, Math.floor((y * rows) / height) * cols + Math.floor((x * cols) / width));
      cell[y * width + x] = c;
      gt[y * width + x] = y < 2 ? 255 : classes[c];
    }
  }
  return { numClasses, classes, cell, gt, width, height, pick };
}

/**
 * A model's prediction of a scene: borders shifted by up to 2 pixels, each rectangle confused with
 * another class with probability 1 − quality, and up to two 8×8 false-positive blobs.
 */
export function syntheticPrediction(scene, random, quality) {
  const { width, height, classes, cell, numClasses } = scene;
  const pick = () => Math.min(numClasses - 1, Math.floor(numClasses * random() ** 2.5));
  const shown = classes.map((c) => (random() < quality ? c : pick()));
  const dx = Math.floor(random() * 5) - 2;
  const pred = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(width - 1, Math.max(0, x + dx));
      pred[y * width + x] = shown[cell[y * width + sx]];
    }
  }
  const blobs = Math.floor(random() * 3);
  for (let b = 0; b < blobs; b++) {
    const c = pick();
    const x0 = Math.floor(random() * (width - 8));
    const y0 = Math.floor(random() * (height - 8));
    for (let y = y0; y < y0 + 8; y++) for (let x = x0; x < x0 + 8; x++) pred[y * width + x] = c;
  }
  return pred;
}

/**
 * Matrices of `images` synthetic scenes (sample ids `img_000000`, …), one per model quality in
 * `qualities`, all against the same ground truth. `classesPerImage(random)` gives each scene's count.
 */
export function syntheticMatrices({
  images,
  numClasses,
  classesPerImage,
  qualities,
  width = 48,
  height = 32,
}) {
  const matrices = qualities.map(() => new ConfusionMatrix({ numClasses, ignoreIndex: 255, perImage: true }));
  for (let i = 0; i < images; i++) {
    const random = mulberry32(0x9e3779b9 ^ (i * 2654435761));
    const scene = syntheticScene(random, numClasses, classesPerImage(random), width, height);
    const sampleId = `img_${String(i).padStart(6, '0')}`;
    qualities.forEach((quality, m) => {
      matrices[m].update(syntheticPrediction(scene, random, quality), scene.gt, { sampleId });
    });
  }
  return matrices;
}

/** 2,000 ADE20K-like images (150 classes, 3–20 per image) for two models. */
export const adeLike = (images = 2000) =>
  syntheticMatrices({
    images,
    numClasses: 150,
    classesPerImage: (r) => 3 + Math.floor(r() * 18),
    qualities: [0.8, 0.85],
  });

/** 500 Cityscapes-like images (19 classes, 10–19 per image) for two models. */
export const cityscapesLike = (images = 500) =>
  syntheticMatrices({
    images,
    numClasses: 19,
    classesPerImage: (r) => 10 + Math.floor(r() * 10),
    qualities: [0.8, 0.85],
  });
