/**
 * Every preset against the numbers its library's own code produced (`fixtures/presets/cases/*.json`,
 * written by `fixtures/presets/make-preset-fixtures.py`, which records the library versions): mmseg
 * `IoUMetric`, torchmetrics 1.9 (`MulticlassJaccardIndex`, `segmentation.MeanIoU`, `DiceScore`,
 * `GeneralizedDiceScore`), scikit-learn 1.2, detectron2 `SemSegEvaluator` and MONAI 1.5 were run; Keras
 * values are derived from its source (marked `derived`). Libraries computing in float32 (mmseg's
 * `torch.histc` areas, torchmetrics, MONAI, Keras) are compared at 1e-6, float64 ones at 1e-9.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfusionMatrix } from '@segmetrics/core';
import {
  expectAllClose,
  expectClose,
  FLOAT32_TOLERANCE,
  FLOAT64_TOLERANCE,
  loadParityFixture,
  type ReferenceValue,
} from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type EvaluateOptions,
  type EvaluationReport,
  evaluate,
  type PerClassMetricId,
  type PresetName,
  type SummaryId,
} from '../src/index.js';

const presetsRoot = fileURLToPath(new URL('./fixtures/presets', import.meta.url));
const parityRoot = fileURLToPath(new URL('../../test-utils/fixtures/parity', import.meta.url));

type Value = ReferenceValue | ReferenceValue[];
type Call = Record<string, unknown> & { value: Value };

interface PresetCase {
  readonly case: string;
  readonly dataset: { readonly root: 'presets' | 'parity'; readonly name: string };
  readonly numClasses: number;
  readonly ignoreIndex: number | null;
  readonly images: number;
  readonly versions: Record<string, string>;
  readonly reference: {
    readonly mmseg: Record<
      string,
      { perClass: Record<string, ReferenceValue[]>; summary: Record<string, ReferenceValue> }
    >;
    readonly torchmetrics: {
      readonly jaccardIndex: Call[] | { error: string };
      readonly meanIoU?: Call[];
      readonly diceScore?: Call[];
      readonly generalizedDiceScore?: Call[];
    };
    readonly sklearn: { readonly labelsNone: number[]; readonly calls: Call[] };
    readonly detectron2: Record<string, Value> | { error: string };
    readonly keras: Call[];
    readonly monai?: (Record<string, unknown> & { dice: Value; iou: Value })[];
  };
}

const caseNames = readdirSync(`${presetsRoot}/cases`)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();

function loadCase(name: string): { spec: PresetCase; matrix: ConfusionMatrix } {
  const spec = JSON.parse(readFileSync(`${presetsRoot}/cases/${name}.json`, 'utf8')) as PresetCase;
  const fixture = loadParityFixture(
    spec.dataset.name,
    spec.dataset.root === 'presets' ? presetsRoot : parityRoot,
  );
  const matrix = new ConfusionMatrix({
    numClasses: spec.numClasses,
    perImage: true,
    ...(spec.ignoreIndex === null ? {} : { ignoreIndex: spec.ignoreIndex }),
  });
  for (const pair of fixture.pairs) {
    matrix.update(pair.pred, pair.gt, { width: pair.width, height: pair.height, sampleId: pair.id });
  }
  return { spec, matrix };
}

const column = (report: EvaluationReport, id: PerClassMetricId) => report.perClass.map((c) => c[id]);
const list = (value: Value): ReferenceValue[] => {
  expect(Array.isArray(value)).toBe(true);
  return value as ReferenceValue[];
};
const scalar = (value: Value): ReferenceValue => {
  expect(Array.isArray(value)).toBe(false);
  return value as ReferenceValue;
};
const label = (call: Record<string, unknown>) =>
  Object.entries(call)
    .filter(([k]) => k !== 'value' && !k.startsWith('value') && k !== 'dice' && k !== 'iou')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');

describe('preset parity fixtures', () => {
  it('finds every case and records the library versions that produced it', () => {
    expect(caseNames).toEqual([
      'cityscapes_like',
      'conventions',
      'conventions_ignore_0',
      'imagewise_absent',
      'pred_holds_ignore',
    ]);
    for (const name of caseNames) {
      const { spec, matrix } = loadCase(name);
      expect(matrix.images).toBe(spec.images);
      expect(Object.keys(spec.versions)).toEqual(
        expect.arrayContaining([
          'torchmetrics',
          'scikit-learn',
          'monai',
          'mmsegmentation',
          'detectron2',
          'keras',
        ]),
      );
    }
  });
});

describe.each(caseNames)('preset parity: %s', (name) => {
  const { spec, matrix } = loadCase(name);
  const ref = spec.reference;
  const c = spec.numClasses;
  const run = (preset: PresetName, options: EvaluateOptions = {}) => evaluate(matrix, { preset, ...options });

  it("'mmseg' reproduces IoUMetric (intersect_and_union + total_area_to_metrics), nan_to_num included (1e-6)", () => {
    for (const [key, expected] of Object.entries(ref.mmseg)) {
      const report = run('mmseg', key === 'nan_to_num_0' ? { presetOptions: { nan_to_num: 0 } } : {});
      const columns: [string, PerClassMetricId][] = [
        ['IoU', 'iou'],
        ['Acc', 'recall'],
        ['Dice', 'dice'],
        ['Fscore', 'fscore'],
        ['Precision', 'precision'],
        ['Recall', 'recall'],
      ];
      for (const [mm, id] of columns) {
        expectAllClose(column(report, id), expected.perClass[mm] ?? [], FLOAT32_TOLERANCE, `${key} ${mm}`);
      }
      const summary: [string, SummaryId][] = [
        ['aAcc', 'aAcc'],
        ['mIoU', 'mIoU'],
        ['mAcc', 'mAcc'],
        ['mDice', 'mDice'],
        ['mFscore', 'mFscore'],
        ['mPrecision', 'mPrecision'],
        ['mRecall', 'mRecall'],
      ];
      for (const [mm, id] of summary) {
        expectClose(report.summary[id], expected.summary[mm] ?? null, FLOAT32_TOLERANCE, `${key} ${mm}`);
      }
    }
  });

  it("'torchmetrics-jaccard' reproduces MulticlassJaccardIndex for every average and zero_division (1e-6)", () => {
    const calls = ref.torchmetrics.jaccardIndex;
    if (!Array.isArray(calls)) {
      // torchmetrics cannot count predictions of an ignore label outside [0, C); we count them as misses.
      expect(calls.error).toMatch(/RuntimeError/);
      expect(Array.from(matrix.predictedIgnore).some((v) => v > 0)).toBe(true);
      return;
    }
    expect(calls).toHaveLength(8);
    for (const call of calls) {
      const { average, zero_division } = call as unknown as { average: 'none'; zero_division: number };
      const report = run('torchmetrics-jaccard', { presetOptions: { average, zero_division } });
      if (average === 'none')
        expectAllClose(column(report, 'iou'), list(call.value), FLOAT32_TOLERANCE, label(call));
      else expectClose(report.summary.mIoU, scalar(call.value), FLOAT32_TOLERANCE, label(call));
    }
  });

  it("'sklearn' reproduces jaccard/precision/recall/f1/fbeta_score with and without labels, every average and zero_division (1e-9)", () => {
    const { calls, labelsNone } = ref.sklearn;
    expect(calls.length).toBeGreaterThanOrEqual(96);
    const ids: Record<string, [PerClassMetricId, SummaryId]> = {
      jaccard_score: ['iou', 'mIoU'],
      precision_score: ['precision', 'mPrecision'],
      recall_score: ['recall', 'mRecall'],
      f1_score: ['fscore', 'mFscore'],
      fbeta_score: ['fscore', 'mFscore'],
    };
    for (const call of calls) {
      const { labels, average, zero_division, beta } = call as unknown as {
        labels: number[] | null;
        average: 'none';
        zero_division: number;
        beta: number;
      };
      const [perClassId, summaryId] = ids[call.function as string]!;
      const report = run('sklearn', { presetOptions: { labels, average, zero_division, beta } });
      if (average !== 'none') {
        expectClose(report.summary[summaryId], scalar(call.value), FLOAT64_TOLERANCE, label(call));
        continue;
      }
      // average=None lists the labels in order (labels=None: the sorted values of y_true ∪ y_pred, which
      // may include a predicted ignore value ≥ C that has no per-class entry here).
      const order = labels ?? labelsNone;
      const values = list(call.value);
      expect(values).toHaveLength(order.length);
      order.forEach((k, i) => {
        if (k < c)
          expectClose(
            report.perClass[k]![perClassId],
            values[i] ?? null,
            FLOAT64_TOLERANCE,
            `${label(call)} [${k}]`,
          );
      });
      if (labels === null) {
        // A class in neither the ground truth nor the prediction is not a label: NaN, in no mean.
        for (let k = 0; k < c; k++)
          if (!labelsNone.includes(k)) expect(report.perClass[k]![perClassId]).toBeNaN();
      }
    }
  });

  it("'detectron2' reproduces SemSegEvaluator's mIoU, fwIoU, mACC, pACC and per-class IoU and ACC (1e-9)", () => {
    const d2 = ref.detectron2;
    if ('error' in d2) {
      // SemSegEvaluator takes the argmax of C scores: it never sees a prediction outside [0, C).
      expect(Array.from(matrix.predictedIgnore).some((v) => v > 0)).toBe(true);
      return;
    }
    const report = run('detectron2');
    expectAllClose(column(report, 'iou'), list(d2.IoU as Value), FLOAT64_TOLERANCE, 'IoU');
    expectAllClose(column(report, 'recall'), list(d2.ACC as Value), FLOAT64_TOLERANCE, 'ACC');
    expectClose(report.summary.mIoU, scalar(d2.mIoU as Value), FLOAT64_TOLERANCE, 'mIoU');
    expectClose(report.summary.fwIoU, scalar(d2.fwIoU as Value), FLOAT64_TOLERANCE, 'fwIoU');
    expectClose(report.summary.mAcc, scalar(d2.mACC as Value), FLOAT64_TOLERANCE, 'mACC');
    expectClose(report.summary.aAcc, scalar(d2.pACC as Value), FLOAT64_TOLERANCE, 'pACC');
  });

  it("'keras' reproduces MeanIoU / IoU(target_class_ids) as derived from Keras' source (1e-6)", () => {
    expect(ref.keras.length).toBeGreaterThanOrEqual(2);
    for (const call of ref.keras) {
      expect(call.derived).toBe(true);
      const report = run('keras', {
        presetOptions: { target_class_ids: call.target_class_ids as number[] | null },
      });
      expectClose(report.summary.mIoU, scalar(call.value), FLOAT32_TOLERANCE, label(call));
    }
  });

  const { meanIoU, diceScore, generalizedDiceScore } = ref.torchmetrics;
  const monai = ref.monai;
  // Per-class outputs of libraries that drop the background class have C − 1 entries.
  const shown = (report: EvaluationReport, id: PerClassMetricId, includeBackground: unknown) =>
    column(report, id).slice(includeBackground === false ? 1 : 0);

  if (meanIoU !== undefined && diceScore !== undefined && generalizedDiceScore !== undefined) {
    it("'torchmetrics-meaniou' reproduces segmentation.MeanIoU with include_background and per_class (1e-6)", () => {
      for (const call of meanIoU) {
        const report = run('torchmetrics-meaniou', {
          presetOptions: {
            include_background: call.include_background as boolean,
            per_class: call.per_class as boolean,
          },
        });
        if (call.per_class === true) {
          expectAllClose(
            shown(report, 'iou', call.include_background),
            list(call.value),
            FLOAT32_TOLERANCE,
            label(call),
          );
        } else {
          expectClose(report.summary.mIoU, scalar(call.value), FLOAT32_TOLERANCE, label(call));
        }
      }
    });

    it("'torchmetrics-dice' reproduces segmentation.DiceScore for every average, aggregation_level and include_background (1e-6)", () => {
      expect(diceScore).toHaveLength(16);
      for (const call of diceScore) {
        const { include_background, average, aggregation_level } = call as Record<string, string | boolean>;
        const report = run('torchmetrics-dice', {
          presetOptions: {
            include_background: include_background!,
            average: average!,
            aggregation_level: aggregation_level!,
          },
        });
        if (average === 'none') {
          expectAllClose(
            shown(report, 'dice', include_background),
            list(call.value),
            FLOAT32_TOLERANCE,
            label(call),
          );
        } else {
          expectClose(report.summary.mDice, scalar(call.value), FLOAT32_TOLERANCE, label(call));
        }
      }
    });

    it("'torchmetrics-generalized-dice' reproduces GeneralizedDiceScore (one image per update) for every weight_type (1e-6)", () => {
      expect(generalizedDiceScore).toHaveLength(12);
      for (const call of generalizedDiceScore) {
        const { include_background, weight_type, per_class } = call as Record<string, string | boolean>;
        const report = run('torchmetrics-generalized-dice', {
          presetOptions: {
            include_background: include_background!,
            weight_type: weight_type!,
            per_class: per_class!,
          },
        });
        if (call.per_class === true) {
          expectAllClose(
            shown(report, 'dice', include_background),
            list(call.value),
            FLOAT32_TOLERANCE,
            label(call),
          );
        } else {
          expectClose(report.summary.mDice, scalar(call.value), FLOAT32_TOLERANCE, label(call));
        }
      }
    });
  }

  if (monai !== undefined) {
    it("'monai' reproduces DiceMetric and MeanIoU for include_background, ignore_empty and reduction (1e-6)", () => {
      expect(monai).toHaveLength(12);
      for (const call of monai) {
        const { include_background, ignore_empty, reduction } = call as Record<string, string | boolean>;
        if (reduction === 'none') {
          // MONAI's per-image, per-class values: their channel mean is perImage's mDice; over nothing MONAI
          // gives 0 with not_nans 0 (left out of its mean over images), which perImage shows as NaN.
          const report = run('monai', {
            presetOptions: { include_background: include_background!, ignore_empty: ignore_empty! },
          });
          for (const [id, values] of [
            ['mDice', call.dice],
            ['mIoU', call.iou],
          ] as const) {
            const perImage = (values as unknown as ReferenceValue[][]).map((row) => {
              const defined = row.filter((v): v is number => v !== null);
              return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
            });
            expectAllClose(
              (report.perImage ?? []).map((r) => r[id]),
              perImage,
              FLOAT32_TOLERANCE,
              `${label(call)} ${id}`,
            );
          }
          continue;
        }
        const report = run('monai', {
          presetOptions: {
            include_background: include_background!,
            ignore_empty: ignore_empty!,
            reduction: reduction!,
          },
        });
        if (reduction === 'mean') {
          // MONAI returns the mean as a one-element tensor.
          expectClose(
            report.summary.mDice,
            list(call.dice)[0] ?? null,
            FLOAT32_TOLERANCE,
            `${label(call)} dice`,
          );
          expectClose(
            report.summary.mIoU,
            list(call.iou)[0] ?? null,
            FLOAT32_TOLERANCE,
            `${label(call)} iou`,
          );
        } else {
          expectAllClose(
            shown(report, 'dice', include_background),
            list(call.dice),
            FLOAT32_TOLERANCE,
            `${label(call)} dice`,
          );
          expectAllClose(
            shown(report, 'iou', include_background),
            list(call.iou),
            FLOAT32_TOLERANCE,
            `${label(call)} iou`,
          );
        }
      }
    });
  }
});
