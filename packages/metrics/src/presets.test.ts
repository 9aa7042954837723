import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../test/helpers.js';
import { evaluate } from './evaluate.js';
import { getPreset } from './get-preset.js';
import { parsePresetOptions } from './parse-preset-options.js';
import { checkPresetOption } from './preset-parameter.js';
import { presets } from './presets.js';
import { rankImages } from './rank-images.js';
import type { EvaluateOptions, PresetName, PresetOptions } from './settings.js';

const N = Number.NaN;
/** C = 3: class 0 IoU 2/3, class 1 IoU 1/2, class 2 absent everywhere. */
const matrix = () =>
  matrixOf({ numClasses: 3, perImage: true }, [
    [
      [0, 0, 1, 0],
      [0, 0, 1, 1],
    ],
  ]);
const code = (c: string, option?: string) =>
  expect.objectContaining({ code: c, ...(option ? { context: expect.objectContaining({ option }) } : {}) });
const names = Object.keys(presets) as PresetName[];
const closeAll = (actual: readonly number[] | undefined, expected: readonly number[]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => {
    expect(actual?.[i]).toBeCloseTo(v, 14);
  });
};

describe('presets', () => {
  it('names nine presets, each resolving its default parameters to the conventions it lists', () => {
    expect(names.sort()).toEqual([
      'detectron2',
      'keras',
      'mmseg',
      'monai',
      'sklearn',
      'torchmetrics-dice',
      'torchmetrics-generalized-dice',
      'torchmetrics-jaccard',
      'torchmetrics-meaniou',
    ]);
    for (const name of names) {
      const preset = presets[name];
      expect(preset.name).toBe(name);
      expect(preset.imageReduce === null).toBe(preset.aggregate === 'dataset');
      for (const parameter of preset.parameters) {
        expect(checkPresetOption(name, parameter, parameter.default, 3), parameter.name).toEqual(
          parameter.default,
        );
      }
      for (const open of preset.open) {
        if (open !== 'excludeClasses')
          expect(
            preset.parameters.some((p) => p.alias === open),
            open,
          ).toBe(true);
      }
      const { settings } = evaluate(matrix(), { preset: name });
      expect(settings).toMatchObject({
        preset: name,
        aggregate: preset.aggregate,
        imageReduce: preset.imageReduce,
        average: preset.average,
        absent: preset.absent,
        predictedOnly: preset.predictedOnly,
        quirks: preset.quirks,
      });
      expect(settings.presetOptions).toEqual(
        Object.fromEntries(preset.parameters.map((p) => [p.name, p.default])),
      );
    }
  });

  it('records the preset, its resolved parameters and its quirks in the settings', () => {
    const report = evaluate(matrix(), {
      preset: 'torchmetrics-meaniou',
      presetOptions: { include_background: false },
    });
    expect(report.settings).toMatchObject({
      preset: 'torchmetrics-meaniou',
      aggregate: 'image',
      imageReduce: 'pooled',
      presetOptions: { include_background: false, per_class: false },
      excludeClasses: [0],
      quirks: { perClassAbsentValue: -1 },
    });
  });

  it('refuses to override a choice the preset fixes, and allows the ones it leaves open', () => {
    const refuse = (options: EvaluateOptions, option: string) =>
      expect(() => evaluate(matrix(), options)).toThrow(code(ErrorCode.INVALID_OPTION, option));
    refuse({ preset: 'mmseg', aggregate: 'image' }, 'aggregate');
    refuse({ preset: 'keras', absent: 'zero' }, 'absent');
    refuse({ preset: 'mmseg', average: 'micro' }, 'average');
    refuse({ preset: 'detectron2', predictedOnly: 'score' }, 'predictedOnly');
    refuse({ preset: 'sklearn', excludeClasses: [0] }, 'excludeClasses');
    expect(evaluate(matrix(), { preset: 'mmseg', aggregate: 'dataset' }).settings.aggregate).toBe('dataset');
    expect(evaluate(matrix(), { preset: 'detectron2', predictedOnly: 'skip' }).settings.predictedOnly).toBe(
      'skip',
    );
    expect(evaluate(matrix(), { preset: 'torchmetrics-jaccard', average: 'weighted' }).settings.average).toBe(
      'weighted',
    );
    expect(evaluate(matrix(), { preset: 'mmseg', absent: 0, beta: 2 }).settings).toMatchObject({
      absent: 0,
      beta: 2,
      presetOptions: { nan_to_num: 0, beta: 2 },
    });
    // excludeClasses equal to what the parameters give is not an override.
    expect(
      evaluate(matrix(), {
        preset: 'torchmetrics-meaniou',
        presetOptions: { include_background: false },
        excludeClasses: [0],
      }).settings.excludeClasses,
    ).toEqual([0]);
  });

  it('validates presetOptions: known names only, typed values, class ids in range, and only with a preset', () => {
    const bad = (options: EvaluateOptions, option: string) =>
      expect(() => evaluate(matrix(), options)).toThrow(code(ErrorCode.INVALID_OPTION, option));
    bad({ preset: 'sklearn', presetOptions: { label: [0] } }, 'presetOptions.label');
    bad({ preset: 'sklearn', presetOptions: { labels: [0, 3] } }, 'presetOptions.labels');
    bad({ preset: 'sklearn', presetOptions: { labels: [1, 1] } }, 'presetOptions.labels');
    bad({ preset: 'sklearn', presetOptions: { labels: [] } }, 'presetOptions.labels');
    bad({ preset: 'sklearn', presetOptions: { zero_division: 0.5 } }, 'presetOptions.zero_division');
    bad({ preset: 'sklearn', absent: 0.5 }, 'presetOptions.zero_division');
    bad({ preset: 'sklearn', absent: 'one', presetOptions: { zero_division: 0 } }, 'absent');
    bad({ preset: 'monai', presetOptions: { include_background: 'no' } }, 'presetOptions.include_background');
    bad({ preset: 'monai', presetOptions: { reduction: 'sum' } }, 'presetOptions.reduction');
    bad(
      { preset: 'torchmetrics-jaccard', presetOptions: { zero_division: N } },
      'presetOptions.zero_division',
    );
    bad({ preset: 'mmseg', presetOptions: { beta: -1 } }, 'beta');
    bad({ preset: 'detectron2', presetOptions: { ignore_label: 255 } }, 'presetOptions.ignore_label');
    bad({ presetOptions: { labels: [0] } }, 'presetOptions');
    expect(() => evaluate(matrix(), { preset: 'sklearn', presetOptions: { nope: 1 } })).toThrow(
      expect.objectContaining({
        context: expect.objectContaining({
          known: ['labels', 'average', 'pos_label', 'zero_division', 'beta'],
        }),
      }),
    );
  });
});

