import { writeFileAtomic } from '../util/atomic-write.js';
import type { OutputStream } from '../util/terminal.js';
import type { CliReport } from './build-report.js';
import { reportToJson } from './build-report.js';
import { formatCsv } from './format-csv.js';
import { formatMarkdown } from './format-markdown.js';
import { formatTable } from './format-table.js';

/** Report formats of `--format`. */
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';

/** Options of {@link renderReport}. */
export interface RenderOptions {
  /** Colours for the table (never in files). */
  color: boolean;
  /** Metric ids to show in table, CSV and Markdown (`--metrics`); empty = the default set. */
  metrics?: readonly string[];
}

/** Renders a report in one of the formats. */
export function renderReport(report: CliReport, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return reportToJson(report);
    case 'csv':
      return formatCsv(report);
    case 'markdown':
      return formatMarkdown(report);
    default:
      return formatTable(report, { color: options.color });
  }
}

/**
 * Writes the rendered report to `output` atomically (no colours), or to `stdout` (colours when
 * `color`). Returns where it went.
 */
export async function writeReport(
  report: CliReport,
  format: ReportFormat,
  output: string | undefined,
  stdout: OutputStream,
  color: boolean,
): Promise<void> {
  if (output !== undefined) {
    await writeFileAtomic(output, renderReport(report, format, { color: false }));
    return;
  }
  stdout.write(renderReport(report, format, { color }));
}
