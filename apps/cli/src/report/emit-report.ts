import type { ConfusionMatrix } from '@segmetrics/core';
import { writeFileAtomic } from '@segmetrics/io/node';
import type { CliContext } from '../context.js';
import { usageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { shouldColor } from '../util/terminal.js';
import { buildReport, type RunInfo } from './build-report.js';
import { formatPerImageCsv, perImageRows } from './per-image-csv.js';
import { type ReportFormat, writeReport } from './write-report.js';

/** Output flags shared by `eval`, `merge` and `demo`. */
export interface OutputFlags {
  format?: string;
  output?: string;
  perImage?: string;
  quiet?: boolean;
  color?: boolean;
}

/**
 * Evaluates the matrix and writes the report (stdout or `-o`, atomically) and the optional
 * `--per-image` CSV. Everything is computed before anything is written.
 */
export async function emitReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  flags: OutputFlags,
  context: CliContext,
  run: RunInfo = {},
): Promise<void> {
  const report = buildReport(matrix, settings, run);
  let perImageText: string | undefined;
  if (flags.perImage !== undefined) {
    if (!matrix.settings.perImage) {
      throw usageError(
        '--per-image',
        'the state was counted without per-image statistics (run eval with --per-image)',
      );
    }
    const rows = perImageRows(
      matrix.imageStats,
      settings.classNames,
      (report.settings.absent as EvaluationSettings['report']['absent']) ?? 'nan',
      settings.report.excludeClasses,
    );
    perImageText = formatPerImageCsv(rows);
  }
  const format = (flags.format ?? 'table') as ReportFormat;
  const color = shouldColor(context.stdout, context.env, flags.color !== false);
  if (perImageText !== undefined && flags.perImage !== undefined)
    await writeFileAtomic(flags.perImage, perImageText);
  await writeReport(report, format, flags.output, context.stdout, color);
  if (flags.output !== undefined && flags.quiet !== true) {
    context.stderr.write(`wrote ${format} report to ${flags.output}\n`);
  }
}