describe('getPreset', () => {
  it('finds a preset by its own name and rejects inherited property names with UNKNOWN_PRESET listing the known ones', () => {
    expect(getPreset('keras').name).toBe('keras');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope']) {
      expect(() => getPreset(name)).toThrow(
        expect.objectContaining({
          code: ErrorCode.UNKNOWN_PRESET,
          context: expect.objectContaining({ value: name, known: Object.keys(presets) }),
        }),
      );
      expect(() => evaluate(matrix(), { preset: name as PresetName })).toThrow(
        code(ErrorCode.UNKNOWN_PRESET),
      );
    }
  });
});

describe('parsePresetOptions', () => {
  it('types NAME=VALUE texts by the preset parameters (the CLI --preset-option)', () => {
    expect(
      parsePresetOptions('sklearn', ['labels=0,2, 5', 'zero_division=nan', 'average=micro', 'beta=2']),
    ).toEqual({ labels: [0, 2, 5], zero_division: 'nan', average: 'micro', beta: 2 });
    expect(parsePresetOptions('sklearn', ['labels=None', 'zero_division=1'])).toEqual({
      labels: null,
      zero_division: 1,
    });
    expect(parsePresetOptions('monai', ['include_background=false', 'reduction=mean_batch'])).toEqual({
      include_background: false,
      reduction: 'mean_batch',
    });
    expect(parsePresetOptions('mmseg', ['nan_to_num=0'])).toEqual({ nan_to_num: 0 });
  });

  it('rejects malformed texts, unknown or repeated names and bad values with INVALID_OPTION', () => {
    for (const texts of [
      ['labels'],
      ['=1'],
      ['nope=1'],
      ['labels=0', 'labels=1'],
      ['labels=a,b'],
      ['beta=x'],
    ]) {
      expect(() => parsePresetOptions('sklearn', texts), texts.join(' ')).toThrow(
        code(ErrorCode.INVALID_OPTION),
      );
    }
    expect(() => parsePresetOptions('monai', ['ignore_empty=yes'])).toThrow(code(ErrorCode.INVALID_OPTION));
    expect(() => parsePresetOptions('constructor', [])).toThrow(code(ErrorCode.UNKNOWN_PRESET));
  });
});

