import type { ConfusionMatrix } from '@segmetrics/core';
import type { EvaluateOptions, PerImageSelection } from '@segmetrics/metrics';
import { buildRunReport, type ReportShard, type RunReport, runEvaluateOptions } from '@segmetrics/report';
import type { ConfidenceRequest } from '../options/confidence-flags.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { VERSION } from '../version.js';

/** Extra facts about the run that go into the report's `settings` (shard, states merged). */
export interface RunInfo {
  readonly shard?: ReportShard | null;
  readonly mergedStates?: number;
}

/** A run's evaluation and the report model built from it. */
export type { RunReport } from '@segmetrics/report';

/**
 * The `@segmetrics/metrics` options of a run: the `--aggregate`, `--average`, ... choices the user gave
 * (a choice not given is left to the preset, else the metrics package's default) and the class names.
 * @segmetrics/report's `runEvaluateOptions`, which the web app shares.
 */
export function evaluateOptions(settings: EvaluationSettings, perImage: boolean): EvaluateOptions {
  return runEvaluateOptions(settings, perImage);
}

/**
 * Evaluates a run's matrix under its settings and builds the one report model every output shows.
 * `perImage` asks for per-image results (`true` for `--per-image`, `{ worst: n }` for the HTML report's
 * worst images alone); it needs a matrix with per-image statistics. `presetsPerImage` (default true) lets imagewise presets use them
 * (@segmetrics/report's `buildRunReport`, which the web app shares). `confidence` (`--ci`) adds
 * `evaluate()`'s bootstrap intervals (the matrix must keep per-image statistics).
 */
export function runReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  run: RunInfo = {},
  perImage: boolean | PerImageSelection = false,
  presetsPerImage = true,
  confidence: ConfidenceRequest | null = null,
): RunReport {
  return buildRunReport(
    matrix,
    confidence === null ? settings : { ...settings, report: { ...settings.report, confidence } },
    {
      toolVersion: VERSION,
      perImage,
      presetsPerImage,
      shard: run.shard ?? null,
      ...(run.mergedStates === undefined ? {} : { mergedStates: run.mergedStates }),
    },
  );
}
