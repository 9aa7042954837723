import { type Report, reportToCsv, reportToJson, reportToMarkdown } from '@segmetrics/report';
import { formatTable } from './format-table.js';

/** Report formats of `--format`. */
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';

/** Renders the report model in one of the formats (colours only for the table on a terminal). */
export function renderReport(report: Report, format: ReportFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return reportToJson(report);
    case 'csv':
      return reportToCsv(report);
    case 'markdown':
      return reportToMarkdown(report);
    default:
      return formatTable(report, { color });
  }
}
