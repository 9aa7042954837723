import { checkSceneOptions } from './internal/check-options.js';
import { perturbScene } from './internal/perturb-scene.js';
import { createRandom, mixSeed } from './internal/prng.js';
import { speckle, warp } from './internal/rasterize.js';
import { buildScene, paintScene } from './internal/scene.js';

/** One generated image pair: row-major 8-bit label maps of `width × height` pixels. */
export interface RenderedScene {
  readonly width: number;
  readonly height: number;
  /** Ground truth: Cityscapes train ids 0–18 (never 16, `train`) and 255 for unlabeled pixels. */
  readonly gt: Uint8Array;
  /** Prediction: train ids 0–18 (never 16 and never 255) on every pixel. */
  readonly pred: Uint8Array;
}

/**
 * Renders one Cityscapes-like street scene and a plausible model prediction of it, deterministically:
 * the same `(seed, width, height)` gives the same bytes on every machine and Node version (a seeded
 * mulberry32 generator and only exactly-rounded arithmetic).
 *
 * The ground truth has a sky band, a skyline of buildings and trees, a road and sidewalks converging to
 * a vanishing point, grass, walls and fences, and objects sized by depth (cars, trucks, buses, people,
 * cyclists and motorcyclists, parked bikes, poles with signs and traffic lights), plus ignored (255)
 * regions: the ego vehicle's bonnet, sometimes a border, unlabeled street furniture. Class 16 (`train`)
 * never occurs. The prediction shifts boundaries by a few pixels, confuses similar classes (rider ↔
 * person, truck ↔ bus ↔ car, road ↔ sidewalk, terrain ↔ vegetation, wall ↔ fence ↔ building), misses
 * small objects, adds a few false positives and some speckle. Over a set of scenes the dataset mIoU is
 * typically 0.6–0.8.
 *
 * @param seed - an integer in [0, 2^32)
 * @param width - image width in pixels, an integer in [16, 16384]
 * @param height - image height in pixels, an integer in [16, 16384]; width × height at most 2^26
 * @throws SegmetricsError INVALID_OPTION for a seed or size outside these ranges
 */
export function renderScene(seed: number, width: number, height: number): RenderedScene {
  checkSceneOptions(seed, width, height);
  const scene = buildScene(createRandom(seed), width, height);
  const gt = paintScene(scene);
  const predictionRandom = createRandom(mixSeed(seed, 0x5eed));
  const painted = paintScene(perturbScene(predictionRandom, scene));
  const scale = width / 512;
  const pred = warp(painted, predictionRandom, Math.max(1, scale), Math.max(4, 24 * scale));
  speckle(pred, predictionRandom, Math.round((width * height) / 8000), Math.max(1, 1.5 * scale));
  return { width, height, gt: gt.data, pred: pred.data };
}
