import { ConfusionMatrix } from '@segmetrics/core';
import { datasetPresets } from '@segmetrics/io';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { resolveRunSettings } from './resolve-run-settings.js';
import { runEvaluateOptions } from './run-evaluate-options.js';

function thrown(fn: () => unknown): { code?: string; message?: string; context?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  return {};
}

describe('resolveRunSettings', () => {
  it('resolveRunSettings keeps the class count and nothing else when only that is given', () => {
    expect(resolveRunSettings({ numClasses: 3 })).toEqual({
      numClasses: 3,
      classNames: ['class_0', 'class_1', 'class_2'],
      matrixOptions: { numClasses: 3, ignoreIndex: [], perImage: false },
      decodeOptions: {},
      report: {
        aggregate: null,
        imageReduce: null,
        average: null,
        absent: null,
        excludeClasses: [],
        metrics: [],
        preset: null,
        beta: null,
      },
      dataset: null,
    });
  });

  it('resolveRunSettings takes class count, names, ignore labels and mask palette from a dataset preset', () => {
    const settings = resolveRunSettings({ dataset: 'voc' });
    expect(settings.numClasses).toBe(21);
    expect(settings.classNames).toEqual(datasetPresets.voc.classNames);
    expect(settings.matrixOptions).toEqual({ numClasses: 21, ignoreIndex: [255], perImage: false });
    expect(settings.decodeOptions).toEqual({ colorPalette: datasetPresets.voc.maskPalette });
    expect(settings.dataset).toBe('voc');
  });

  it('resolveRunSettings lets explicit choices override the preset, and drops its names for another count', () => {
    const settings = resolveRunSettings({ dataset: 'cityscapes', numClasses: 20, ignoreIndex: [0, 255, 0] });
    expect(settings.classNames[19]).toBe('class_19');
    expect(settings.matrixOptions.ignoreIndex).toEqual([0, 255]);
    const palette = { '#010203': 1 };
    expect(resolveRunSettings({ dataset: 'voc', colorPalette: palette }).decodeOptions).toEqual({
      colorPalette: palette,
    });
  });

  it('resolveRunSettings maps with reduce-zero-label (ignoring 255 unless told otherwise) and the dataset table', () => {
    expect(resolveRunSettings({ numClasses: 150, reduceZeroLabel: true }).matrixOptions).toEqual({
      numClasses: 150,
      ignoreIndex: [255],
      labelMapping: { reduceZeroLabel: true },
      perImage: false,
    });
    expect(resolveRunSettings({ dataset: 'ade20k' }).matrixOptions.labelMapping).toEqual({
      reduceZeroLabel: true,
    });
    expect(
      resolveRunSettings({ dataset: 'ade20k', reduceZeroLabel: false }).matrixOptions.labelMapping,
    ).toBeUndefined();
    const labelIds = resolveRunSettings({ dataset: 'cityscapes-labelids' }).matrixOptions.labelMapping;
    expect(labelIds).toMatchObject({ table: datasetPresets['cityscapes-labelids'].labelMapping?.table });
    expect(labelIds).toMatchObject({ reduceZeroLabel: false, applyTo: 'both' });
    const table = { 1: 0, 2: null };
    expect(resolveRunSettings({ numClasses: 2, labelMap: table }).matrixOptions.labelMapping).toEqual({
      table,
      reduceZeroLabel: false,
    });
  });

  it('resolveRunSettings keeps per-image statistics for image aggregation, given or from the preset', () => {
    expect(resolveRunSettings({ numClasses: 2, aggregate: 'image' }).matrixOptions.perImage).toBe(true);
    expect(resolveRunSettings({ numClasses: 2, preset: 'torchmetrics-meaniou' }).matrixOptions.perImage).toBe(
      true,
    );
    expect(resolveRunSettings({ numClasses: 2, perImage: true }).matrixOptions.perImage).toBe(true);
    expect(resolveRunSettings({ numClasses: 2, preset: 'mmseg' }).matrixOptions.perImage).toBe(false);
  });

  it('resolveRunSettings passes the report choices through, parsing preset options', () => {
    const settings = resolveRunSettings({
      numClasses: 3,
      preset: 'sklearn',
      presetOptions: ['labels=0,2'],
      absent: 'zero',
      excludeClasses: [2, 0, 2],
      metrics: ['iou', 'mIoU'],
      predictedOnly: 'skip',
      beta: 2,
    });
    expect(settings.report).toMatchObject({
      preset: 'sklearn',
      absent: 'zero',
      excludeClasses: [0, 2],
      metrics: ['iou', 'mIoU'],
      predictedOnly: 'skip',
      beta: 2,
    });
    expect(settings.report.presetOptions).toMatchObject({ labels: [0, 2] });
  });

  it('resolveRunSettings names the option of each mistake as the caller calls it', () => {
    const names = {
      optionNames: { numClasses: '--num-classes', dataset: '--dataset', classNames: '--classes' },
    };
    expect(thrown(() => resolveRunSettings({}, names))).toMatchObject({
      code: 'INVALID_OPTION',
      message: '--num-classes: required (or give --dataset or --classes)',
      context: { option: '--num-classes' },
    });
    expect(
      thrown(() =>
        resolveRunSettings({ numClasses: 3, classNames: ['a'] }, { ...names, classNamesSource: 'names.txt' }),
      ),
    ).toMatchObject({
      code: 'INVALID_OPTION',
      message: '--classes: names.txt holds 1 names but there are 3 classes',
    });
    expect(thrown(() => resolveRunSettings({ numClasses: 0 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => resolveRunSettings({ numClasses: 2, excludeClasses: [2] })).code).toBe(
      'INVALID_OPTION',
    );
    expect(thrown(() => resolveRunSettings({ numClasses: 2, presetOptions: ['x=1'] })).code).toBe(
      'INVALID_OPTION',
    );
    expect(thrown(() => resolveRunSettings({ numClasses: 2, preset: 'nope' }))).toMatchObject({
      code: 'UNKNOWN_PRESET',
      context: { option: 'preset' },
    });
    expect(thrown(() => resolveRunSettings({ dataset: 'nope' })).code).toBe('UNKNOWN_PRESET');
    expect(thrown(() => resolveRunSettings({ numClasses: 2, metrics: ['nope'] })).code).toBe(
      'UNKNOWN_METRIC',
    );
  });

  it('resolveRunSettings takes an unknown-colour label only when it is a class, ignored, or mapped', () => {
    expect(thrown(() => resolveRunSettings({ numClasses: 3, unknownColor: 7 }))).toMatchObject({
      code: 'INVALID_OPTION',
      context: { option: 'unknownColor', value: 7 },
    });
    expect(resolveRunSettings({ numClasses: 3, unknownColor: 2 }).decodeOptions.unknownColor).toBe(2);
    expect(
      resolveRunSettings({ numClasses: 3, ignoreIndex: [255], unknownColor: 255 }).decodeOptions.unknownColor,
    ).toBe(255);
    expect(
      resolveRunSettings({ numClasses: 3, reduceZeroLabel: true, unknownColor: 0 }).decodeOptions
        .unknownColor,
    ).toBe(0);
  });
});

describe('runEvaluateOptions', () => {
  it('runEvaluateOptions asks evaluate for confidence intervals, on a matrix with per-image statistics', () => {
    const settings = resolveRunSettings({ numClasses: 2, confidence: { level: 0.9, samples: 50, seed: 3 } });
    expect(settings.matrixOptions.perImage).toBe(true);
    const options = runEvaluateOptions(settings, false);
    expect(options.confidence).toEqual({ level: 0.9, samples: 50, seed: 3 });
    const matrix = new ConfusionMatrix(settings.matrixOptions);
    matrix.update([0, 1, 1, 0], [0, 1, 0, 0], { sampleId: 'a' });
    matrix.update([1, 1, 0, 0], [1, 1, 0, 1], { sampleId: 'b' });
    expect(evaluate(matrix, options).confidence).toMatchObject({ level: 0.9, samples: 50, seed: 3 });
    expect(runEvaluateOptions(resolveRunSettings({ numClasses: 2 }), false).confidence).toBeUndefined();
  });

  it('runEvaluateOptions passes only the choices given, so that a preset keeps its own', () => {
    const settings = resolveRunSettings({ numClasses: 2, preset: 'torchmetrics-meaniou' });
    expect(runEvaluateOptions(settings, false)).toEqual({
      classNames: ['class_0', 'class_1'],
      perImage: false,
      preset: 'torchmetrics-meaniou',
    });
    const matrix = new ConfusionMatrix(settings.matrixOptions);
    matrix.update([0, 1, 1, 0], [0, 1, 0, 0], { sampleId: 'a' });
    expect(evaluate(matrix, runEvaluateOptions(settings, true)).settings.aggregate).toBe('image');
  });

  it('runEvaluateOptions carries every report choice', () => {
    const settings = resolveRunSettings({
      numClasses: 3,
      aggregate: 'image',
      imageReduce: 'pooled',
      average: 'weighted',
      absent: 0.5,
      beta: 2,
      excludeClasses: [1],
      predictedOnly: 'skip',
    });
    expect(runEvaluateOptions(settings, true)).toEqual({
      classNames: ['class_0', 'class_1', 'class_2'],
      perImage: true,
      aggregate: 'image',
      imageReduce: 'pooled',
      average: 'weighted',
      absent: 0.5,
      beta: 2,
      excludeClasses: [1],
      predictedOnly: 'skip',
    });
  });

  it('counts Boundary IoU when asked, with the paper’s default ratio, and refuses a ratio outside (0, 1]', () => {
    expect(resolveRunSettings({ numClasses: 3 }).matrixOptions.boundary).toBeUndefined();
    expect(resolveRunSettings({ numClasses: 3, boundary: null }).matrixOptions.boundary).toBeUndefined();
    expect(resolveRunSettings({ numClasses: 3, boundary: {} }).matrixOptions.boundary).toEqual({
      dilationRatio: 0.02,
    });
    expect(
      resolveRunSettings({ numClasses: 3, boundary: { dilationRatio: 0.005 } }).matrixOptions.boundary,
    ).toEqual({ dilationRatio: 0.005 });
    for (const ratio of [0, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = thrown(() =>
        resolveRunSettings(
          { numClasses: 3, boundary: { dilationRatio: ratio } },
          { optionNames: { boundary: 'Dilation ratio' } },
        ),
      );
      expect(error.code, String(ratio)).toBe('INVALID_OPTION');
      expect(error.message).toMatch(
        /^Dilation ratio: the dilation ratio must be a fraction of the image diagonal/,
      );
    }
  });

  it('resolves excluded classes given as ids, id texts or names (ignoring case) against the run’s names', () => {
    const base = { numClasses: 3, classNames: ['road', 'Sky', 'car'] };
    expect(resolveRunSettings({ ...base, excludeClasses: ['sky', '0', 2, 0] }).report.excludeClasses).toEqual(
      [0, 1, 2],
    );
    // The dataset's names count too.
    expect(
      resolveRunSettings({ dataset: 'voc', excludeClasses: ['background'] }).report.excludeClasses,
    ).toEqual([0]);
    expect(thrown(() => resolveRunSettings({ ...base, excludeClasses: ['water'] })).message).toBe(
      'excludeClasses: unknown class "water" (use an id or a class name)',
    );
    expect(thrown(() => resolveRunSettings({ ...base, excludeClasses: [3] })).message).toBe(
      'excludeClasses: class id 3 is outside [0, 3)',
    );
    expect(thrown(() => resolveRunSettings({ ...base, excludeClasses: ['3'] })).message).toBe(
      'excludeClasses: at most 2 (3 classes), got 3',
    );
  });
});
