import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { droppedPerImageWarning } from './dropped-per-image-warning.js';

/** One 8-pixel image: road (class 0) has 4 pixels, one predicted as car and one as 255. */
function matrix(): ConfusionMatrix {
  const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true });
  m.update([0, 0, 1, 255, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 2, 2], { sampleId: 'x' });
  return m;
}

describe('droppedPerImageWarning', () => {
  it('names the preset, the dropped pixels and the outputs that show per-image values', () => {
    const evaluation = evaluate(matrix(), { preset: 'keras', perImage: true });
    // the one image's own mIoU differs from the summary over that same image: what the warning says
    expect(evaluation.perImage![0]!.mIoU).not.toBe(evaluation.summary.mIoU);
    expect(droppedPerImageWarning(evaluation, ['--per-image', 'the report’s worst images'])).toBe(
      '--preset keras drops 1 pixel predicted as an ignore label from the summary, but the per-image values (--per-image, the report’s worst images) count them as misses of their ground-truth class: per image, the class of a dropped pixel is not kept',
    );
  });

  it('is silent when nothing is dropped or nothing shows per-image values', () => {
    expect(droppedPerImageWarning(evaluate(matrix(), { perImage: true }), ['--per-image'])).toBeNull();
    expect(droppedPerImageWarning(evaluate(matrix(), { preset: 'keras' }), [])).toBeNull();
  });
});
