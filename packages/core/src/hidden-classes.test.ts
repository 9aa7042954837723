import { sameHiddenClass } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import type { ConfusionMatrixOptions } from './types.js';

// Per-image statistics are kept for the whole run: each image's must share one hidden class (in Node 20's
// V8, `{ ...stats, ...extras }` gave each its own after a few dozen calls, allocated in old space). Thousands of
// images (the hidden classes part after a few dozen); the last two are compared.
const IMAGES = 4000;

function lastTwoStats(options: Omit<ConfusionMatrixOptions, 'perImage'>, withInstances = false) {
  const matrix = new ConfusionMatrix({ ...options, perImage: true });
  const gt = new Uint8Array([0, 1, 1, 0]);
  const pred = new Uint8Array([0, 1, 0, 0]);
  const instances = new Int32Array([0, 1001, 1001, 0]);
  for (let i = 0; i < IMAGES; i++) {
    matrix.update(pred, gt, {
      width: 2,
      height: 2,
      sampleId: `s${String(i).padStart(5, '0')}`,
      ...(withInstances ? { instances } : {}),
    });
  }
  const stats = matrix.imageStats;
  return { matrix, last: [stats[IMAGES - 2]!, stats[IMAGES - 1]!] as const };
}

describe('one hidden class for every image statistics object', () => {
  it('counted, plain, with Boundary IoU counts and with instances', () => {
    for (const [options, instances] of [
      [{ numClasses: 2 }, false],
      [{ numClasses: 2, boundary: { dilationRatio: 0.5 } }, false],
      [{ numClasses: 2, instances: { minInstanceId: 1000 } }, true],
    ] as const) {
      const { last } = lastTwoStats(options, instances);
      expect(sameHiddenClass(...last), JSON.stringify(options)).toBe(true);
    }
  });

  it('merged from another matrix (as each chunk of a run is)', () => {
    for (const [options, instances] of [
      [{ numClasses: 2, boundary: { dilationRatio: 0.5 } }, false],
      [{ numClasses: 2, instances: { minInstanceId: 1000 } }, true],
    ] as const) {
      const { matrix } = lastTwoStats(options, instances);
      const merged = new ConfusionMatrix({ ...options, perImage: true });
      merged.merge(matrix);
      const stats = merged.imageStats;
      expect(sameHiddenClass(stats[IMAGES - 2]!, stats[IMAGES - 1]!), JSON.stringify(options)).toBe(true);
    }
  });

  it('read back from a state', () => {
    for (const options of [{ numClasses: 2 }, { numClasses: 2, boundary: { dilationRatio: 0.5 } }]) {
      const { matrix } = lastTwoStats(options);
      const stats = ConfusionMatrix.fromJSON(matrix.toJSON()).imageStats;
      expect(sameHiddenClass(stats[IMAGES - 2]!, stats[IMAGES - 1]!), JSON.stringify(options)).toBe(true);
    }
  });
});
