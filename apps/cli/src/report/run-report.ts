import { ConfusionMatrix } from '@segmetrics/core';
import {
  cityscapesScores,
  comparePresets,
  type EvaluateOptions,
  type EvaluationReport,
  evaluate,
  type PresetOutcome,
} from '@segmetrics/metrics';
import { buildReport, type Report, type ReportShard } from '@segmetrics/report';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { VERSION } from '../version.js';

/** Extra facts about the run that go into the report's `settings` (shard, states merged). */
export interface RunInfo {
  readonly shard?: ReportShard | null;
  readonly mergedStates?: number;
}

/** A run's evaluation and the report model built from it. */
export interface RunReport {
  readonly evaluation: EvaluationReport;
  readonly report: Report;
}

/**
 * The `@segmetrics/metrics` options of a run: the `--aggregate`, `--average`, ... choices the user gave
 * (a choice not given is left to the preset, else the metrics package's default) and the class names.
 */
export function evaluateOptions(settings: EvaluationSettings, perImage: boolean): EvaluateOptions {
  const { report } = settings;
  return {
    classNames: [...settings.classNames],
    perImage,
    ...(report.preset === null ? {} : { preset: report.preset as NonNullable<EvaluateOptions['preset']> }),
    ...(report.aggregate === null ? {} : { aggregate: report.aggregate }),
    ...(report.imageReduce === null ? {} : { imageReduce: report.imageReduce }),
    ...(report.average === null ? {} : { average: report.average }),
    ...(report.absent === null ? {} : { absent: report.absent }),
    ...(report.beta === null ? {} : { beta: report.beta }),
    ...(report.excludeClasses.length > 0 ? { excludeClasses: [...report.excludeClasses] } : {}),
    ...(report.presetOptions === undefined ? {} : { presetOptions: report.presetOptions }),
    ...(report.predictedOnly === undefined ? {} : { predictedOnly: report.predictedOnly }),
  };
}

/**
 * What other libraries report on the matrix. With `presetsPerImage` false, imagewise presets are given
 * as on a matrix without per-image statistics (`summary: null`), so that per-image statistics kept only
 * for the HTML report (`--report`) leave the JSON report unchanged.
 */
function libraryOutcomes(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  presetsPerImage: boolean,
): PresetOutcome[] {
  const options = { classNames: settings.classNames };
  const outcomes = comparePresets(matrix, options);
  if (presetsPerImage || !matrix.settings.perImage) return outcomes;
  const plain = comparePresets(new ConfusionMatrix({ ...settings.matrixOptions, perImage: false }), options);
  return outcomes.map((outcome, i) => {
    const without = plain[i];
    return without !== undefined && without.summary === null && outcome.summary !== null ? without : outcome;
  });
}

/**
 * Evaluates a run's matrix under its settings and builds the one report model every output shows.
 * `perImage` asks for per-image results (for `--per-image` and the HTML report's worst images); it needs
 * a matrix with per-image statistics. `presetsPerImage` (default true) lets imagewise presets use them
 * (see {@link libraryOutcomes}).
 */
export function runReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  run: RunInfo = {},
  perImage = false,
  presetsPerImage = true,
): RunReport {
  const evaluation = evaluate(matrix, evaluateOptions(settings, perImage));
  const libraries = libraryOutcomes(matrix, settings, presetsPerImage);
  // The Cityscapes benchmark's iIoU and category scores (docs/semantics.md, "Cityscapes").
  const cityscapes = settings.dataset === 'cityscapes-labelids' ? cityscapesScores(matrix) : undefined;
  const report = buildReport({
    evaluation,
    matrix,
    libraries,
    ...(cityscapes === undefined ? {} : { cityscapes }),
    run: {
      toolVersion: VERSION,
      metrics: settings.report.metrics,
      dataset: settings.dataset,
      shard: run.shard ?? null,
      ...(run.mergedStates === undefined ? {} : { mergedStates: run.mergedStates }),
    },
  });
  return { evaluation, report };
}
