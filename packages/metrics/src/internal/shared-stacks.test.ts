import { ConfusionMatrix } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { comparePresets } from '../compare-presets.js';
import { evaluate } from '../evaluate.js';
import { sharedStacks } from './shared-stacks.js';

function matrixOf(images: number[][][]): ConfusionMatrix {
  const matrix = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [255], perImage: true });
  images.forEach(([pred, gt], i) => {
    matrix.update(Uint8Array.from(pred!), Uint8Array.from(gt!), { sampleId: `s${i}` });
  });
  return matrix;
}

describe('sharedStacks', () => {
  it('is shared while the matrix stays the same, and new after any change', () => {
    const matrix = matrixOf([
      [
        [0, 1, 2],
        [0, 1, 1],
      ],
    ]);
    const first = sharedStacks(matrix);
    expect(sharedStacks(matrix)).toBe(first);
    matrix.update(Uint8Array.of(2), Uint8Array.of(2), { sampleId: 'z' });
    expect(sharedStacks(matrix)).not.toBe(first);
    expect(sharedStacks(matrixOf([[[0], [0]]]))).not.toBe(sharedStacks(matrixOf([[[0], [0]]])));
  });

  it('never gives an evaluation the stack of an earlier state of the matrix (update, merge, reset)', () => {
    const a = [
      [0, 1, 2, 2],
      [0, 1, 1, 2],
    ];
    const b = [
      [1, 1, 0, 255],
      [1, 0, 0, 2],
    ];
    const options = { aggregate: 'image', imageReduce: 'per-image', perImage: true } as const;
    const matrix = matrixOf([a]);
    // Stacks built for one image...
    evaluate(matrix, options);
    comparePresets(matrix);
    // ...then a second image, a merge and a reset: each result equals that of a fresh matrix.
    matrix.update(Uint8Array.from(b[0]!), Uint8Array.from(b[1]!), { sampleId: 's1' });
    expect(evaluate(matrix, options)).toEqual(evaluate(matrixOf([a, b]), options));
    expect(comparePresets(matrix)).toEqual(comparePresets(matrixOf([a, b])));
    const other = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [255], perImage: true });
    other.update(Uint8Array.of(2, 2), Uint8Array.of(2, 0), { sampleId: 's2' });
    const merged = matrixOf([a, b]).merge(other);
    matrix.merge(other);
    expect(comparePresets(matrix)).toEqual(comparePresets(merged));
    matrix.reset();
    matrix.update(Uint8Array.from(b[0]!), Uint8Array.from(b[1]!), { sampleId: 's0' });
    expect(evaluate(matrix, options)).toEqual(evaluate(matrixOf([b]), options));
    expect(comparePresets(matrix)).toEqual(comparePresets(matrixOf([b])));
  });
});
