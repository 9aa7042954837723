import { join } from 'node:path';
import {
  expectAllClose,
  expectClose,
  FLOAT32_TOLERANCE,
  FLOAT64_TOLERANCE,
  listParityFixtures,
  loadParityFixture,
  parityFixtureRoot,
} from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { runJson } from './helpers.js';

interface Report {
  numClasses: number;
  images: number;
  summary: Record<string, number | null>;
  settings: { preset: string | null };
  perClass: {
    id: number;
    iou: number | null;
    dice: number | null;
    precision: number | null;
    recall: number | null;
    fscore: number | null;
    acc: number | null;
  }[];
  confusionMatrix: number[][];
  absentClasses: number[];
}

type Ref = Record<string, number | null | readonly (number | null)[]>;

const root = parityFixtureRoot();
const fixtures = listParityFixtures(root);

/** Evaluates a fixture in this process (one thread: worker threads are covered by the smoke tests). */
async function evalFixture(name: string, extra: readonly string[] = []): Promise<Report> {
  const dir = join(root, name);
  const { expected } = loadParityFixture(name, root);
  const flags = expected.flags.split(/\s+/).filter((f) => f !== '');
  return (await runJson([
    'eval',
    '--gt',
    join(dir, 'gt'),
    '--pred',
    join(dir, 'pred'),
    ...flags,
    ...extra,
    '--workers',
    '1',
  ])) as unknown as Report;
}

/** Fixtures whose torchmetrics reference exists (torchmetrics crashes on some, see the fixtures' README). */
const withTorchmetricsJaccard = fixtures.filter(
  (name) => (loadParityFixture(name, root).expected.reference.torchmetrics as Ref).jaccard_none !== undefined,
);

function column(
  report: Report,
  key: 'iou' | 'dice' | 'precision' | 'recall' | 'acc' | 'fscore',
): (number | null)[] {
  return report.perClass.map((row) => row[key]);
}

