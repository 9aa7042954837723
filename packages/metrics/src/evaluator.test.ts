import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { Evaluator } from './evaluator.js';

const images: [string, number[], number[]][] = [
  ['a', [0, 0, 1, 0], [0, 0, 1, 1]],
  ['b', [0, 0, 0, 0], [0, 0, 0, 0]],
  ['c', [2, 1, 255, 2], [2, 2, 1, 255]],
  ['d', [1, 1, 2, 0], [1, 0, 2, 0]],
];

function fill(evaluator: Evaluator, order: number[]): Evaluator {
  for (const i of order) {
    const [id, pred, gt] = images[i]!;
    evaluator.update(pred, gt, { sampleId: id });
  }
  return evaluator;
}

describe('Evaluator', () => {
  it('computes exactly what evaluate computes on the same matrix', () => {
    const evaluator = fill(
      new Evaluator({ numClasses: 3, ignoreIndex: 255, aggregate: 'image' }),
      [0, 1, 2, 3],
    );
    const matrix = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true });
    for (const [id, pred, gt] of images) matrix.update(pred, gt, { sampleId: id });
    expect(evaluator.compute()).toEqual(evaluate(matrix, { aggregate: 'image' }));
    expect(evaluator.compute({ aggregate: 'dataset' })).toEqual(evaluate(matrix, { perImage: true }));
  });

  it('is bit-identical for any update order and for merged shards', () => {
    const options = {
      numClasses: 3,
      ignoreIndex: 255,
      aggregate: 'image' as const,
      imageReduce: 'pooled' as const,
    };
    const whole = fill(new Evaluator(options), [0, 1, 2, 3]).compute();
    const reversed = fill(new Evaluator(options), [3, 2, 1, 0]).compute();
    const merged = fill(new Evaluator(options), [2, 0])
      .merge(fill(new Evaluator(options), [3, 1]))
      .compute();
    expect(reversed).toEqual(whole);
    expect(merged).toEqual(whole);
  });

  it('round-trips through JSON text with identical results', () => {
    const evaluator = fill(
      new Evaluator({ numClasses: 3, ignoreIndex: 255, preset: 'torchmetrics-meaniou' }),
      [0, 1, 2],
    );
    const restored = Evaluator.fromJSON(JSON.parse(JSON.stringify(evaluator)));
    expect(restored.compute()).toEqual(evaluator.compute());
    expect(restored.options).toEqual({ preset: 'torchmetrics-meaniou' });
    fill(restored, [3]);
    fill(evaluator, [3]);
    expect(restored.compute()).toEqual(evaluator.compute());
  });

  it('keeps preset parameters and predictedOnly in its options and state', () => {
    const options = { preset: 'sklearn' as const, presetOptions: { labels: [0, 1], zero_division: 1 } };
    const evaluator = fill(new Evaluator({ numClasses: 3, ignoreIndex: 255, ...options }), [0, 1, 2]);
    const restored = Evaluator.fromJSON(JSON.parse(JSON.stringify(evaluator)));
    expect(restored.options).toEqual(options);
    expect(restored.compute()).toEqual(evaluator.compute());
    expect(restored.compute().settings.presetOptions).toMatchObject({ labels: [0, 1], zero_division: 1 });
    const skip = new Evaluator({ numClasses: 3, predictedOnly: 'skip' });
    expect(skip.options).toEqual({ predictedOnly: 'skip' });
  });

  it('keeps per-image statistics when the resolved aggregation is imagewise', () => {
    expect(new Evaluator({ numClasses: 3, preset: 'monai' }).matrix.settings.perImage).toBe(true);
    const global = { aggregation_level: 'global' };
    expect(
      new Evaluator({ numClasses: 3, preset: 'torchmetrics-dice', presetOptions: global }).matrix.settings
        .perImage,
    ).toBe(false);
    expect(new Evaluator({ numClasses: 3, preset: 'keras' }).matrix.settings.perImage).toBe(false);
  });

  it('rejects a malformed or tampered state with INVALID_STATE', () => {
    const state = fill(new Evaluator({ numClasses: 3, ignoreIndex: 255 }), [0]).toJSON();
    const invalid = (value: unknown) =>
      expect(() => Evaluator.fromJSON(value)).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_STATE }),
      );
    invalid(null);
    invalid({ ...state, kind: 'other' });
    invalid({ ...state, schemaVersion: 2 });
    invalid({ ...state, options: null });
    const tampered = JSON.parse(JSON.stringify(state));
    tampered.matrix.counts[0][0] += 1;
    invalid(tampered);
  });

  it('resets the counts but keeps settings and options', () => {
    const evaluator = fill(new Evaluator({ numClasses: 3, ignoreIndex: 255, absent: 'zero' }), [0, 1]);
    evaluator.reset();
    expect(evaluator.matrix.images).toBe(0);
    expect(evaluator.compute().settings.absent).toBe('zero');
    fill(evaluator, [0, 1]);
    expect(evaluator.compute().summary.mIoU).toBe(
      fill(new Evaluator({ numClasses: 3, absent: 'zero' }), [0, 1]).compute().summary.mIoU,
    );
  });

  it('keeps its counts when an update fails', () => {
    const evaluator = fill(new Evaluator({ numClasses: 3, ignoreIndex: 255 }), [0]);
    const before = evaluator.compute();
    expect(() => evaluator.update([0, 7], [0, 1], { sampleId: 'bad' })).toThrow(
      expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }),
    );
    expect(() => evaluator.update([0], [0], { sampleId: 'a' })).toThrow(
      expect.objectContaining({ code: ErrorCode.DUPLICATE_SAMPLE }),
    );
    expect(evaluator.compute()).toEqual(before);
  });

  it('validates options at construction', () => {
    expect(() => new Evaluator({ numClasses: 3, average: 'mean' as never })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => new Evaluator({ numClasses: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => new Evaluator({ numClasses: 3, aggregate: 'image', perImage: false })).toThrow(
      expect.objectContaining({ code: ErrorCode.PER_IMAGE_DISABLED }),
    );
    for (const preset of ['nope', 'constructor', '__proto__']) {
      expect(() => new Evaluator({ numClasses: 3, preset: preset as never })).toThrow(
        expect.objectContaining({ code: ErrorCode.UNKNOWN_PRESET }),
      );
    }
  });

  it('wraps an existing matrix with fromMatrix and copies with clone', () => {
    const matrix = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
    matrix.update([0, 1], [0, 1], { sampleId: 'x' });
    const evaluator = Evaluator.fromMatrix(matrix, { average: 'micro' });
    expect(evaluator.matrix).toBe(matrix);
    const copy = evaluator.clone();
    copy.update([1], [0], { sampleId: 'y' });
    expect(evaluator.compute().summary.mIoU).toBe(1);
    expect(copy.compute().summary.mIoU).toBeLessThan(1);
  });

  it('refuses to merge a matrix with different settings', () => {
    const evaluator = new Evaluator({ numClasses: 3 });
    expect(() => evaluator.merge(new Evaluator({ numClasses: 4 }))).toThrow(
      expect.objectContaining({ code: ErrorCode.INCOMPATIBLE_SETTINGS }),
    );
  });
});
