import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { PAIR_HISTOGRAM_MIN_PIXELS, TRACK_ROWS_MIN_CLASSES } from './internal/count-image.js';

/*
 * Images counted one after the other reuse the counter's scratch histogram; after an image of the 8-bit
 * pair path only the rows it wrote are cleared and read. A sequence of images with different classes,
 * on every path (8-bit pairs, 16-bit, general, an image that throws), must count each image exactly as
 * a naive count of that image alone does.
 */

const IGNORE = 255;

/** Naive per-image statistics: tp, support (incl. predicted as ignored), predicted, ignored pixels. */
function naive(C: number, gt: ArrayLike<number>, pred: ArrayLike<number>) {
  const tp = new Array<number>(C).fill(0);
  const support = new Array<number>(C).fill(0);
  const predicted = new Array<number>(C).fill(0);
  let ignored = 0;
  for (let i = 0; i < gt.length; i++) {
    const g = gt[i]!;
    const p = pred[i]!;
    if (g === IGNORE) {
      ignored++;
      continue;
    }
    support[g]!++;
    if (p === IGNORE) continue;
    predicted[p]!++;
    if (p === g) tp[g]!++;
  }
  return { tp, support, predicted, ignored };
}

describe('ConfusionMatrix: consecutive images reuse the scratch histogram', () => {
  // Below and above the class count from which the pair path marks the rows it writes.
  it.each([40, TRACK_ROWS_MIN_CLASSES, 150])(
    '%i classes: every image of a long mixed sequence counts like a naive count of it alone',
    (C) => {
      const random = seededRandom(2024 + C);
      const matrix = new ConfusionMatrix({ numClasses: C, ignoreIndex: [IGNORE], perImage: true });
      const expected: ReturnType<typeof naive>[] = [];
      const totals = new Array<number>(C * C).fill(0);
      for (let i = 0; i < 40; i++) {
        const big = random() < 0.7;
        const n = big
          ? PAIR_HISTOGRAM_MIN_PIXELS + Math.floor(random() * 5000)
          : 1 + Math.floor(random() * 500);
        // A few classes per image (different ones each time), the ignore label, runs of one label.
        const classes = Array.from({ length: 1 + Math.floor(random() * 5) }, () => Math.floor(random() * C));
        if (random() < 0.5) classes.push(IGNORE);
        const gt: number[] = [];
        const pred: number[] = [];
        for (let k = 0; k < n; k++) {
          if (k > 0 && random() < 0.9) {
            gt.push(gt[k - 1]!);
            pred.push(pred[k - 1]!);
            continue;
          }
          gt.push(k === 0 ? classes[0]! : classes[Math.floor(random() * classes.length)]!);
          pred.push(random() < 0.8 ? gt[k]! : classes[Math.floor(random() * classes.length)]!);
        }
        const kind = random();
        const Type = kind < 0.6 ? Uint8Array : kind < 0.8 ? Uint16Array : Float64Array;
        if (random() < 0.1) {
          // An invalid label somewhere: the update throws and counts nothing.
          const bad = Type.from(pred);
          // On a counted pixel (a prediction where the ground truth is ignored is not checked).
          let at = Math.floor(random() * n);
          while (gt[at] === IGNORE) at = (at + 1) % n;
          bad[at] = C + 3;
          expect(() => matrix.update(bad, Type.from(gt), { sampleId: `bad${i}` })).toThrow();
        }
        matrix.update(Type.from(pred), Type.from(gt), { sampleId: `img${String(i).padStart(2, '0')}` });
        expected.push(naive(C, gt, pred));
        for (let k = 0; k < n; k++) {
          if (gt[k] !== IGNORE && pred[k] !== IGNORE) totals[gt[k]! * C + pred[k]!]!++;
        }
      }
      matrix.imageStats.forEach((stats, i) => {
        expect(Array.from(stats.tp), `tp ${i}`).toEqual(expected[i]!.tp);
        expect(Array.from(stats.support), `support ${i}`).toEqual(expected[i]!.support);
        expect(Array.from(stats.predicted), `predicted ${i}`).toEqual(expected[i]!.predicted);
        expect(stats.ignored, `ignored ${i}`).toBe(expected[i]!.ignored);
      });
      expect(Array.from(matrix.counts)).toEqual(totals);
    },
  );
});