describe('torchmetrics-jaccard', () => {
  it("takes average none, macro, micro or weighted only (no 'binary', no pos_label: scikit-learn's)", () => {
    expect(getPreset('torchmetrics-jaccard').parameters.map((p) => p.name)).toEqual([
      'average',
      'zero_division',
    ]);
    expect(() =>
      evaluate(matrix(), { preset: 'torchmetrics-jaccard', presetOptions: { average: 'binary' } }),
    ).toThrowError(code(ErrorCode.INVALID_OPTION, 'presetOptions.average'));
  });

  it('shows absent classes as zero_division per class but leaves them out of the macro mean', () => {
    const report = evaluate(matrix(), { preset: 'torchmetrics-jaccard' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, 0]);
    expect(report.summary.mIoU).toBeCloseTo(7 / 12, 15);
    const one = evaluate(matrix(), { preset: 'torchmetrics-jaccard', presetOptions: { zero_division: 1 } });
    expect(one.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, 1]);
    expect(one.summary.mIoU).toBeCloseTo(7 / 12, 15);
  });

  it('shows zero_division only for a 0/0: an absent class keeps the specificity its means count (tn / (tn + fp) = 1)', () => {
    for (const preset of ['torchmetrics-jaccard', 'torchmetrics-meaniou'] as const) {
      const report = evaluate(matrix(), { preset });
      const shown = preset === 'torchmetrics-jaccard' ? 0 : -1;
      expect(report.perClass[2]!.iou, preset).toBe(shown);
      expect(report.perClass[2]!.dice, preset).toBe(shown);
      expect(report.perClass[2]!.specificity, preset).toBe(1);
      // The mean of the rows shown is the summary: the absent class's specificity counts, as 1.
      const rows = report.perClass.map((c) => c.specificity);
      if (preset === 'torchmetrics-jaccard') {
        expect(report.summary.mSpecificity).toBeCloseTo(rows.reduce((a, b) => a + b) / 3, 15);
      }
    }
  });

  it('gives zero_division for a micro average over nothing', () => {
    const empty = new ConfusionMatrix({ numClasses: 2 });
    expect(evaluate(empty, { preset: 'torchmetrics-jaccard', average: 'micro' }).summary.mIoU).toBe(0);
    const options = { preset: 'torchmetrics-jaccard', presetOptions: { average: 'micro', zero_division: 1 } };
    expect(evaluate(empty, options as EvaluateOptions).summary.mIoU).toBe(1);
  });

  it('with ignore_index inside the class range: its predictions count for that class, which is left out of the means', () => {
    // gt [1, 1, 0, 2], pred [1, 0, 0, 2], ignore 0: class 0 is predicted once on a counted pixel.
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 0 }).update([1, 0, 0, 2], [1, 1, 0, 2]);
    const none = evaluate(m, {
      preset: 'torchmetrics-jaccard',
      average: 'none',
      presetOptions: { zero_division: 1 },
    });
    expect(none.perClass.map((c) => c.iou)).toEqual([0, 0.5, 1]);
    expect(none.settings.excludeClasses).toEqual([0]);
    expect(evaluate(m, { preset: 'torchmetrics-jaccard' }).summary.mIoU).toBe(0.75);
    // micro: Σtp / Σ(tp + fp + fn) over classes 1 and 2 = 2 / 3.
    expect(evaluate(m, { preset: 'torchmetrics-jaccard', average: 'micro' }).summary.mIoU).toBeCloseTo(
      2 / 3,
      15,
    );
  });
});

