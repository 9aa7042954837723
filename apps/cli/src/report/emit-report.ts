import type { ConfusionMatrix } from '@segmetrics/core';
import type { CliContext } from '../context.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { type OutputFlags, type ReportSource, writeRunOutputs } from '../pipeline/write-run-outputs.js';
import type { RunInfo } from './run-report.js';

export type { OutputFlags, ReportSource } from '../pipeline/write-run-outputs.js';

/**
 * Evaluates the matrix, builds the report model and writes its views: the report (stdout or `-o`), the
 * optional `--per-image` CSV and the optional `--report` HTML file (with the worst images' pictures
 * re-read from `source.pairs`), as one all-or-nothing transaction (see `writeRunOutputs`).
 */
export async function emitReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  flags: OutputFlags,
  context: CliContext,
  run: RunInfo = {},
  source: ReportSource = { pairs: null },
): Promise<void> {
  await writeRunOutputs(
    matrix,
    settings,
    flags,
    context,
    { shard: run.shard ?? null, partial: null },
    source,
  );
}
