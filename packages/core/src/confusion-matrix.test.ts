import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';

describe('ConfusionMatrix', () => {
  it('counts rows as ground truth and columns as prediction', () => {
    const cm = new ConfusionMatrix({ numClasses: 3 });
    cm.update(new Uint8Array([0, 1, 2, 2]), new Uint8Array([0, 1, 1, 2]));
    expect([...cm.counts]).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('tallies ignored ground truth and keeps predicted-as-ignore as a miss column', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    cm.update([255, 0, 1, 1], [0, 255, 1, 1]);
    expect(cm.ignoredPixels).toBe(1);
    expect([...cm.counts]).toEqual([0, 0, 0, 2]);
    expect([...cm.predictedIgnore]).toEqual([1, 0]);
  });

  it('leaves the matrix unchanged when an update throws', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    cm.update([0, 1], [0, 1]);
    let error: unknown;
    try {
      cm.update([0, 0, 1], [0, 1, 7], { width: 3, sampleId: 'a.png' });
    } catch (e) {
      error = e;
    }
    expect(SegmetricsError.isInstance(error, ErrorCode.LABEL_OUT_OF_RANGE)).toBe(true);
    expect((error as SegmetricsError).context).toMatchObject({
      side: 'groundTruth',
      value: 7,
      index: 2,
      x: 2,
      y: 0,
    });
    expect([...cm.counts]).toEqual([1, 0, 0, 1]);
    expect(cm.images).toBe(1);
  });
});