describe('torchmetrics-meaniou', () => {
  it('shows -1 for a class present in no image and pools (image, class) pairs', () => {
    const report = evaluate(matrix(), { preset: 'torchmetrics-meaniou' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, -1]);
    expect(report.summary.mIoU).toBeCloseTo(7 / 12, 15);
  });

  it('include_background=false leaves class 0 out of the mean', () => {
    const report = evaluate(matrix(), {
      preset: 'torchmetrics-meaniou',
      presetOptions: { include_background: false },
    });
    expect(report.summary.mIoU).toBe(0.5);
  });
});

describe('sklearn', () => {
  it('labels=None: a class in neither the ground truth nor the prediction is not a label (no zero_division 0)', () => {
    const report = evaluate(matrix(), { preset: 'sklearn' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, N]);
    expect(report.summary.mIoU).toBeCloseTo(7 / 12, 15);
    expect(report.settings.presetOptions).toEqual({
      labels: null,
      average: 'macro',
      pos_label: 1,
      zero_division: 'warn',
      beta: 1,
    });
  });

  it('labels listing every class counts 0/0 as zero_division (0 by default, or 1) in the macro mean', () => {
    const all = { labels: [0, 1, 2] };
    expect(evaluate(matrix(), { preset: 'sklearn', presetOptions: all }).summary.mIoU).toBeCloseTo(
      7 / 18,
      15,
    );
    expect(
      evaluate(matrix(), { preset: 'sklearn', absent: 'one', presetOptions: all }).summary.mIoU,
    ).toBeCloseTo(13 / 18, 15);
    expect(
      evaluate(matrix(), { preset: 'sklearn', presetOptions: { ...all, zero_division: 1 } }).settings.absent,
    ).toBe('one');
  });

  it('zero_division applies to precision and recall 0/0 even with labels=None', () => {
    // gt [0, 1], pred [0, 0]: class 1 never predicted → precision 0/0 = zero_division.
    const m = new ConfusionMatrix({ numClasses: 2 }).update([0, 0], [0, 1]);
    expect(evaluate(m, { preset: 'sklearn' }).perClass.map((c) => c.precision)).toEqual([0.5, 0]);
    expect(evaluate(m, { preset: 'sklearn', absent: 'one' }).perClass.map((c) => c.precision)).toEqual([
      0.5, 1,
    ]);
  });

  it("reproduces scikit-learn's average='weighted' when the labels have no ground truth (sklearn 1.2.1)", () => {
    // y_true [0, 0], y_pred [0, 1], labels [1, 2]: jaccard falls back to the unweighted mean; precision and
    // F1 are 0 since something was predicted; recall is zero_division. Labels [2]: nothing predicted.
    const m = new ConfusionMatrix({ numClasses: 3 }).update([0, 1], [0, 0]);
    const run = (labels: number[], zero_division: number) =>
      evaluate(m, { preset: 'sklearn', presetOptions: { labels, zero_division, average: 'weighted' } })
        .summary;
    expect(run([1, 2], 1)).toMatchObject({ mIoU: 0.5, mPrecision: 0, mRecall: 1, mFscore: 0 });
    expect(run([1, 2], 0)).toMatchObject({ mIoU: 0, mPrecision: 0, mRecall: 0, mFscore: 0 });
    expect(run([2], 1)).toMatchObject({ mPrecision: 1, mFscore: 1 });
  });

  it('labels=None: a predicted ignore value outside [0, C) is one more label (IoU 0) in the means', () => {
    // gt [0, 1, 1], pred [0, 1, 255], ignore 255: labels are 0, 1 and 255.
    const m = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 }).update([0, 1, 255], [0, 1, 1]);
    expect(evaluate(m, { preset: 'sklearn' }).summary.mIoU).toBeCloseTo((1 + 0.5 + 0) / 3, 15);
    expect(evaluate(m, { preset: 'sklearn', presetOptions: { labels: [0, 1] } }).summary.mIoU).toBe(0.75);
    // micro pools the extra label's false positive too: 2 / (2 + 1 + 1).
    expect(evaluate(m, { preset: 'sklearn', average: 'micro' }).summary.mIoU).toBe(0.5);
  });

  // Golden values: scikit-learn 1.2.1 (Debian python3-sklearn), jaccard_score / f1_score / precision_score /
  // recall_score on the flattened non-ignored pixels.
  const sklearn = (numClasses: number, gt: number[], pred: number[], presetOptions: PresetOptions) => {
    const m = new ConfusionMatrix({ numClasses, ignoreIndex: 255 }).update(pred, gt);
    const { mIoU, mFscore, mPrecision, mRecall } = evaluate(m, { preset: 'sklearn', presetOptions }).summary;
    return [mIoU, mFscore, mPrecision, mRecall];
  };

  it("average='binary' gives pos_label's value, as scikit-learn's default does on binary masks", () => {
    // jaccard_score([0,0,0,0,1,1], [0,0,0,1,1,0]) = 1/3 (the mean over both classes would be 7/15).
    closeAll(sklearn(2, [0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 1, 0], { average: 'binary' }), [
      1 / 3,
      0.5,
      0.5,
      0.5,
    ]);
    // Only background: pos_label 1 is 0/0 = zero_division ('warn': 0).
    expect(sklearn(2, [0, 0, 0, 0], [0, 0, 0, 0], { average: 'binary' })).toEqual([0, 0, 0, 0]);
    // Binary labels 1 and 2, pos_label 1 or 2; `labels` is ignored under binary, as in scikit-learn.
    closeAll(sklearn(3, [1, 2, 2], [1, 2, 1], { average: 'binary', labels: [0] }), [0.5, 2 / 3, 0.5, 1]);
    closeAll(sklearn(3, [1, 2, 2], [1, 2, 1], { average: 'binary', pos_label: 2 }), [0.5, 2 / 3, 1, 0.5]);
    // A predicted 255 on a counted pixel is a label of its own: {1, 255} is binary, a miss of class 1.
    closeAll(sklearn(3, [1, 1, 1], [1, 255, 1], { average: 'binary' }), [2 / 3, 0.8, 1, 2 / 3]);
    const report = evaluate(new ConfusionMatrix({ numClasses: 2 }).update([0, 1], [0, 1]), {
      preset: 'sklearn',
      presetOptions: { average: 'binary' },
    });
    expect(report.settings).toMatchObject({ average: 'macro', excludeClasses: [0] });
    expect(report.settings.quirks.binaryPositiveLabel).toBe(1);
  });

  it("average='binary' refuses what scikit-learn refuses: more than two labels, or two without pos_label", () => {
    const refused = (numClasses: number, gt: number[], pred: number[], option: string, text: RegExp) => {
      expect(() => sklearn(numClasses, gt, pred, { average: 'binary' })).toThrow(text);
      expect(() => sklearn(numClasses, gt, pred, { average: 'binary' })).toThrow(
        expect.objectContaining({
          code: ErrorCode.INVALID_OPTION,
          context: expect.objectContaining({ option }),
        }),
      );
    };
    // "Target is multiclass but average='binary'"; "pos_label=1 is not a valid label. It should be one of [0, 2]".
    refused(3, [0, 1, 2], [0, 1, 2], 'presetOptions.average', /hold 3: 0, 1, 2/);
    refused(3, [0, 1, 1], [0, 255, 1], 'presetOptions.average', /0, 1, 255 \(an ignore label, predicted\)/);
    refused(3, [0, 2, 2], [0, 2, 0], 'presetOptions.pos_label', /pos_label=1 is not a valid label.*0 and 2/);
    // Only a class may be pos_label: the message offers the class labels, not the ignore value.
    expect(() => sklearn(3, [0, 0], [0, 255], { average: 'binary' })).toThrow(
      /hold 0 and 255 \(an ignore label, predicted\) \(scikit-learn raises ValueError\); pos_label may be 0$/,
    );
    // Two ignore labels predicted are two labels to scikit-learn ({1, 254, 255}: multiclass); the counts
    // cannot tell them apart, so this is refused rather than counted as one.
    const twoIgnores = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [254, 255] }).update(
      [1, 254, 255],
      [1, 1, 1],
    );
    expect(() => evaluate(twoIgnores, { preset: 'sklearn', presetOptions: { average: 'binary' } })).toThrow(
      /average='binary' cannot count the labels: predictions of the ignore labels \[254,255\]/,
    );
    expect(() => sklearn(3, [0, 1], [0, 1], { average: 'binary', pos_label: 3 })).toThrow(
      /presetOptions\.pos_label must be a class id in \[0, 3\)/,
    );
    // pos_label is ignored under the other averages, as in scikit-learn.
    expect(sklearn(3, [0, 1], [0, 1], { pos_label: 7 })[0]).toBe(1);
  });

  it('a mean over no label is NaN when nothing is counted (labels=None), whatever zero_division says', () => {
    // Every ground-truth pixel ignored: scikit-learn sees empty arrays. macro: nan; weighted: jaccard nan
    // (the unweighted mean of nothing), precision/recall/F1 zero_division; micro: zero_division.
    const nothing = (options: PresetOptions) => sklearn(3, [255, 255], [1, 2], options);
    expect(nothing({})).toEqual([N, N, N, N]);
    expect(nothing({ zero_division: 1 })).toEqual([N, N, N, N]);
    expect(nothing({ average: 'weighted' })).toEqual([N, 0, 0, 0]);
    expect(nothing({ average: 'weighted', zero_division: 1 })).toEqual([N, 1, 1, 1]);
    expect(nothing({ average: 'micro', zero_division: 1 })).toEqual([1, 1, 1, 1]);
    // With labels given, each label is 0/0 = zero_division, as before.
    expect(nothing({ labels: [0, 1], zero_division: 1 })).toEqual([1, 1, 1, 1]);
  });
});

