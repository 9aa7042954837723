import { ConfusionMatrix } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { nothingCountedWarning } from './nothing-counted-warning.js';

describe('nothingCountedWarning', () => {
  it('warns when images were counted but every ground-truth pixel was ignored', () => {
    const matrix = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [255] });
    expect(nothingCountedWarning(matrix)).toBeNull();
    matrix.update(Uint8Array.of(0, 1), Uint8Array.of(255, 255));
    matrix.update(Uint8Array.of(2), Uint8Array.of(255));
    expect(nothingCountedWarning(matrix)).toBe(
      'no pixel was counted: the ground truth of every pixel of all 2 images is ignored (3 pixels), so every metric is undefined (a library that reports 0 for nothing, e.g. keras, says 0); check --ignore-index, --reduce-zero-label and the label mapping',
    );
    matrix.update(Uint8Array.of(255), Uint8Array.of(1));
    expect(nothingCountedWarning(matrix)).toBeNull();
  });
});
