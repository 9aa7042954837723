import type { ConfusionMatrix } from '@segmetrics/core';
import { comparePresets, type EvaluateOptions, type EvaluationReport, evaluate } from '@segmetrics/metrics';
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
 * Evaluates a run's matrix under its settings and builds the one report model every output shows.
 * `perImage` asks for per-image results (for `--per-image` and the HTML report's worst images); it needs
 * a matrix with per-image statistics.
 */
export function runReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  run: RunInfo = {},
  perImage = false,
): RunReport {
  const evaluation = evaluate(matrix, evaluateOptions(settings, perImage));
  const libraries = comparePresets(matrix, { classNames: settings.classNames });
  const report = buildReport({
    evaluation,
    matrix,
    libraries,
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
