/**
 * Parity with the libraries that produced `shared/fixtures/parity/<name>/expected.json` (see that
 * folder's README): mmsegmentation IoUMetric formulas and scikit-learn in float64 (1e-9), torchmetrics
 * 1.9.0 in float32 (1e-6), and the imagewise reductions (1e-9).
 */
import { ConfusionMatrix, type ConfusionMatrixOptions } from '@segmetrics/core';
import {
  expectAllClose,
  expectClose,
  FLOAT32_TOLERANCE,
  FLOAT64_TOLERANCE,
  listParityFixtures,
  loadParityFixture,
  type ParityExpected,
  type ReferenceValue,
} from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type EvaluateOptions,
  type EvaluationReport,
  Evaluator,
  evaluate,
  type PerClassMetricId,
} from '../src/index.js';

/** Matrix options from a fixture's CLI flags (`--num-classes`, `--ignore-index`, `--reduce-zero-label`). */
function matrixOptions(expected: ParityExpected): ConfusionMatrixOptions {
  const flags = expected.flags.split(/\s+/);
  const value = (flag: string) => {
    const i = flags.indexOf(flag);
    return i < 0 ? undefined : Number(flags[i + 1]);
  };
  const numClasses = value('--num-classes') ?? expected.numClasses;
  const reduceZeroLabel = flags.includes('--reduce-zero-label');
  // mmsegmentation's reduce_zero_label maps 0 → 255 (ignored) and k → k − 1: 255 is implied.
  const ignoreIndex = value('--ignore-index') ?? (reduceZeroLabel ? 255 : undefined);
  expect(numClasses).toBe(expected.numClasses);
  expect(ignoreIndex ?? null).toBe(expected.ignoreIndex);
  return {
    numClasses,
    perImage: true,
    ...(ignoreIndex === undefined ? {} : { ignoreIndex }),
    ...(reduceZeroLabel ? { labelMapping: { reduceZeroLabel: true } } : {}),
  };
}

function numbers(value: unknown): readonly ReferenceValue[] {
  expect(Array.isArray(value)).toBe(true);
  return value as ReferenceValue[];
}

function number(value: unknown): ReferenceValue {
  expect(typeof value === 'number' || value === null).toBe(true);
  return value as ReferenceValue;
}

function column(report: EvaluationReport, id: PerClassMetricId): number[] {
  return report.perClass.map((entry) => entry[id]);
}

const names = listParityFixtures();

describe('parity fixtures', () => {
  it('finds every shared fixture', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'ade_like_reduce_zero',
        'cityscapes_like',
        'imagewise_absent',
        'pred_holds_ignore',
        'report_example_1',
        'report_example_2',
        'sixteen_bit_300',
        'voc_like_palette',
      ]),
    );
  });
});