describe('keras', () => {
  // Golden values from Keras' own tests, keras/src/metrics/iou_metrics_test.py (keras-team/keras 3422977).
  it("reproduces MeanIoU's documented examples: a nonzero denominator makes a class count, 0 when none does", () => {
    // test_unweighted: y_true [0, 0, 1, 1], y_pred [0, 1, 0, 1] → (1/3 + 1/3) / 2.
    const m = new ConfusionMatrix({ numClasses: 2 }).update([0, 1, 0, 1], [0, 0, 1, 1]);
    expect(evaluate(m, { preset: 'keras' }).summary.mIoU).toBeCloseTo(1 / 3, 15);
    // test_zero_valid_entries: no update → 0.
    expect(evaluate(new ConfusionMatrix({ numClasses: 2 }), { preset: 'keras' }).summary.mIoU).toBe(0);
    // test_zero_and_non_zero_entries: y_true [1], y_pred [1] → 1.
    expect(
      evaluate(new ConfusionMatrix({ numClasses: 2 }).update([1], [1]), { preset: 'keras' }).summary.mIoU,
    ).toBe(1);
    // test_unweighted_ignore_class_255: y_true [0, 1, 2, 255], y_pred [0, 1, 1, 1], num_classes 3 → 0.5.
    const ignore = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 }).update(
      [0, 1, 1, 1],
      [0, 1, 2, 255],
    );
    expect(evaluate(ignore, { preset: 'keras' }).summary.mIoU).toBeCloseTo((1 + 1 / 2 + 0) / 3, 15);
  });

  it("drops a pixel predicted outside [0, num_classes) and averages only target_class_ids (IoU's tests)", () => {
    // test_out_of_range_y_pred_ignored: y_true [0, 1], y_pred [0, 2], num_classes 2 → 1.0 (2 is an ignore value here).
    const m = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 2 }).update([0, 2], [0, 1]);
    expect(evaluate(m, { preset: 'keras' }).summary.mIoU).toBe(1);
    // test_absent_class_contributes_zero: num_classes 4, target_class_ids [0, 1, 2, 3] → 1/3.
    const four = new ConfusionMatrix({ numClasses: 4 }).update([0, 1, 0, 1], [0, 0, 1, 1]);
    const report = evaluate(four, { preset: 'keras', presetOptions: { target_class_ids: [0, 1, 2, 3] } });
    expect(report.summary.mIoU).toBeCloseTo(1 / 3, 15);
    // target_class_ids [1, 0] averages the same classes in another order.
    expect(
      evaluate(four, { preset: 'keras', presetOptions: { target_class_ids: [1, 0] } }).summary.mIoU,
    ).toBeCloseTo(1 / 3, 15);
    expect(
      evaluate(matrix(), { preset: 'keras', presetOptions: { target_class_ids: [1, 2] } }).summary.mIoU,
    ).toBe(0.5);
  });
});

