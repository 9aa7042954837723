import { fromTotals } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricRegistry } from '../metric-registry.js';
import { stackedImageCounts, stackImageCounts } from './stacked-units.js';

/** Random per-image totals: TP ≤ support and TP ≤ predicted, some classes absent, some images empty. */
function randomImages(random: () => number, images: number, classes: number) {
  return Array.from({ length: images }, () => {
    const tp = new Float64Array(classes);
    const support = new Float64Array(classes);
    const predicted = new Float64Array(classes);
    for (let k = 0; k < classes; k++) {
      if (random() < 0.3) continue;
      tp[k] = Math.floor(random() * 50);
      support[k] = tp[k]! + Math.floor(random() * 20);
      predicted[k] = tp[k]! + Math.floor(random() * 20);
    }
    return { tp, support, predicted };
  });
}

describe('stackImageCounts', () => {
  it("gives each image exactly fromTotals' counts, and per-class metrics the same values per image (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const random = seededRandom(seed);
        const classes = 1 + Math.floor(random() * 6);
        const images = randomImages(random, Math.floor(random() * 6), classes);
        const stack = stackImageCounts(images, classes, -1);
        expect(stack.counts.numClasses).toBe(images.length * classes);
        const options = { zeroDivision: Number.NaN, beta: 2, tverskyAlpha: 0.3, tverskyBeta: 0.7 };
        images.forEach((image, i) => {
          const expected = fromTotals(image.tp, image.support, image.predicted);
          expect(stackedImageCounts(stack, i)).toEqual(expected);
        });
        // The contract the engine relies on: per-class metrics are elementwise, and write into `out`
        // (a longer scratch array, with stale values) when given one.
        for (const metric of metricRegistry) {
          if (metric.kind !== 'per-class') continue;
          const all = metric.compute(stack.counts, options);
          const scratch = new Float64Array(all.length + 3).fill(-7);
          const into = metric.compute(stack.counts, options, scratch);
          expect(Array.from(into), metric.id).toEqual(Array.from(all));
          expect(into.buffer, metric.id).toBe(scratch.buffer);
          expect(scratch[all.length], metric.id).toBe(-7);
          images.forEach((image, i) => {
            const one = metric.compute(fromTotals(image.tp, image.support, image.predicted), options);
            expect(Array.from(all.subarray(i * classes, (i + 1) * classes)), metric.id).toEqual(
              Array.from(one),
            );
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('adds the predictions of ignore labels to extraClass in the images that have some', () => {
    const images = [
      // 3 counted pixels predicted as an ignore label: support 10 + 5, predicted 8 + 4
      { tp: Float64Array.of(6, 2), support: Float64Array.of(10, 5), predicted: Float64Array.of(8, 4) },
      // none
      { tp: Float64Array.of(1, 1), support: Float64Array.of(2, 2), predicted: Float64Array.of(3, 1) },
    ];
    const stack = stackImageCounts(images, 2, 1);
    expect(Array.from(stackedImageCounts(stack, 0).predicted)).toEqual([8, 7]);
    expect(stackedImageCounts(stack, 0)).toEqual(
      fromTotals(images[0]!.tp, images[0]!.support, Float64Array.of(8, 7)),
    );
    expect(stackedImageCounts(stack, 1)).toEqual(
      fromTotals(images[1]!.tp, images[1]!.support, images[1]!.predicted),
    );
  });
});
