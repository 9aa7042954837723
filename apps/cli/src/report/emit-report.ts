import type { ConfusionMatrix } from '@segmetrics/core';
import { perImageRows, perImageToCsv } from '@segmetrics/report';
import type { CliContext } from '../context.js';
import { usageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { shouldColor } from '../util/terminal.js';
import { type ReportFormat, renderReport } from './render-report.js';
import { type RunInfo, runReport } from './run-report.js';

/** Output flags shared by `eval`, `merge` and `demo`. */
export interface OutputFlags {
  format?: string;
  output?: string;
  perImage?: string;
  quiet?: boolean;
  color?: boolean;
}

/**
 * Evaluates the matrix, builds the report model and writes its views: the report (stdout or `-o`,
 * atomically) and the optional `--per-image` CSV. Everything is rendered before anything is written.
 */
export async function emitReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  flags: OutputFlags,
  context: CliContext,
  run: RunInfo = {},
): Promise<void> {
  const wantImages = flags.perImage !== undefined;
  if (wantImages && !matrix.settings.perImage) {
    throw usageError(
      '--per-image',
      'the state was counted without per-image statistics (run eval with --per-image)',
    );
  }
  const { evaluation, report } = runReport(matrix, settings, run, wantImages);
  const format = (flags.format ?? 'table') as ReportFormat;
  const color = shouldColor(context.stdout, context.env, flags.color !== false);
  const text = renderReport(report, format, flags.output === undefined && color);
  const perImageText = wantImages ? perImageToCsv(perImageRows(evaluation)) : undefined;
  if (perImageText !== undefined && flags.perImage !== undefined)
    await writeFileAtomic(flags.perImage, perImageText);
  if (flags.output !== undefined) await writeFileAtomic(flags.output, text);
  else context.stdout.write(text);
  if (flags.output !== undefined && flags.quiet !== true) {
    context.stderr.write(`wrote ${format} report to ${flags.output}\n`);
  }
}
