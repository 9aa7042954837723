import { ConfusionMatrix, type ConfusionMatrixOptions } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { comparePresets } from '../compare-presets.js';
import { diceMetric } from '../dice.js';
import { evaluate } from '../evaluate.js';
import { iouMetric } from '../iou.js';
import type { EvaluateOptions } from '../settings.js';
import { Engine, withImageValuesBlock } from './engine.js';
import { resolveOptions } from './resolve-options.js';

/**
 * `evaluate` computes per-image values a block of images at a time and keeps none of them: the block
 * size (down to one image per block, or a single block for every image, the computation before blocks)
 * must not change any number, under every way of reducing images and classes.
 */

/** A matrix of `images` random 12×10 images over `c` classes: clustered labels, absent classes, ignore 255. */
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
  for (let i = 0; i < images; i++) {
    // Each image uses a few of the classes, so that most are absent from it.
    const used = Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * c));
    const gt = new Uint8Array(width * height);
    const pred = new Uint8Array(width * height);
    for (let p = 0; p < gt.length; p++) {
      gt[p] = random() < 0.05 ? 255 : used[Math.floor((p % width) / 4) % used.length]!;
      const r = random();
      pred[p] = r < 0.7 ? gt[p]! : r < 0.75 ? 255 : Math.floor(random() * c);
      if (pred[p] === 255 && gt[p] === 255) pred[p] = used[0]!;
    }
    matrix.update(pred, gt, { width, height, sampleId: `img${String(i).padStart(3, '0')}` });
  }
  return matrix;
}

const BLOCKS = [1, 5, 37, 300, 1e12];

function sameForEveryBlock<T>(compute: () => T): void {
  const [first, ...rest] = BLOCKS.map((size) => withImageValuesBlock(size, compute));
  for (const [i, other] of rest.entries()) expect(other, `block ${BLOCKS[i + 1]}`).toEqual(first);
}

describe('per-image values computed by blocks', () => {
  const matrix = randomMatrix(11, 23, 61);
  const settings: EvaluateOptions[] = [];
  for (const imageReduce of ['per-image', 'per-class', 'pooled'] as const) {
    for (const average of ['macro', 'weighted', 'micro'] as const) {
      for (const absent of ['nan', 'zero', 'one'] as const) {
        settings.push({ aggregate: 'image', imageReduce, average, absent });
      }
    }
  }
  settings.push(
    { aggregate: 'image', imageReduce: 'per-image', excludeClasses: [0, 3], predictedOnly: 'skip' },
    { aggregate: 'image', imageReduce: 'pooled', excludeClasses: [1], predictedOnly: 'skip' },
    { aggregate: 'dataset' },
  );

  it.each(settings.map((s) => [JSON.stringify(s), s] as const))('evaluate %s', (_, options) => {
    sameForEveryBlock(() => evaluate(matrix, { ...options, perImage: true }));
  });

  it('every preset (comparePresets), including the imagewise ones', () => {
    sameForEveryBlock(() => comparePresets(matrix));
    const imagewise = comparePresets(matrix).filter((p) => p.summary !== null);
    expect(imagewise.length).toBeGreaterThan(5);
  });

  it('Boundary IoU per image, and units built one by one (an ignore label predicted, scikit-learn)', () => {
    const withBoundary = randomMatrix(5, 9, 40, { boundary: { dilationRatio: 0.1 } });
    sameForEveryBlock(() => evaluate(withBoundary, { aggregate: 'image', perImage: true }));
    sameForEveryBlock(() => evaluate(matrix, { preset: 'sklearn', perImage: true }));
  });

  it('accessors of several metrics asked in turn give each its own values (one scratch array)', () => {
    withImageValuesBlock(100, () => {
      const settings = resolveOptions(matrix.settings, { aggregate: 'image' }).settings;
      const expected = (metric: typeof iouMetric | typeof diceMetric) => {
        const at = new Engine(matrix, settings).imageValuesAt(metric);
        return matrix.imageStats.map((_, i) => Array.from(at(i)));
      };
      const [iou, dice] = [expected(iouMetric), expected(diceMetric)];
      const engine = new Engine(matrix, settings);
      const iouAt = engine.imageValuesAt(iouMetric);
      const diceAt = engine.imageValuesAt(diceMetric);
      // Backwards too, so that blocks change at every step.
      for (let i = matrix.images - 1; i >= 0; i--) {
        expect(Array.from(iouAt(i)), `iou ${i}`).toEqual(iou[i]);
        expect(Array.from(diceAt(i)), `dice ${i}`).toEqual(dice[i]);
      }
      expect(iou).not.toEqual(dice);
    });
  });

  it('per-image mIoU is the mean IoU of the classes in the image (naive reference)', () => {
    const report = evaluate(matrix, { perImage: true });
    for (const [i, image] of report.perImage!.entries()) {
      const s = matrix.imageStats[i]!;
      let sum = 0;
      let n = 0;
      for (let k = 0; k < 23; k++) {
        const union = s.support[k]! + s.predicted[k]! - s.tp[k]!;
        if (union > 0) {
          sum += s.tp[k]! / union;
          n++;
        }
      }
      expect(image.mIoU).toBeCloseTo(sum / n, 14);
    }
  });
});