describe('segmetrics eval on the parity fixtures', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(fixtures)('%s', (name) => {
    const { expected } = loadParityFixture(name, root);
    const ref = expected.reference;
    const mmseg = ref.mmseg as Ref;
    const imagewise = ref.imagewise as Ref;

    it('matches mmsegmentation IoUMetric in dataset mode with the fixture flags', async () => {
      const report = await evalFixture(name);
      expect(report.numClasses).toBe(expected.numClasses);
      expect(report.images).toBe(expected.images);
      expectAllClose(column(report, 'iou'), mmseg.IoU as (number | null)[], FLOAT64_TOLERANCE);
      expectAllClose(column(report, 'dice'), mmseg.Dice as (number | null)[], FLOAT64_TOLERANCE);
      expectAllClose(column(report, 'precision'), mmseg.Precision as (number | null)[], FLOAT64_TOLERANCE);
      expectAllClose(column(report, 'recall'), mmseg.Recall as (number | null)[], FLOAT64_TOLERANCE);
      expectAllClose(column(report, 'acc'), mmseg.Acc as (number | null)[], FLOAT64_TOLERANCE);
      for (const key of ['mIoU', 'mDice', 'mAcc', 'aAcc', 'fwIoU'] as const) {
        expectClose(report.summary[key] ?? null, mmseg[key] as number | null, FLOAT64_TOLERANCE);
      }
      // Our F-score is count-based, (1+β²)TP / ((1+β²)TP + β²FN + FP): F1 equals Dice, and a class
      // predicted but not in the ground truth scores 0 and counts.
      expectAllClose(column(report, 'fscore'), column(report, 'dice'), FLOAT64_TOLERANCE);
      expectClose(report.summary.mFscore ?? null, report.summary.mDice ?? null, FLOAT64_TOLERANCE);
    });

    it('--preset mmseg also reproduces mmsegmentation F-score (from precision and recall, null when either is 0/0)', async () => {
      const report = await evalFixture(name, ['--preset', 'mmseg']);
      expect(report.settings.preset).toBe('mmseg');
      expectAllClose(column(report, 'fscore'), mmseg.Fscore as (number | null)[], FLOAT64_TOLERANCE);
      expectAllClose(column(report, 'iou'), mmseg.IoU as (number | null)[], FLOAT64_TOLERANCE);
      for (const key of ['mIoU', 'mDice', 'mAcc', 'aAcc', 'fwIoU', 'mFscore'] as const) {
        expectClose(report.summary[key] ?? null, mmseg[key] as number | null, FLOAT64_TOLERANCE);
      }
    });

    it('writes the C×C confusion matrix with rows = ground truth, as scikit-learn', async () => {
      // Pixels predicted as an ignore label are not in the C×C matrix (they are `predictedIgnore`),
      // which is also what scikit-learn's confusion_matrix(labels=range(C)) drops.
      const report = await evalFixture(name);
      expect(report.confusionMatrix).toEqual(
        (ref.sklearn as { confusionMatrix: number[][] }).confusionMatrix,
      );
    });

    it('--aggregate image --image-reduce per-class gives the imagewise per-class means (absent = NaN)', async () => {
      const report = await evalFixture(name, ['--aggregate', 'image', '--image-reduce', 'per-class']);
      expectAllClose(
        column(report, 'iou'),
        imagewise.perClass_absentNaN as (number | null)[],
        FLOAT64_TOLERANCE,
      );
      expectClose(report.summary.mIoU ?? null, imagewise.mIoU_absentNaN as number, FLOAT64_TOLERANCE);
    });

    it('--absent zero with per-class image reduction counts absent images as 0', async () => {
      const report = await evalFixture(name, [
        '--aggregate',
        'image',
        '--image-reduce',
        'per-class',
        '--absent',
        'zero',
      ]);
      expectAllClose(
        column(report, 'iou'),
        imagewise.perClass_absentZero as (number | null)[],
        FLOAT64_TOLERANCE,
      );
      expectClose(report.summary.mIoU ?? null, imagewise.mIoU_absentZero as number, FLOAT64_TOLERANCE);
    });

    it('--aggregate image --image-reduce per-image gives the mean of per-image mIoUs', async () => {
      const report = await evalFixture(name, ['--aggregate', 'image', '--image-reduce', 'per-image']);
      expectClose(report.summary.mIoU ?? null, imagewise.mIoU_meanOfImages as number, FLOAT64_TOLERANCE);
    });

    it('--absent zero and --average micro/weighted give scikit-learn jaccard_score (zero_division=0)', async () => {
      const sk = ref.sklearn as Ref;
      expectAllClose(
        column(await evalFixture(name, ['--absent', 'zero']), 'iou'),
        sk.jaccard_none_zero0 as (number | null)[],
        FLOAT64_TOLERANCE,
      );
      expectClose(
        (await evalFixture(name, ['--average', 'micro'])).summary.mIoU ?? null,
        sk.jaccard_micro as number,
        FLOAT64_TOLERANCE,
      );
      expectClose(
        (await evalFixture(name, ['--average', 'weighted'])).summary.mIoU ?? null,
        sk.jaccard_weighted as number,
        FLOAT64_TOLERANCE,
      );
    });

    it('--aggregate image --image-reduce pooled gives torchmetrics MeanIoU', async () => {
      const report = await evalFixture(name, ['--aggregate', 'image', '--image-reduce', 'pooled']);
      expectClose(report.summary.mIoU ?? null, imagewise.mIoU_pooledPairs as number, FLOAT64_TOLERANCE);
      const tm = ref.torchmetrics as Ref;
      if (typeof tm.meanIoU_imagewise === 'number') {
        expectClose(report.summary.mIoU ?? null, tm.meanIoU_imagewise, FLOAT32_TOLERANCE);
      }
    });
  });

  it('runs the torchmetrics-jaccard parity on at least half of the fixtures', () => {
    expect(withTorchmetricsJaccard.length * 2).toBeGreaterThanOrEqual(fixtures.length);
  });

  describe.each(withTorchmetricsJaccard)('%s', (name) => {
    it('--preset torchmetrics-jaccard gives MulticlassJaccardIndex (none, macro, micro)', async () => {
      const tm = loadParityFixture(name, root).expected.reference.torchmetrics as Ref;
      const report = await evalFixture(name, ['--preset', 'torchmetrics-jaccard']);
      expectAllClose(column(report, 'iou'), tm.jaccard_none as (number | null)[], FLOAT32_TOLERANCE);
      expectClose(report.summary.mIoU ?? null, tm.jaccard_macro as number, FLOAT32_TOLERANCE);
      const micro = await evalFixture(name, ['--preset', 'torchmetrics-jaccard', '--average', 'micro']);
      expectClose(micro.summary.mIoU ?? null, tm.jaccard_micro as number, FLOAT32_TOLERANCE);
    });
  });
});