describe('mmseg', () => {
  it('keeps NaN per class and computes the F-score from precision and recall', () => {
    const report = evaluate(matrix(), { preset: 'mmseg' });
    expect(report.perClass.map((c) => c.iou)).toEqual([2 / 3, 0.5, N]);
    expect(report.perClass.map((c) => c.fscore)).toEqual([0.8, 2 / 3, N]);
  });

  it('reproduces skipping classes whose precision and recall are both 0 (two swapped classes give mFscore 1)', () => {
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

  it('with an ignore index inside the class range counts a prediction of it as that class (IoU 0, in the mean)', () => {
    // intersect_and_union masks label != ignore_index on the ground truth only, then histograms the
    // predictions, ignore id included. gt [1, 1, 0, 2], pred [1, 0, 0, 2], ignore 0:
    // class 0: I 0, U 1 → 0; class 1: I 1, U 2 → 1/2; class 2: 1 → mIoU 1/2 (plain segmetrics: 3/4).
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 0 }).update([1, 0, 0, 2], [1, 1, 0, 2]);
    const report = evaluate(m, { preset: 'mmseg' });
    expect(report.perClass.map((c) => c.iou)).toEqual([0, 0.5, 1]);
    expect(report.perClass.map((c) => c.recall)).toEqual([N, 0.5, 1]);
    expect(report.summary.mIoU).toBe(0.5);
    expect(report.predictedOnlyClasses).toEqual([0]);
    expect(evaluate(m).summary.mIoU).toBe(0.75);
  });

  it('refuses to guess when predictions of several ignore labels are counted together', () => {
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [0, 255] }).update(
      [1, 0, 255, 2],
      [1, 1, 1, 2],
    );
    expect(() => evaluate(m, { preset: 'mmseg' })).toThrow(code(ErrorCode.INVALID_OPTION, 'ignoreIndex'));
    expect(evaluate(m).summary.mIoU).toBeCloseTo((1 / 3 + 1) / 2, 15);
    // No prediction of an ignore label: nothing to attribute.
    const clean = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [0, 255] }).update([1, 1, 2], [1, 1, 2]);
    expect(evaluate(clean, { preset: 'mmseg' }).summary.mIoU).toBe(1);
  });
});

