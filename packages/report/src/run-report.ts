import type { ConfusionMatrix } from '@segmetrics/core';
import {
  cityscapesScores,
  comparePresets,
  type EvaluationReport,
  evaluate,
  type PerImageSelection,
  type PresetOutcome,
} from '@segmetrics/metrics';
import { buildReport } from './build-report.js';
import type { Report, ReportShard } from './report-model.js';
import { runEvaluateOptions } from './run-evaluate-options.js';
import type { RunSettings } from './run-settings.js';

/** The dataset preset whose runs report the Cityscapes benchmark's scores (iIoU, categories). */
const CITYSCAPES_DATASET = 'cityscapes-labelids';

/** How a run's report is made besides its settings. */
export interface BuildRunReportOptions {
  /** Version of the tool writing the report (the report's `version`). */
  readonly toolVersion: string;
  /**
   * Compute per-image results (`--per-image`: all of them; the HTML report's worst images: `{ worst: n }`,
   * which ranks every image but computes the full results of those n only); needs per-image statistics.
   */
  readonly perImage?: boolean | PerImageSelection;
  /**
   * Let imagewise presets use the matrix's per-image statistics (default true). False when they were
   * kept only for the HTML report's worst images: the presets then report as on a matrix without them,
   * so that asking for the HTML report never changes the JSON report.
   */
  readonly presetsPerImage?: boolean;
  /** The shard the report covers, if any. */
  readonly shard?: ReportShard | null;
  /** How many state files a merge combined. */
  readonly mergedStates?: number;
}

/** A run's evaluation and the report model built from it. */
export interface RunReport {
  readonly evaluation: EvaluationReport;
  readonly report: Report;
}

/**
 * What other libraries report on a run's matrix (`comparePresets`). With `presetsPerImage` false,
 * imagewise presets are given as on a matrix without per-image statistics (`summary: null`).
 */
export function runLibraries(
  matrix: ConfusionMatrix,
  settings: RunSettings,
  presetsPerImage = true,
): PresetOutcome[] {
  return comparePresets(matrix, { classNames: settings.classNames, perImage: presetsPerImage });
}

/**
 * Evaluates a run's matrix under its settings (`runEvaluateOptions`), asks every compatibility preset
 * what it reports ({@link runLibraries}), adds the Cityscapes scores for a `cityscapes-labelids` run
 * (`cityscapesScores`; the matrix must carry what they need) and builds the one report model every output shows. The CLI
 * (`eval`, `merge`) and the web app make their reports with it, so the same counts and settings give
 * the same report, byte for byte once rendered.
 */
export function buildRunReport(
  matrix: ConfusionMatrix,
  settings: RunSettings,
  options: BuildRunReportOptions,
): RunReport {
  const evaluation = evaluate(matrix, runEvaluateOptions(settings, options.perImage ?? false));
  const libraries = runLibraries(matrix, settings, options.presetsPerImage ?? true);
  // The Cityscapes benchmark's iIoU and category scores (docs/semantics.md, "Cityscapes").
  const cityscapes = settings.dataset === CITYSCAPES_DATASET ? cityscapesScores(matrix) : undefined;
  const report = buildReport({
    evaluation,
    matrix,
    libraries,
    ...(cityscapes === undefined ? {} : { cityscapes }),
    run: {
      toolVersion: options.toolVersion,
      metrics: settings.report.metrics,
      dataset: settings.dataset,
      shard: options.shard ?? null,
      ...(options.mergedStates === undefined ? {} : { mergedStates: options.mergedStates }),
    },
  });
  return { evaluation, report };
}
