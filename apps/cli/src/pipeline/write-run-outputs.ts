import type { ConfusionMatrix } from '@segmetrics/core';
import { type FileToWrite, writeFilesAtomic } from '@segmetrics/io/node';
import type { PerImageSelection } from '@segmetrics/metrics';
import {
  describePartial,
  fewImagesWarning,
  perImageRows,
  perImageToCsv,
  type Report,
  type ReportPartial,
} from '@segmetrics/report';
import { cityscapesResultText } from '../cityscapes/cityscapes-result-text.js';
import type { CliContext } from '../context.js';
import { usageError } from '../errors/usage-error.js';
import { type ConfidenceFlags, resolveConfidenceFlags } from '../options/confidence-flags.js';
import type { Shard } from '../options/shard.js';
import type { PictureSource } from '../report/html-report.js';
import { type ReportFormat, renderReport } from '../report/render-report.js';
import { reportImagesLimit } from '../report/report-flags.js';
import { runReport } from '../report/run-report.js';
import { shouldColor } from '../util/terminal.js';
import { writeToStream } from '../util/write-stream.js';
import { droppedPerImageWarning } from './dropped-per-image-warning.js';
import type { EvaluationSettings } from './evaluation-settings.js';

/** Output flags shared by `eval`, `merge` and `demo` (with `--ci`, `--bootstrap`, `--seed`). */
export interface OutputFlags extends ConfidenceFlags {
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
 * A merge that does not cover the whole dataset (`merge --allow-partial`): the report model's
 * {@link ReportPartial}, `settings.partial` in every view (null for a full result).
 */
export type PartialRun = ReportPartial;

/**
 * A `merge` (or `compare` from states): how many state files were combined. Goes into the report as
 * `settings.mergedStates` (the report model's field: the HTML report's "Scope" says "merge of N state
 * files"); which shards a partial merge lacks is `settings.partial`'s.
 */
export interface MergedRun {
  readonly states: number;
}

/** What the report says about how the run was made, beside the settings. */
export interface RunFacts {
  readonly shard: Shard | null;
  readonly partial: PartialRun | null;
  /** Set for `merge`: the states merged (absent for `eval`). */
  readonly merged?: MergedRun;
}

/** One line saying what a partial result lacks. */
/** The report with the run facts: `settings.partial` (null for a complete run). */
function withRunFacts(report: Report, facts: RunFacts): Report {
  return { ...report, settings: { ...report.settings, partial: facts.partial } };
}

function markPartial(text: string, format: ReportFormat, partial: PartialRun | null): string {
  if (partial === null) return text;
  if (format === 'table') return `PARTIAL — ${describePartial(partial)}\n${text}`;
  if (format === 'markdown') return `> **Partial result** — ${describePartial(partial)}\n\n${text}`;
  return text;
}

/**
 * Builds the report and writes every output of the run as one transaction: the `--per-image` CSV, the
 * `--report` HTML file and the `-o` file are staged as temporary files (or written through, for
 * devices), the report goes to stdout when there is no `-o`, and only then are the files renamed into
 * place. When any write fails (ENOSPC, EACCES, a closed stdout...), no output file is created or
 * replaced. Everything is computed before anything is written.
 */
export async function writeRunOutputs(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  flags: OutputFlags,
  context: CliContext,
  facts: RunFacts,
  source: ReportSource = { pairs: null },
): Promise<void> {
  const wantImages = flags.perImage !== undefined;
  if (wantImages && !matrix.settings.perImage) {
    throw usageError(
      '--per-image',
      'the state was counted without per-image statistics (run eval with --per-image)',
    );
  }
  const confidence = resolveConfidenceFlags(flags);
  if (confidence !== null && !matrix.settings.perImage) {
    throw usageError(
      '--ci',
      'the counts were made without per-image statistics, which the bootstrap resamples',
    );
  }
  const few = confidence === null ? null : fewImagesWarning(matrix.images, confidence.level);
  if (few !== null && flags.quiet !== true) context.stderr.write(`warning: ${few}\n`);
  const reportLimit = reportImagesLimit(flags);
  // Every image for the per-image CSV; for the HTML report alone, the full results of its worst images
  // only (every image is ranked: the same rows, without every other image's summaries).
  const perImage: boolean | PerImageSelection = wantImages
    ? true
    : reportLimit !== null && matrix.settings.perImage
      ? { worst: reportLimit }
      : false;
  const run = runReport(
    matrix,
    settings,
    {
      shard: facts.shard,
      ...(facts.merged === undefined ? {} : { mergedStates: facts.merged.states }),
    },
    perImage,
    source.presetsPerImage ?? true,
    confidence,
  );
  const report = withRunFacts(run.report, facts);
  const dropped = droppedPerImageWarning(run.evaluation, [
    ...(wantImages ? ['--per-image'] : []),
    ...(reportLimit !== null && reportLimit > 0 && flags.report !== undefined && matrix.settings.perImage
      ? ['the HTML report’s worst images']
      : []),
  ]);
  if (dropped !== null && flags.quiet !== true) context.stderr.write(`warning: ${dropped}\n`);
  const files: FileToWrite[] = [];
  if (flags.perImage !== undefined) {
    files.push({ path: flags.perImage, bytes: perImageToCsv(perImageRows(run.evaluation)) });
  }
  const html =
    reportLimit === null || flags.report === undefined
      ? undefined
      : // Loaded when a report is asked for: it brings the PNG encoder, which other outputs do not need.
        (await import('../report/html-report.js')).htmlReport(
          report,
          run.evaluation,
          matrix,
          settings,
          reportLimit,
          source,
        );
  if (html !== undefined && flags.report !== undefined) files.push({ path: flags.report, bytes: html.html });
  const format = (flags.format ?? 'table') as ReportFormat;
  const toStdout = flags.output === undefined;
  const color = toStdout && shouldColor(context.stdout, context.env, flags.color !== false);
  // `--format cityscapes`: cityscapesScripts' own result file, from the matrix (not the report model).
  const text =
    flags.format === 'cityscapes'
      ? cityscapesResultText(matrix, flags.quiet === true ? null : context.stderr)
      : markPartial(renderReport(report, format, color), format, facts.partial);
  if (flags.output !== undefined) files.push({ path: flags.output, bytes: text });
  await writeFilesAtomic(
    files,
    toStdout ? { beforeCommit: () => writeToStream(context.stdout, text, 'stdout') } : {},
  );
  if (flags.quiet !== true) {
    if (html !== undefined) {
      for (const problem of html.problems)
        context.stderr.write(`warning: report pictures left out: ${problem}\n`);
      context.stderr.write(`wrote HTML report to ${flags.report} (${html.images} worst images)\n`);
    }
    if (flags.output !== undefined) context.stderr.write(`wrote ${format} report to ${flags.output}\n`);
  }
}
