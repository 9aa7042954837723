import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { matrixOf } from '../test/helpers.js';
import { evaluate } from './evaluate.js';

const N = Number.NaN;
const perfect = (rows: number[][]) => rows.map((r) => [r, r] as const);

/** The docs' dataset: C = 2, image A gt [0,0,1,1] pred [0,0,1,0], image B gt = pred = all 0. */
const docsExample = () =>
  matrixOf({ numClasses: 2, perImage: true }, [
    [
      [0, 0, 1, 0],
      [0, 0, 1, 1],
    ],
    [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
  ]);

describe('evaluate', () => {
  it('report example 1: a class absent everywhere is NaN and left out of mIoU', () => {
    const report = evaluate(
      matrixOf(
        { numClasses: 3, perImage: true },
        perfect([
          [0, 1],
          [1, 0],
        ]),
      ),
    );
    expect(report.perClass.map((c) => c.iou)).toEqual([1, 1, N]);
    expect(report.summary.mIoU).toBe(1);
    expect(report.absentClasses).toEqual([2]);
    expect(report.predictedOnlyClasses).toEqual([]);
  });

  it('report example 2: dataset aggregation scores the perfect prediction 1 for every class', () => {
    const matrix = matrixOf(
      { numClasses: 3, perImage: true },
      perfect([
        [0, 1],
        [1, 0],
        [2, 2],
      ]),
    );
    const report = evaluate(matrix);
    expect(report.perClass.map((c) => c.iou)).toEqual([1, 1, 1]);
    expect(report.summary.mIoU).toBe(1);
  });

  it('report example 2: image aggregation with absent = 0 reproduces the reported 0.667 / 0.333 bug on purpose', () => {
    const matrix = matrixOf(
      { numClasses: 3, perImage: true },
      perfect([
        [0, 1],
        [1, 0],
        [2, 2],
      ]),
    );
    const report = evaluate(matrix, { aggregate: 'image', absent: 'zero' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 2 / 3, 1 / 3]);
    expect(report.summary.mIoU).toBeCloseTo(5 / 9, 15);
    // With the default absent policy the same aggregation is honest again.
    expect(evaluate(matrix, { aggregate: 'image' }).perClass.map((c) => c.iou)).toEqual([1, 1, 1]);
  });

  it("the docs' example gives four different mIoUs: 0.679, 0.722, 0.792, 0.778", () => {
    const matrix = docsExample();
    expect(evaluate(matrix).summary.mIoU).toBeCloseTo((6 / 7 + 1 / 2) / 2, 15); // 0.679
    expect(evaluate(matrix, { aggregate: 'image', imageReduce: 'pooled' }).summary.mIoU).toBeCloseTo(
      (2 / 3 + 1 / 2 + 1) / 3,
      15,
    ); // 0.722
    expect(evaluate(matrix, { aggregate: 'image', imageReduce: 'per-image' }).summary.mIoU).toBeCloseTo(
      ((2 / 3 + 1 / 2) / 2 + 1) / 2,
      15,
    ); // 0.792
    expect(evaluate(matrix, { average: 'micro' }).summary.mIoU).toBeCloseTo(7 / 9, 15); // 0.778
    expect(evaluate(matrix, { aggregate: 'image', imageReduce: 'per-class' }).summary.mIoU).toBeCloseTo(
      ((2 / 3 + 1) / 2 + 1 / 2) / 2,
      15,
    );
    expect(
      evaluate(matrix, { aggregate: 'image', imageReduce: 'per-image', absent: 'zero' }).summary.mIoU,
    ).toBeCloseTo(((2 / 3 + 1 / 2) / 2 + (1 + 0) / 2) / 2, 15); // 0.542
  });

  it('records every setting, the matrix conventions and the package version', () => {
    const matrix = matrixOf({ numClasses: 3, ignoreIndex: [255, 0], labelMapping: { table: { 7: 1 } } }, [
      [
        [1, 2],
        [1, 2],
      ],
    ]);
    const report = evaluate(matrix, { excludeClasses: [2, 2], classNames: ['bg', 'road', 'car'] });
    expect(report.settings).toEqual({
      preset: null,
      aggregate: 'dataset',
      imageReduce: null,
      average: 'macro',
      absent: 'nan',
      predictedOnly: 'score',
      presetOptions: null,
      beta: 1,
      tverskyAlpha: 0.5,
      tverskyBeta: 0.5,
      excludeClasses: [2],
      classNames: ['bg', 'road', 'car'],
      numClasses: 3,
      ignoreIndex: [0, 255],
      labelMapping: { table: [[7, 1]], reduceZeroLabel: false, applyTo: 'both', unmapped: 'pass' },
      quirks: {
        perClassAbsentValue: null,
        emptyMeanValue: null,
        microZeroDivision: null,
        fscoreFrom: 'counts',
        inRangeIgnorePredictions: 'miss',
        outOfRangeIgnorePredictions: 'miss',
        absentClassesSkipped: false,
        weightedWithoutSupport: 'empty',
        microClassWeights: 'none',
        binaryPositiveLabel: null,
        fwIoUWithoutSupport: null,
      },
    });
    expect(report.version).toBe(pkg.version);
    expect(report.perClass[1]).toMatchObject({ id: 1, name: 'road', iou: 1, tp: 1, fp: 0, fn: 0 });
  });

  it('lists absent and predicted-only classes separately; a predicted-only class scores 0 and counts', () => {
    const matrix = matrixOf({ numClasses: 4 }, [
      [
        [0, 1, 2],
        [0, 1, 1],
      ],
    ]);
    const report = evaluate(matrix);
    expect(report.absentClasses).toEqual([3]);
    expect(report.predictedOnlyClasses).toEqual([2]);
    expect(report.perClass.map((c) => c.iou)).toEqual([1, 0.5, 0, N]);
    expect(report.summary.mIoU).toBe(0.5);
  });

  it("predictedOnly: 'skip' leaves a class predicted but not in a unit's ground truth out of that unit", () => {
    // gt [0, 0, 1, 1], pred [0, 2, 1, 1]: class 2 is predicted only.
    const matrix = matrixOf({ numClasses: 3 }, [
      [
        [0, 2, 1, 1],
        [0, 0, 1, 1],
      ],
    ]);
    const skip = evaluate(matrix, { predictedOnly: 'skip' });
    expect(skip.settings.predictedOnly).toBe('skip');
    expect(skip.perClass.map((c) => c.iou)).toEqual([0.5, 1, N]);
    expect(skip.perClass.map((c) => c.precision)).toEqual([1, 1, N]);
    expect(skip.perClass[2]).toMatchObject({ predicted: 1, support: 0, fp: 1 });
    expect(skip.predictedOnlyClasses).toEqual([2]);
    expect(skip.summary.mIoU).toBe(0.75);
    // micro pools classes 0 and 1 only: 3 / (3 + 0 + 1); pixel-level figures do not change.
    expect(evaluate(matrix, { predictedOnly: 'skip', average: 'micro' }).summary.mIoU).toBe(0.75);
    expect(evaluate(matrix, { average: 'micro' }).summary.mIoU).toBe(0.6);
    expect(skip.summary.aAcc).toBe(evaluate(matrix).summary.aAcc);
    expect(evaluate(matrix).summary.mIoU).toBe(0.5);
  });

  it("predictedOnly: 'skip' decides per image under image aggregation", () => {
    // a: class 1 predicted only (skipped); b: class 1 in the ground truth, IoU 1/2.
    const matrix = matrixOf({ numClasses: 2, perImage: true }, [
      [
        [0, 1],
        [0, 0],
      ],
      [
        [1, 0],
        [1, 1],
      ],
    ]);
    const report = evaluate(matrix, { aggregate: 'image', predictedOnly: 'skip' });
    expect(report.perClass.map((c) => c.iou)).toEqual([0.5, 0.5]);
    expect(report.perImage?.map((i) => i.mIoU)).toEqual([0.5, 0.5]);
    expect(evaluate(matrix, { aggregate: 'image' }).perClass.map((c) => c.iou)).toEqual([0.25, 0.25]);
  });

  it('leaves excluded classes out of class means but keeps their per-class values', () => {
    const matrix = matrixOf({ numClasses: 3 }, [
      [
        [0, 0, 1, 2],
        [0, 1, 1, 2],
      ],
    ]);
    const all = evaluate(matrix);
    const withoutBackground = evaluate(matrix, { excludeClasses: [0] });
    expect(withoutBackground.perClass.map((c) => c.iou)).toEqual(all.perClass.map((c) => c.iou));
    expect(withoutBackground.summary.mIoU).toBe((0.5 + 1) / 2);
    expect(withoutBackground.summary.aAcc).toBe(all.summary.aAcc);
    // micro pools the included classes only: class 1 TP 1, FN 1; class 2 TP 1 → 2 / 3.
    expect(evaluate(matrix, { excludeClasses: [0], average: 'micro' }).summary.mIoU).toBe(2 / 3);
  });

  it('weights class means by ground-truth support with average: weighted (= fwIoU for IoU)', () => {
    const report = evaluate(docsExample(), { average: 'weighted' });
    expect(report.summary.mIoU).toBeCloseTo((6 * (6 / 7) + 2 * 0.5) / 8, 15);
    expect(report.summary.mIoU).toBe(report.summary.fwIoU);
  });

  it("average: 'none' keeps per-class values and leaves class means NaN", () => {
    const report = evaluate(docsExample(), { average: 'none' });
    expect(report.summary.mIoU).toBeNaN();
    expect(report.perClass.map((c) => c.iou)).toEqual([6 / 7, 0.5]);
    expect(report.summary.aAcc).toBe(7 / 8);
  });

  it('absent: a number replaces every 0/0 and is counted in the means', () => {
    const matrix = matrixOf({ numClasses: 3 }, perfect([[0, 1]]));
    expect(evaluate(matrix, { absent: 'one' }).summary.mIoU).toBe(1);
    expect(evaluate(matrix, { absent: 0.5 }).perClass[2]!.iou).toBe(0.5);
    expect(evaluate(matrix, { absent: 0.5 }).summary.mIoU).toBeCloseTo(2.5 / 3, 15);
    expect(evaluate(matrix, { absent: Number.NaN }).settings.absent).toBe('nan');
  });

  it('computes summaries of an empty matrix as 0/0 without throwing', () => {
    const report = evaluate(new ConfusionMatrix({ numClasses: 2 }));
    expect(report.summary.mIoU).toBeNaN();
    expect(report.summary.aAcc).toBeNaN();
    expect(report.summary.kappa).toBeNaN();
    expect(report.absentClasses).toEqual([0, 1]);
    expect(report.images).toBe(0);
    expect(report.perImage).toBeUndefined();
    expect(evaluate(new ConfusionMatrix({ numClasses: 2 }), { absent: 'zero' }).summary.mIoU).toBe(0);
  });

  it('reports images, counted and ignored pixels, and the most confused pairs', () => {
    const matrix = matrixOf({ numClasses: 3, ignoreIndex: 255 }, [
      [
        [1, 1, 2, 0, 0],
        [0, 0, 0, 1, 255],
      ],
    ]);
    const report = evaluate(matrix, { topConfusedPairs: 1 });
    expect(report.images).toBe(1);
    expect(report.pixels).toBe(4);
    expect(report.ignoredPixels).toBe(1);
    expect(report.droppedPixels).toBe(0);
    expect(report.confusedPairs).toEqual([
      { gt: 0, gtName: '0', pred: 1, predName: '1', count: 2, shareOfGt: 2 / 3 },
    ]);
  });

  describe('a convention that drops pixels predicted as an ignore label (Keras)', () => {
    // One 8-pixel image, 3 classes, ignore 255: class 0 has 4 pixels, one predicted as 1 and one as 255.
    // Keras 3 discards a prediction outside [0, num_classes) before building its confusion matrix
    // (keras/src/metrics/iou_metrics.py; test_out_of_range_y_pred_ignored), so its matrix row 0 is
    // [2, 1, 0]: support 3, and class 0 → 1 is 1/3 of it.
    const matrix = () =>
      matrixOf({ numClasses: 3, ignoreIndex: 255 }, [
        [
          [0, 0, 1, 255, 1, 1, 2, 2],
          [0, 0, 0, 0, 1, 1, 2, 2],
        ],
      ]);

    it('reports the dropped pixels apart, so that counted + ignored + dropped is every pixel', () => {
      const report = evaluate(matrix(), { preset: 'keras' });
      expect(report.perClass.map((c) => c.support)).toEqual([3, 2, 2]);
      expect(report.pixels).toBe(7);
      expect(report.ignoredPixels).toBe(0);
      expect(report.droppedPixels).toBe(1);
      expect(report.pixels + report.ignoredPixels + report.droppedPixels).toBe(8);
    });

    it("gives confused pairs' shares of the supports the per-class results show", () => {
      const report = evaluate(matrix(), { preset: 'keras' });
      expect(report.confusedPairs).toEqual([
        { gt: 0, gtName: '0', pred: 1, predName: '1', count: 1, shareOfGt: 1 / 3 },
      ]);
      expect(report.confusedPairs[0]!.shareOfGt).toBe(
        report.confusedPairs[0]!.count / report.perClass[0]!.support,
      );
    });

    it('drops nothing under the conventions that count such a pixel as a miss or as another label', () => {
      for (const preset of [undefined, 'mmseg', 'sklearn'] as const) {
        const report = evaluate(matrix(), preset === undefined ? {} : { preset });
        expect(report.perClass[0]!.support).toBe(4);
        expect(report.pixels).toBe(8);
        expect(report.droppedPixels).toBe(0);
        expect(report.confusedPairs[0]!.shareOfGt).toBe(1 / 4);
      }
    });
  });

  it('returns per-image results in sample-id order when the matrix keeps per-image statistics', () => {
    const report = evaluate(docsExample());
    expect(report.perImage?.map((i) => i.sampleId)).toEqual(['img_000', 'img_001']);
    expect(report.perImage?.[0]).toMatchObject({ mIoU: (2 / 3 + 1 / 2) / 2, pixels: 4, presentClasses: 2 });
    expect(report.perImage?.[1]).toMatchObject({
      mIoU: 1,
      aAcc: 1,
      presentClasses: 1,
      predictedOnlyClasses: [],
    });
    expect(evaluate(docsExample(), { perImage: false }).perImage).toBeUndefined();
  });

  it('gives bit-identical results for any image order', () => {
    const images: [number[], number[]][] = [];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 5;
    };
    for (let i = 0; i < 12; i++) {
      images.push([Array.from({ length: 40 }, next), Array.from({ length: 40 }, next)]);
    }
    const build = (order: number[]) => {
      const matrix = new ConfusionMatrix({ numClasses: 5, perImage: true });
      for (const i of order)
        matrix.update(images[i]![0], images[i]![1], { sampleId: `s${String(i).padStart(2, '0')}` });
      return matrix;
    };
    const forward = build([...images.keys()]);
    const shuffled = build([5, 11, 0, 3, 9, 1, 7, 2, 10, 4, 8, 6]);
    for (const imageReduce of ['per-class', 'per-image', 'pooled'] as const) {
      const a = evaluate(forward, { aggregate: 'image', imageReduce, average: 'weighted' });
      const b = evaluate(shuffled, { aggregate: 'image', imageReduce, average: 'weighted' });
      expect(b.summary).toEqual(a.summary);
      expect(b.perClass).toEqual(a.perClass);
      expect(b.perImage).toEqual(a.perImage);
    }
  });

  it('throws PER_IMAGE_DISABLED for image aggregation or perImage results without per-image statistics', () => {
    const matrix = matrixOf({ numClasses: 2 }, perfect([[0, 1]]));
    expect(() => evaluate(matrix, { aggregate: 'image' })).toThrow(
      expect.objectContaining({ code: ErrorCode.PER_IMAGE_DISABLED }),
    );
    expect(() => evaluate(matrix, { perImage: true })).toThrow(
      expect.objectContaining({ code: ErrorCode.PER_IMAGE_DISABLED }),
    );
  });

  it('rejects invalid options with INVALID_OPTION naming the option', () => {
    const matrix = matrixOf({ numClasses: 2, perImage: true }, perfect([[0, 1]]));
    const bad: [object, string][] = [
      [{ aggregate: 'images' }, 'aggregate'],
      [{ aggregate: 'image', imageReduce: 'mean' }, 'imageReduce'],
      [{ imageReduce: 'pooled' }, 'imageReduce'],
      [{ average: 'samples' }, 'average'],
      [{ absent: 'ignore' }, 'absent'],
      [{ excludeClasses: [2] }, 'excludeClasses'],
      [{ excludeClasses: [0.5] }, 'excludeClasses'],
      [{ classNames: ['a'] }, 'classNames'],
      [{ beta: 0 }, 'beta'],
      [{ tverskyAlpha: -1 }, 'tverskyAlpha'],
      [{ topConfusedPairs: -1 }, 'topConfusedPairs'],
      [{ predictedOnly: 'ignore' }, 'predictedOnly'],
      [{ presetOptions: {} }, 'presetOptions'],
    ];
    for (const [options, option] of bad) {
      expect(() => evaluate(matrix, options as never), option).toThrow(
        expect.objectContaining({
          code: ErrorCode.INVALID_OPTION,
          context: expect.objectContaining({ option }),
        }),
      );
    }
  });
});

