import { ConfusionMatrix } from '@segmetrics/core';
import { type CityscapesScores, comparePresets, evaluate, metricRegistry } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { REPORT_SCHEMA_VERSION } from './report-model.js';

const names = ['road', 'car', 'sky', 'train'];

/** 4 classes, ignore 255: train absent, sky predicted only, one pixel predicted as 255. */
function matrix(): ConfusionMatrix {
  const m = new ConfusionMatrix({ numClasses: 4, ignoreIndex: 255, perImage: true });
  m.update([0, 0, 1, 2, 255, 0], [0, 0, 1, 1, 1, 255], { sampleId: 'a' });
  m.update([1, 1, 0, 0], [1, 1, 0, 0], { sampleId: 'b' });
  return m;
}

function build(options: Parameters<typeof evaluate>[1] = {}) {
  const m = matrix();
  const evaluation = evaluate(m, { classNames: names, ...options });
  const report = buildReport({
    evaluation,
    matrix: m,
    libraries: comparePresets(m, { classNames: names }),
    run: { toolVersion: '9.9.9', metrics: ['iou'], dataset: null, shard: { index: 2, count: 3 } },
  });
  return { m, evaluation, report };
}

describe('buildReport', () => {
  it("carries the pixels a convention dropped, and confused pairs' shares of the supports it shows", () => {
    // One 8-pixel image: road has 4 pixels, one predicted as car and one as 255. Keras drops the 255
    // (keras/src/metrics/iou_metrics.py: predictions outside [0, num_classes) are discarded).
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
    m.update([0, 0, 1, 255, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 2, 2]);
    const classNames = names.slice(0, 3);
    const report = buildReport({
      evaluation: evaluate(m, { classNames, preset: 'keras' }),
      matrix: m,
      run: { toolVersion: '1' },
    });
    expect(report.pixels).toEqual({ counted: 7, ignored: 0, dropped: 1, predictedIgnore: 1 });
    expect(report.pixels.counted + report.pixels.ignored + report.pixels.dropped).toBe(8);
    expect(report.perClass[0]!.support).toBe(3);
    expect(report.confusedPairs[0]).toMatchObject({ gt: 0, predicted: 1, pixels: 1, shareOfGt: 1 / 3 });
    const mmseg = buildReport({
      evaluation: evaluate(m, { classNames, preset: 'mmseg' }),
      matrix: m,
      run: { toolVersion: '1' },
    });
    expect(mmseg.pixels).toEqual({ counted: 8, ignored: 0, dropped: 0, predictedIgnore: 1 });
    expect(mmseg.confusedPairs[0]!.shareOfGt).toBe(1 / 4);
  });

  it('copies every number from the evaluation, unchanged', () => {
    const { evaluation, report } = build();
    expect(report.summary).toBe(evaluation.summary);
    expect(report.images).toBe(2);
    expect(report.pixels).toEqual({ counted: 9, ignored: 1, dropped: 0, predictedIgnore: 1 });
    expect(report.absentClasses).toEqual([3]);
    expect(report.predictedOnlyClasses).toEqual([2]);
    for (const [k, row] of report.perClass.entries()) {
      const source = evaluation.perClass[k]!;
      expect(row.id).toBe(k);
      expect(row.name).toBe(names[k]);
      for (const metric of metricRegistry) {
        if (metric.kind === 'per-class') expect(row[metric.id]).toBe(source[metric.id]);
      }
      expect(row.acc).toBe(source.recall);
      expect([row.tp, row.fp, row.fn, row.tn]).toEqual([source.tp, source.fp, source.fn, source.tn]);
    }
  });

  it("copies the matrix's counts: rows = ground truth, and the predicted-as-ignore column", () => {
    const { report } = build();
    expect(report.confusionMatrix).toEqual([
      [4, 0, 0, 0],
      [0, 3, 1, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(report.predictedIgnore).toEqual([0, 1, 0, 0]);
  });

  it('names the confused pairs with the JSON contract field names', () => {
    const { report } = build();
    expect(report.confusedPairs).toEqual([
      { gt: 1, gtName: 'car', predicted: 2, predictedName: 'sky', pixels: 1, shareOfGt: 1 / 5 },
    ]);
  });

  it('records the settings of the evaluation and of the run', () => {
    const { evaluation, report } = build({ absent: 'zero', excludeClasses: [0] });
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.tool).toBe('segmetrics');
    expect(report.version).toBe('9.9.9');
    expect(report.numClasses).toBe(4);
    expect(report.classNames).toEqual(names);
    expect(report.settings).toMatchObject({
      aggregate: 'dataset',
      imageReduce: null,
      average: 'macro',
      absent: 'zero',
      excludeClasses: [0],
      preset: null,
      ignoreIndex: [255],
      labelMapping: null,
      metrics: ['iou'],
      dataset: null,
      shard: { index: 2, count: 3 },
      metricsVersion: evaluation.version,
    });
    expect(report.settings).not.toHaveProperty('classNames');
    expect(report.settings).not.toHaveProperty('mergedStates');
  });

  it('lists what every preset reports on the same counts, as comparePresets gives it', () => {
    const { m, report } = build();
    const expected = comparePresets(m, { classNames: names });
    expect(report.libraries.map((l) => l.preset)).toEqual(expected.map((e) => e.preset));
    for (const [i, lib] of report.libraries.entries()) {
      expect(lib.summary).toEqual(expected[i]!.summary);
      expect(lib.description).toBe(expected[i]!.description);
    }
    const sklearn = report.libraries.find((l) => l.preset === 'sklearn')!;
    expect(sklearn.summary!.mIoU).not.toBe(report.summary.mIoU);
  });

  it('works for an empty matrix: every ratio is 0/0, nothing is thrown', () => {
    const m = new ConfusionMatrix({ numClasses: 2 });
    const report = buildReport({ evaluation: evaluate(m), matrix: m, run: { toolVersion: '1' } });
    expect(report.images).toBe(0);
    expect(Number.isNaN(report.summary.mIoU)).toBe(true);
    expect(report.absentClasses).toEqual([0, 1]);
    expect(report.libraries).toEqual([]);
    expect(report.settings.metrics).toBeNull();
    expect(report.settings.shard).toBeNull();
  });
});

/** Cityscapes scores as `cityscapesScores` returns them, for a 4-class stand-in. */
function cityscapesScores(instances: boolean): CityscapesScores {
  return {
    perClass: names.map((name, id) => ({
      id,
      labelId: id + 7,
      name,
      iou: 0.5 + id / 10,
      iiou: id === 1 ? 0.25 : Number.NaN,
    })),
    perCategory: [
      { name: 'flat', iou: 0.9, iiou: Number.NaN },
      { name: 'vehicle', iou: 0.7, iiou: 0.3 },
    ],
    summary: { mIoU: 0.6, iIoU: 0.25, categoryIoU: 0.8, categoryIIoU: 0.3 },
    instances,
  };
}

describe('buildReport with Cityscapes scores', () => {
  it('copies iIoU per class, the categories and the benchmark summary', () => {
    const m = matrix();
    const evaluation = evaluate(m, { classNames: names });
    const report = buildReport({
      evaluation,
      matrix: m,
      cityscapes: cityscapesScores(true),
      run: { toolVersion: '1' },
    });
    expect(report.perClass.map((row) => row.iiou)).toEqual([Number.NaN, 0.25, Number.NaN, Number.NaN]);
    expect(report.perCategory).toEqual([
      { name: 'flat', iou: 0.9, iiou: Number.NaN },
      { name: 'vehicle', iou: 0.7, iiou: 0.3 },
    ]);
    expect(report.summary).toEqual({
      ...evaluation.summary,
      iIoU: 0.25,
      categoryIoU: 0.8,
      categoryIIoU: 0.3,
    });
    expect(report.perClass[0]!.iou).toBe(evaluation.perClass[0]!.iou);
  });

  it('leaves the iIoU fields out when no instances were counted', () => {
    const m = matrix();
    const evaluation = evaluate(m, { classNames: names });
    const report = buildReport({
      evaluation,
      matrix: m,
      cityscapes: cityscapesScores(false),
      run: { toolVersion: '1' },
    });
    expect(report.perClass.every((row) => !('iiou' in row))).toBe(true);
    expect(report.perCategory).toEqual([
      { name: 'flat', iou: 0.9 },
      { name: 'vehicle', iou: 0.7 },
    ]);
    expect(report.summary).toEqual({ ...evaluation.summary, categoryIoU: 0.8 });
  });

  it('has no Cityscapes fields without Cityscapes scores', () => {
    const { report } = build();
    expect(report).not.toHaveProperty('perCategory');
    expect(report.summary).not.toHaveProperty('iIoU');
  });
});

describe('buildReport with confidence intervals', () => {
  it('copies evaluate()’s confidence unchanged, and the JSON, Markdown views show it', async () => {
    const { reportToJson } = await import('./report-to-json.js');
    const { reportToMarkdown } = await import('./report-to-markdown.js');
    const m = matrix();
    const evaluation = evaluate(m, { classNames: names, confidence: { samples: 50, seed: 3 } });
    const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '9.9.9' } });
    expect(report.confidence).toBe(evaluation.confidence);
    const json = JSON.parse(reportToJson(report));
    expect(json.confidence).toMatchObject({
      level: 0.95,
      samples: 50,
      seed: 3,
      method: 'percentile',
      unit: 'image',
    });
    expect(json.confidence.summary.mIoU).toEqual(evaluation.confidence!.summary.mIoU);
    expect(json.confidence.perClass[3]).toBeNull();
    const [low, high] = evaluation.confidence!.summary.mIoU!;
    expect(reportToMarkdown(report)).toContain(`[${(low * 100).toFixed(1)}, ${(high * 100).toFixed(1)}]`);
    expect(buildReport({ evaluation: evaluate(m), matrix: m, run: { toolVersion: '1' } })).not.toHaveProperty(
      'confidence',
    );
  });
});
