import type { ConfusionMatrix } from '@segmetrics/core';
import { perImageRows, perImageToCsv } from '@segmetrics/report';
import { cityscapesResultText } from '../cityscapes/index.js';
import type { CliContext } from '../context.js';
import { usageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { shouldColor } from '../util/terminal.js';
import { htmlReport, type PictureSource } from './html-report.js';
import { type ReportFormat, renderReport } from './render-report.js';
import { reportImagesLimit } from './report-flags.js';
import { type RunInfo, runReport } from './run-report.js';

/** Output flags shared by `eval`, `merge` and `demo`. */
export interface OutputFlags {
  format?: string;
  output?: string;
  perImage?: string;
  /** `--report FILE`: also write the self-contained HTML report. */
  report?: string;
  /** `--report-images N`: worst images in the HTML report (default 24). */
  reportImages?: string;
  quiet?: boolean;
  color?: boolean;
}

/** Where the HTML report's pictures come from, and whether presets may use per-image statistics. */
export interface ReportSource extends PictureSource {
  /**
   * False when per-image statistics were kept only for `--report`: imagewise presets are then left out
   * of `libraries` as without them, so `--report` never changes the JSON report. Default true.
   */
  readonly presetsPerImage?: boolean;
}

/**
 * Evaluates the matrix, builds the report model and writes its views: the report (stdout or `-o`,
 * atomically), the optional `--per-image` CSV and the optional `--report` HTML file (with the worst
 * images' pictures re-read from `source.pairs`). Everything is rendered before anything is written.
 */
export async function emitReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  flags: OutputFlags,
  context: CliContext,
  run: RunInfo = {},
  source: ReportSource = { pairs: null },
): Promise<void> {
  const wantImages = flags.perImage !== undefined;
  if (wantImages && !matrix.settings.perImage) {
    throw usageError(
      '--per-image',
      'the state was counted without per-image statistics (run eval with --per-image)',
    );
  }
  const reportLimit = reportImagesLimit(flags);
  const perImage = wantImages || (reportLimit !== null && matrix.settings.perImage);
  const { evaluation, report } = runReport(matrix, settings, run, perImage, source.presetsPerImage ?? true);
  const format = (flags.format ?? 'table') as ReportFormat;
  const color = shouldColor(context.stdout, context.env, flags.color !== false);
  // `--format cityscapes`: cityscapesScripts' own result file, from the matrix (not the report model).
  const text =
    flags.format === 'cityscapes'
      ? cityscapesResultText(matrix, flags.quiet === true ? null : context.stderr)
      : renderReport(report, format, flags.output === undefined && color);
  const perImageText = wantImages ? perImageToCsv(perImageRows(evaluation)) : undefined;
  const html =
    reportLimit === null
      ? undefined
      : await htmlReport(report, evaluation, matrix, settings, reportLimit, source);
  if (perImageText !== undefined && flags.perImage !== undefined)
    await writeFileAtomic(flags.perImage, perImageText);
  if (html !== undefined && flags.report !== undefined) await writeFileAtomic(flags.report, html.html);
  if (flags.output !== undefined) await writeFileAtomic(flags.output, text);
  else context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (flags.quiet !== true) {
    if (html !== undefined) {
      for (const problem of html.problems)
        context.stderr.write(`warning: report pictures left out: ${problem}\n`);
      context.stderr.write(`wrote HTML report to ${flags.report} (${html.images} worst images)\n`);
    }
    if (flags.output !== undefined) context.stderr.write(`wrote ${format} report to ${flags.output}\n`);
  }
}