describe('evaluate perImage classIoU', () => {
  it('lists the classes present in each image, lowest IoU first, leaving out absent and excluded classes', () => {
    // image a: gt [0,0,1,1] pred [0,0,1,0] → class 0 IoU 2/3, class 1 IoU 1/2; class 2 absent
    // image b: gt [2,2,2,2] pred [2,2,0,1] → class 2 IoU 1/2, classes 0 and 1 predicted only (IoU 0)
    const matrix = matrixOf({ numClasses: 3, perImage: true }, [
      [
        [0, 0, 1, 0],
        [0, 0, 1, 1],
      ],
      [
        [2, 2, 0, 1],
        [2, 2, 2, 2],
      ],
    ]);
    const [a, b] = evaluate(matrix).perImage ?? [];
    expect(a?.classIoU).toEqual([
      { id: 1, iou: 0.5 },
      { id: 0, iou: 2 / 3 },
    ]);
    expect(b?.classIoU).toEqual([
      { id: 0, iou: 0 },
      { id: 1, iou: 0 },
      { id: 2, iou: 0.5 },
    ]);
    const excluded = evaluate(matrix, { excludeClasses: [0] }).perImage ?? [];
    expect(excluded[1]?.classIoU.map((c) => c.id)).toEqual([1, 2]);
  });
});