describe.each(names)('parity: %s', (name) => {
  const fixture = loadParityFixture(name);
  const { expected } = fixture;
  const ref = expected.reference;
  const matrix = new ConfusionMatrix(matrixOptions(expected));
  for (const pair of fixture.pairs) {
    matrix.update(pair.pred, pair.gt, { width: pair.width, height: pair.height, sampleId: pair.id });
  }
  const run = (options: EvaluateOptions) => evaluate(matrix, options);

  it('counts every image of the fixture', () => {
    expect(matrix.images).toBe(expected.images);
  });

  it("the 'mmseg' preset reproduces mmsegmentation IoUMetric per class and its means (1e-9)", () => {
    const mm = ref.mmseg;
    const report = run({ preset: 'mmseg' });
    expectAllClose(column(report, 'iou'), numbers(mm.IoU), FLOAT64_TOLERANCE, 'IoU');
    expectAllClose(column(report, 'recall'), numbers(mm.Acc), FLOAT64_TOLERANCE, 'Acc');
    expectAllClose(column(report, 'dice'), numbers(mm.Dice), FLOAT64_TOLERANCE, 'Dice');
    expectAllClose(column(report, 'precision'), numbers(mm.Precision), FLOAT64_TOLERANCE, 'Precision');
    expectAllClose(column(report, 'recall'), numbers(mm.Recall), FLOAT64_TOLERANCE, 'Recall');
    expectAllClose(column(report, 'fscore'), numbers(mm.Fscore), FLOAT64_TOLERANCE, 'Fscore');
    const s = report.summary;
    expectClose(s.aAcc, number(mm.aAcc), FLOAT64_TOLERANCE, 'aAcc');
    expectClose(s.mIoU, number(mm.mIoU), FLOAT64_TOLERANCE, 'mIoU');
    expectClose(s.mAcc, number(mm.mAcc), FLOAT64_TOLERANCE, 'mAcc');
    expectClose(s.mDice, number(mm.mDice), FLOAT64_TOLERANCE, 'mDice');
    expectClose(s.mFscore, number(mm.mFscore), FLOAT64_TOLERANCE, 'mFscore');
    expectClose(s.fwIoU, number(mm.fwIoU), FLOAT64_TOLERANCE, 'fwIoU');
    expect(report.settings.preset).toBe('mmseg');
  });

  it("the defaults give mmsegmentation's dataset numbers, with a count-based F-score equal to Dice", () => {
    const mm = ref.mmseg;
    const report = run({});
    expectAllClose(column(report, 'iou'), numbers(mm.IoU), FLOAT64_TOLERANCE, 'IoU');
    expectAllClose(column(report, 'recall'), numbers(mm.Acc), FLOAT64_TOLERANCE, 'Acc');
    expectAllClose(column(report, 'dice'), numbers(mm.Dice), FLOAT64_TOLERANCE, 'Dice');
    expectAllClose(column(report, 'precision'), numbers(mm.Precision), FLOAT64_TOLERANCE, 'Precision');
    expect(column(report, 'fscore')).toEqual(column(report, 'dice'));
    for (const id of ['aAcc', 'mIoU', 'mAcc', 'mDice', 'fwIoU'] as const) {
      expectClose(report.summary[id], number(mm[id]), FLOAT64_TOLERANCE, id);
    }
    expect(report.summary.mFscore).toBe(report.summary.mDice);
  });

  it("mmseg's nan_to_num (absent: number) replaces every NaN before the means", () => {
    const report = run({ preset: 'mmseg', absent: 0 });
    const iouRef = numbers(ref.mmseg.IoU).map((v) => v ?? 0);
    expectAllClose(column(report, 'iou'), iouRef, FLOAT64_TOLERANCE, 'IoU');
    expectClose(report.summary.mIoU, iouRef.reduce<number>((a, b) => a + (b ?? 0), 0) / iouRef.length);
    const fRef = numbers(ref.mmseg.Fscore).map((v) => v ?? 0);
    expectAllClose(column(report, 'fscore'), fRef, FLOAT64_TOLERANCE, 'Fscore');
  });

  it("the 'sklearn' preset with labels=range(C) reproduces confusion_matrix exactly and jaccard_score (1e-9)", () => {
    const sk = ref.sklearn;
    const c = expected.numClasses;
    // The fixtures' jaccard_score calls list every class (labels=range(C)): absent classes score 0.
    const sklearn = (average: EvaluateOptions['average']) =>
      run({ preset: 'sklearn', average, presetOptions: { labels: Array.from({ length: c }, (_, k) => k) } });
    const cm = sk.confusionMatrix as number[][];
    // scikit-learn drops pixels predicted as an ignore label: they are our predictedIgnore column.
    expect(
      Array.from({ length: c }, (_, g) => Array.from(matrix.counts.subarray(g * c, (g + 1) * c))),
    ).toEqual(cm);
    expectAllClose(
      column(sklearn('none'), 'iou'),
      numbers(sk.jaccard_none_zero0),
      FLOAT64_TOLERANCE,
      'jaccard none',
    );
    expectClose(sklearn('micro').summary.mIoU, number(sk.jaccard_micro));
    expectClose(sklearn('weighted').summary.mIoU, number(sk.jaccard_weighted));
    // average='macro' is the mean of the zero_division=0 per-class values over every class.
    const perClass = numbers(sk.jaccard_none_zero0);
    expectClose(
      sklearn('macro').summary.mIoU,
      perClass.reduce<number>((a, b) => a + (b ?? 0), 0) / perClass.length,
    );
  });

  it("the 'keras' preset gives the mean over classes with a nonzero denominator, dropping pixels predicted out of range", () => {
    // Keras 3 drops a pixel whose prediction is outside [0, C) (here: an ignore label such as 255).
    const c = expected.numClasses;
    const counts = matrix.counts;
    const ious: number[] = [];
    for (let k = 0; k < c; k++) {
      let support = 0;
      let predicted = 0;
      for (let j = 0; j < c; j++) {
        support += counts[k * c + j]!;
        predicted += counts[j * c + k]!;
      }
      const union = support + predicted - counts[k * c + k]!;
      if (union > 0) ious.push(counts[k * c + k]! / union);
    }
    const naive = ious.reduce((a, b) => a + b, 0) / ious.length;
    expectClose(run({ preset: 'keras' }).summary.mIoU, naive, FLOAT64_TOLERANCE, 'mIoU');
    if (Array.from(matrix.predictedIgnore).every((v) => v === 0)) {
      expectClose(naive, number(ref.mmseg.mIoU), FLOAT64_TOLERANCE, 'mmseg mIoU');
    }
  });

  const tm = ref.torchmetrics;
  if (typeof tm.error === 'string') {
    it('torchmetrics could not evaluate it (pred holds the ignore value); the matrix counts those pixels as misses', () => {
      expect(tm.error).toMatch(/RuntimeError/);
      const ignoredPredictions = Array.from(matrix.predictedIgnore).reduce((a, b) => a + b, 0);
      expect(ignoredPredictions).toBeGreaterThan(0);
    });
  } else {
    it("the 'torchmetrics-jaccard' preset reproduces MulticlassJaccardIndex for every average (1e-6)", () => {
      expectAllClose(
        column(run({ preset: 'torchmetrics-jaccard', average: 'none' }), 'iou'),
        numbers(tm.jaccard_none),
        FLOAT32_TOLERANCE,
        'jaccard none',
      );
      for (const average of ['macro', 'micro', 'weighted'] as const) {
        const report = run({ preset: 'torchmetrics-jaccard', average });
        expectClose(report.summary.mIoU, number(tm[`jaccard_${average}`]), FLOAT32_TOLERANCE, average);
      }
      const c = expected.numClasses;
      expect(
        Array.from({ length: c }, (_, g) => Array.from(matrix.counts.subarray(g * c, (g + 1) * c))),
      ).toEqual(tm.confusionMatrix);
    });

    if (tm.meanIoU_imagewise !== undefined) {
      it("the 'torchmetrics-meaniou' preset reproduces segmentation.MeanIoU and mean_iou per image (1e-6)", () => {
        const report = run({ preset: 'torchmetrics-meaniou' });
        expectAllClose(
          column(report, 'iou'),
          numbers(tm.meanIoU_imagewise_perClass),
          FLOAT32_TOLERANCE,
          'per class',
        );
        expectClose(report.summary.mIoU, number(tm.meanIoU_imagewise), FLOAT32_TOLERANCE, 'mIoU');
        expectAllClose(
          (report.perImage ?? []).map((image) => image.mIoU),
          numbers(tm.mean_iou_perImage),
          FLOAT32_TOLERANCE,
          'per image',
        );
      });
    }
  }

  it('gives bit-identical reports when the images are counted in reverse order by an Evaluator', () => {
    const evaluator = new Evaluator({
      ...matrixOptions(expected),
      aggregate: 'image',
      imageReduce: 'pooled',
    });
    for (const pair of [...fixture.pairs].reverse()) {
      evaluator.update(pair.pred, pair.gt, { width: pair.width, height: pair.height, sampleId: pair.id });
    }
    expect(evaluator.compute()).toEqual(run({ aggregate: 'image', imageReduce: 'pooled' }));
  });

  it('imagewise aggregation reproduces every imagewise reference (1e-9)', () => {
    const iw = ref.imagewise;
    const perClassNaN = run({ aggregate: 'image', imageReduce: 'per-class' });
    expectAllClose(
      column(perClassNaN, 'iou'),
      numbers(iw.perClass_absentNaN),
      FLOAT64_TOLERANCE,
      'perClass NaN',
    );
    expectClose(perClassNaN.summary.mIoU, number(iw.mIoU_absentNaN), FLOAT64_TOLERANCE, 'mIoU NaN');

    const perClassZero = run({ aggregate: 'image', imageReduce: 'per-class', absent: 'zero' });
    expectAllClose(
      column(perClassZero, 'iou'),
      numbers(iw.perClass_absentZero),
      FLOAT64_TOLERANCE,
      'perClass 0',
    );
    expectClose(perClassZero.summary.mIoU, number(iw.mIoU_absentZero), FLOAT64_TOLERANCE, 'mIoU 0');

    const perImage = run({ aggregate: 'image', imageReduce: 'per-image' });
    expectAllClose(
      (perImage.perImage ?? []).map((image) => image.mIoU),
      numbers(iw.perImage_mIoU),
      FLOAT64_TOLERANCE,
      'perImage mIoU',
    );
    expectClose(perImage.summary.mIoU, number(iw.mIoU_meanOfImages), FLOAT64_TOLERANCE, 'mean of images');

    const pooled = run({ aggregate: 'image', imageReduce: 'pooled' });
    expectClose(pooled.summary.mIoU, number(iw.mIoU_pooledPairs), FLOAT64_TOLERANCE, 'pooled pairs');
  });
});
