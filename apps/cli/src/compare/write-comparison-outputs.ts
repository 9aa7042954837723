import { type FileToWrite, writeFilesAtomic } from '@segmetrics/io/node';
import {
  type ComparisonReport,
  comparisonToJson,
  comparisonToMarkdown,
  renderComparisonHtml,
} from '@segmetrics/report';
import type { CliContext } from '../context.js';
import { shouldColor } from '../util/terminal.js';
import { writeToStream } from '../util/write-stream.js';
import { formatComparisonTable } from './format-comparison-table.js';

/** Output flags of `compare`. */
export interface ComparisonOutputFlags {
  format?: string;
  output?: string;
  /** `--report FILE`: also write the self-contained comparison HTML report. */
  report?: string;
  quiet?: boolean;
  color?: boolean;
}

/** The comparison in one of `--format table|json|markdown`. */
export function renderComparison(report: ComparisonReport, format: string, color: boolean): string {
  switch (format) {
    case 'json':
      return comparisonToJson(report);
    case 'markdown':
      return comparisonToMarkdown(report);
    default:
      return formatComparisonTable(report, { color });
  }
}

/**
 * Writes the comparison's outputs as one transaction (as `eval` does): the `--report` HTML file and the
 * `-o` file are staged, the report goes to stdout when there is no `-o`, and only then are the files
 * renamed into place; when any write fails, no output file is created or replaced.
 */
export async function writeComparisonOutputs(
  report: ComparisonReport,
  flags: ComparisonOutputFlags,
  context: CliContext,
): Promise<void> {
  const format = flags.format ?? 'table';
  const toStdout = flags.output === undefined;
  const color = toStdout && shouldColor(context.stdout, context.env, flags.color !== false);
  const text = renderComparison(report, format, color);
  const files: FileToWrite[] = [];
  if (flags.report !== undefined) files.push({ path: flags.report, bytes: renderComparisonHtml({ report }) });
  if (flags.output !== undefined) files.push({ path: flags.output, bytes: text });
  await writeFilesAtomic(
    files,
    toStdout ? { beforeCommit: () => writeToStream(context.stdout, text, 'stdout') } : {},
  );
  if (flags.quiet !== true) {
    if (flags.report !== undefined) context.stderr.write(`wrote HTML comparison report to ${flags.report}\n`);
    if (flags.output !== undefined) context.stderr.write(`wrote ${format} comparison to ${flags.output}\n`);
  }
}
