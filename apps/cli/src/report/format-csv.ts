import type { CliReport } from './build-report.js';
import { datasetSummaryIds, type MetricSelection } from './select-metrics.js';

/** Quotes a CSV field when needed (RFC 4180); NaN and null become empty cells. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The metrics of the CSV report without `--metrics`. */
export const CSV_DEFAULT_METRICS = ['iou', 'dice', 'fscore', 'precision', 'recall', 'specificity'];
const COUNTS = ['support', 'predicted', 'tp', 'fp', 'fn'] as const;

/**
 * The report as CSV: one `class` row per class (id, name, the metrics as fractions, then support,
 * predicted, tp, fp, fn), then one `summary` row holding each metric's class mean in its column (mIoU
 * under `iou`, mRecall = mAcc under `recall`, ...) and the dataset summaries (aAcc, fwIoU, kappa) in
 * their own columns. Empty cells are 0/0 (NaN). With `--metrics`, only the selected metrics
 * (default: {@link CSV_DEFAULT_METRICS} and every dataset summary).
 */
export function formatCsv(report: CliReport, selection: MetricSelection, allSummaries: boolean): string {
  const ratioColumns = selection.columns.filter((c) => c.kind === 'ratio');
  const means = ratioColumns.map((c) => c.mean);
  const dataset = datasetSummaryIds();
  const summaries = allSummaries ? dataset : selection.summaries.filter((id) => dataset.includes(id));
  const header = ['kind', 'id', 'name', ...ratioColumns.map((c) => c.id), ...COUNTS, ...summaries];
  const rows = [header.join(',')];
  for (const row of report.perClass) {
    rows.push(
      [
        'class',
        row.id,
        row.name,
        ...ratioColumns.map((c) => row[c.id]),
        ...COUNTS.map((k) => row[k]),
        ...summaries.map(() => ''),
      ]
        .map(csvField)
        .join(','),
    );
  }
  rows.push(
    [
      'summary',
      '',
      'mean',
      ...means.map((id) => (id === null ? '' : report.summary[id])),
      report.pixels.counted,
      '',
      '',
      '',
      '',
      ...summaries.map((id) => report.summary[id]),
    ]
      .map(csvField)
      .join(','),
  );
  return `${rows.join('\n')}\n`;
}
