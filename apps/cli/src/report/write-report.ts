import { writeFileAtomic } from '@segmetrics/io/node';
import type { OutputStream } from '../util/terminal.js';
import type { CliReport } from './build-report.js';
import { reportToJson } from './build-report.js';
import { CSV_DEFAULT_METRICS, formatCsv } from './format-csv.js';
import { formatMarkdown } from './format-markdown.js';
import { formatTable } from './format-table.js';
import { selectMetrics } from './select-metrics.js';

/** Report formats of `--format`. */
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';

/** Options of {@link renderReport}. */
export interface RenderOptions {
  /** Colours for the table (never in files). */
  color: boolean;
  /** Metric ids to show in table, CSV and Markdown; default: the report's `settings.metrics` (`--metrics`). */
  metrics?: readonly string[];
}

/** Renders a report in one of the formats. */
export function renderReport(report: CliReport, format: ReportFormat, options: RenderOptions): string {
  const ids = options.metrics ?? (report.settings.metrics as string[] | null) ?? [];
  const selection = selectMetrics(ids);
  switch (format) {
    case 'json':
      return reportToJson(report);
    case 'csv':
      return ids.length === 0
        ? formatCsv(report, selectMetrics(CSV_DEFAULT_METRICS), true)
        : formatCsv(report, selection, false);
    case 'markdown':
      return formatMarkdown(report, selection);
    default:
      return formatTable(report, selection, { color: options.color });
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
