import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../test/helpers.js';
import { evaluate } from './evaluate.js';
import { presets } from './presets.js';

const N = Number.NaN;
/** C = 3: class 0 IoU 2/3, class 1 IoU 1/2, class 2 absent everywhere. */
const matrix = () =>
  matrixOf({ numClasses: 3, perImage: true }, [
    [
      [0, 0, 1, 0],
      [0, 0, 1, 1],
    ],
  ]);

describe('presets', () => {
  it('names five presets, each fixing the three choices', () => {
    expect(Object.keys(presets).sort()).toEqual([
      'keras',
      'mmseg',
      'sklearn',
      'torchmetrics-jaccard',
      'torchmetrics-meaniou',
    ]);
    for (const [name, preset] of Object.entries(presets)) {
      expect(preset.name).toBe(name);
      expect(preset.imageReduce === null).toBe(preset.aggregate === 'dataset');
    }
  });

  it('records the preset and its quirks in the settings', () => {
    const report = evaluate(matrix(), { preset: 'torchmetrics-meaniou' });
    expect(report.settings).toMatchObject({
      preset: 'torchmetrics-meaniou',
      aggregate: 'image',
      imageReduce: 'pooled',
      quirks: { perClassAbsentValue: -1 },
    });
  });

  it('torchmetrics-jaccard shows absent classes as 0 per class but leaves them out of the macro mean', () => {
    const report = evaluate(matrix(), { preset: 'torchmetrics-jaccard' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, 0]);
    expect(report.summary.mIoU).toBeCloseTo(7 / 12, 15);
  });

  it('torchmetrics-jaccard gives 0 for a micro average over nothing', () => {
    const empty = new ConfusionMatrix({ numClasses: 2 });
    expect(evaluate(empty, { preset: 'torchmetrics-jaccard', average: 'micro' }).summary.mIoU).toBe(0);
  });

  it('torchmetrics-meaniou shows -1 for a class present in no image', () => {
    const report = evaluate(matrix(), { preset: 'torchmetrics-meaniou' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, -1]);
    expect(report.summary.mIoU).toBeCloseTo(7 / 12, 15);
  });

  it('sklearn counts 0/0 as zero_division (0 by default, or 1) in the macro mean', () => {
    expect(evaluate(matrix(), { preset: 'sklearn' }).summary.mIoU).toBeCloseTo(7 / 18, 15);
    expect(evaluate(matrix(), { preset: 'sklearn', absent: 'one' }).summary.mIoU).toBeCloseTo(13 / 18, 15);
  });

  it('keras averages the classes with a nonzero denominator, and gives 0 when there is none', () => {
    expect(evaluate(matrix(), { preset: 'keras' }).summary.mIoU).toBeCloseTo(7 / 12, 15);
    expect(evaluate(new ConfusionMatrix({ numClasses: 2 }), { preset: 'keras' }).summary.mIoU).toBe(0);
  });

  it('mmseg keeps NaN per class and computes the F-score from precision and recall', () => {
    const report = evaluate(matrix(), { preset: 'mmseg' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, N]);
    expect(report.perClass.map((c) => c.fscore)).toEqual([0.8, 2 / 3, N]);
  });

  it('throws UNKNOWN_PRESET for an unknown preset', () => {
    expect(() => evaluate(matrix(), { preset: 'detectron2' as never })).toThrow(
      expect.objectContaining({ code: ErrorCode.UNKNOWN_PRESET }),
    );
  });

  it('refuses to override a choice the preset fixes, and allows the ones it leaves open', () => {
    expect(() => evaluate(matrix(), { preset: 'mmseg', aggregate: 'image' })).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        context: expect.objectContaining({ option: 'aggregate' }),
      }),
    );
    expect(() => evaluate(matrix(), { preset: 'keras', absent: 'zero' })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => evaluate(matrix(), { preset: 'mmseg', average: 'micro' })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(evaluate(matrix(), { preset: 'mmseg', aggregate: 'dataset' }).settings.aggregate).toBe('dataset');
    expect(evaluate(matrix(), { preset: 'torchmetrics-jaccard', average: 'weighted' }).settings.average).toBe(
      'weighted',
    );
    expect(evaluate(matrix(), { preset: 'mmseg', absent: 0, beta: 2 }).settings).toMatchObject({
      absent: 0,
      beta: 2,
    });
  });
});

describe('the mmseg preset F-score', () => {
  it('reproduces mmseg skipping classes whose precision and recall are both 0 (two swapped classes give mFscore 1)', () => {
    // docs/semantics.md: gt [0,0,1,1,2], prediction [0,0,2,2,1]: classes 1 and 2 swapped everywhere.
    const swapped = new ConfusionMatrix({ numClasses: 3 }).update([0, 0, 2, 2, 1], [0, 0, 1, 1, 2]);
    const mmseg = evaluate(swapped, { preset: 'mmseg' });
    expect(mmseg.perClass.map((p) => p.fscore)).toEqual([1, N, N]);
    expect(mmseg.summary.mFscore).toBe(1);
    const ours = evaluate(swapped);
    expect(ours.perClass.map((p) => p.fscore)).toEqual([1, 0, 0]);
    expect(ours.summary.mFscore).toBeCloseTo(1 / 3, 15);
    expect(ours.summary.mFscore).toBe(ours.summary.mDice);
  });
});