describe('detectron2', () => {
  it('leaves a class predicted but absent from the ground truth out (NaN), unlike the default', () => {
    // gt [0, 0, 1, 1], pred [0, 2, 1, 1]: class 2 predicted only.
    const m = new ConfusionMatrix({ numClasses: 3 }).update([0, 2, 1, 1], [0, 0, 1, 1]);
    const d2 = evaluate(m, { preset: 'detectron2' });
    expect(d2.perClass.map((c) => c.iou)).toEqual([0.5, 1, N]);
    expect(d2.summary.mIoU).toBe(0.75);
    expect(d2.summary.mAcc).toBe(0.75);
    expect(d2.summary.aAcc).toBe(0.75);
    expect(d2.summary.fwIoU).toBe(0.75);
    expect(evaluate(m).summary.mIoU).toBe(0.5);
    expect(evaluate(m, { predictedOnly: 'skip' }).summary.mIoU).toBe(0.75);
  });

  it('gives fwIoU 0 when no ground-truth pixel is counted (its sum over no class), the rest NaN', () => {
    // SemSegEvaluator.evaluate (detectron2 02b5c4e): fiou = np.sum(iou[iou_valid] * class_weights[iou_valid]).
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 }).update([0, 2], [255, 255]);
    const { summary } = evaluate(m, { preset: 'detectron2' });
    expect(summary.fwIoU).toBe(0);
    expect([summary.mIoU, summary.mAcc, summary.aAcc]).toEqual([N, N, N]);
    expect(evaluate(m).summary.fwIoU).toBe(N);
    // An image with nothing counted has no fwIoU of its own (NaN, ranked last), as per-image means.
    const images = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true })
      .update([0, 2], [255, 255], { sampleId: 'a' })
      .update([0, 1], [0, 1], { sampleId: 'b' });
    const byFw = evaluate(images, { preset: 'detectron2', perImage: { by: 'fwIoU', worst: 2 } });
    expect(byFw.perImage?.map((row) => [row.sampleId, row.fwIoU])).toEqual([
      ['b', 1],
      ['a', N],
    ]);
    expect(byFw.summary.fwIoU).toBe(1);
  });
});

describe('monai', () => {
  // img a: gt [0, 0, 1, 1], pred [0, 0, 1, 2]; img b: gt [0, 0, 0, 0], pred [0, 0, 0, 1].
  const m = () =>
    matrixOf({ numClasses: 3, perImage: true }, [
      [
        [0, 0, 1, 2],
        [0, 0, 1, 1],
      ],
      [
        [0, 0, 0, 1],
        [0, 0, 0, 0],
      ],
    ]);

  it('ignore_empty=True: classes with an empty ground truth are NaN; reduction mean averages images, then classes', () => {
    const report = evaluate(m(), { preset: 'monai' });
    // a: Dice [1, 2/3, NaN] → 5/6; b: [6/7, NaN, NaN] → 6/7.
    closeAll(
      report.perImage?.map((i) => i.mDice),
      [5 / 6, 6 / 7],
    );
    expect(report.summary.mDice).toBeCloseTo((5 / 6 + 6 / 7) / 2, 15);
    const batch = evaluate(m(), { preset: 'monai', presetOptions: { reduction: 'mean_batch' } });
    // per class over the images where it is defined; 0 for a class defined in none.
    closeAll(
      batch.perClass.map((c) => c.dice),
      [(1 + 6 / 7) / 2, 2 / 3, 0],
    );
  });

  it('ignore_empty=False: 1 when neither in the ground truth nor predicted, 0 when only predicted', () => {
    const report = evaluate(m(), { preset: 'monai', presetOptions: { ignore_empty: false } });
    // a: [1, 2/3, 0] → 5/9; b: [6/7, 0, 1] → 13/21.
    closeAll(
      report.perImage?.map((i) => i.mDice),
      [5 / 9, (6 / 7 + 1) / 3],
    );
    const fg = evaluate(m(), { preset: 'monai', presetOptions: { include_background: false } });
    // b has no defined foreground class: MONAI's channel mean is 0 with not_nans 0, and its mean over
    // images leaves it out. Its per-image value is undefined (NaN), as the summary takes it, so that it
    // ranks last among the worst images instead of first.
    expect(fg.perImage?.[0]?.mDice).toBeCloseTo(2 / 3, 14);
    expect(fg.perImage?.[1]?.mDice).toBeNaN();
    expect(fg.perImage?.[1]?.mIoU).toBeNaN();
    expect(fg.summary.mDice).toBeCloseTo(2 / 3, 15);
    expect(rankImages(fg.perImage!).map((i) => i.sampleId)).toEqual(fg.perImage!.map((i) => i.sampleId));
  });
});

describe('torchmetrics-dice and torchmetrics-generalized-dice', () => {
  it("DiceScore's samplewise weighted mean is 0 for an image whose included classes have no ground truth", () => {
    // img b: gt all 0, pred has class 1; include_background=false → weights sum to 0, Dice of class 1 is 0.
    const m = matrixOf({ numClasses: 2, perImage: true }, [
      [
        [0, 1],
        [1, 1],
      ],
      [
        [0, 1],
        [0, 0],
      ],
    ]);
    const options = { include_background: false, average: 'weighted' };
    const report = evaluate(m, { preset: 'torchmetrics-dice', presetOptions: options });
    closeAll(
      report.perImage?.map((i) => i.mDice),
      [2 / 3, 0],
    );
    expect(report.summary.mDice).toBeCloseTo(1 / 3, 15);
  });

  it('GeneralizedDiceScore weighs each class by 1/support² and gives a class without ground truth weight 0', () => {
    // gt [0, 0, 0, 1], pred [0, 0, 1, 2]: class 0 (s 3, I 2, P+T 5), class 1 (s 1, I 0, P+T 2), class 2 (s 0).
    const m = matrixOf({ numClasses: 3, perImage: true }, [
      [
        [0, 0, 1, 2],
        [0, 0, 0, 1],
      ],
    ]);
    const square = evaluate(m, { preset: 'torchmetrics-generalized-dice' }).summary.mDice;
    expect(square).toBeCloseTo((2 * 2 * (1 / 9)) / (5 / 9 + 2), 15);
    const linear = evaluate(m, {
      preset: 'torchmetrics-generalized-dice',
      presetOptions: { weight_type: 'linear' },
    });
    expect(linear.summary.mDice).toBeCloseTo(4 / 8, 15);
  });
});
