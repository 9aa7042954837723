import { csvLine } from './csv-field.js';
import type { Report } from './report-model.js';
import { datasetSummaryIds, selectMetrics } from './select-metrics.js';

/** The per-class metrics of the CSV view without `--metrics`. */
export const CSV_DEFAULT_METRICS: readonly string[] = [
  'iou',
  'dice',
  'fscore',
  'precision',
  'recall',
  'specificity',
];
const COUNTS = ['support', 'predicted', 'tp', 'fp', 'fn'] as const;

/** Options of {@link reportToCsv}. */
export interface CsvOptions {
  /**
   * Metric ids to include (registry ids, as `--metrics`). Default: the report's `settings.metrics`, else
   * {@link CSV_DEFAULT_METRICS} and every dataset summary.
   */
  readonly metrics?: readonly string[];
}

/**
 * The report as CSV: a header, one `class` row per class (id, name, the metrics as fractions, Boundary
 * IoU when the run counted it, then support, predicted, tp, fp, fn), then one `summary` row holding each metric's class mean in its column
 * (mIoU under `iou`, mRecall = mAcc under `recall`, ...) and the dataset summaries (aAcc, fwIoU, kappa)
 * in their own columns. The summary row's name says how classes were averaged ({@link summaryName}). An empty cell is 0/0 (NaN). Text cells are protected against spreadsheet
 * formula injection (see `csvField`).
 */
export function reportToCsv(report: Report, options: CsvOptions = {}): string {
  const ids = options.metrics ?? report.settings.metrics ?? [];
  const allSummaries = ids.length === 0;
  const selection = selectMetrics(allSummaries ? CSV_DEFAULT_METRICS : ids);
  const ratioColumns = selection.columns.filter((c) => c.kind === 'ratio');
  const dataset = datasetSummaryIds();
  const summaries = allSummaries ? dataset : selection.summaries.filter((id) => dataset.includes(id));
  // Boundary IoU, when the run counted it: its own column, mBoundaryIoU in the summary row
  const boundary = report.perClass.some((row) => row.boundaryIoU !== undefined) ? ['boundaryIoU'] : [];
  const rows = [
    csvLine(['kind', 'id', 'name', ...ratioColumns.map((c) => c.id), ...boundary, ...COUNTS, ...summaries]),
  ];
  for (const row of report.perClass) {
    rows.push(
      csvLine([
        'class',
        row.id,
        row.name,
        ...ratioColumns.map((c) => row[c.id]),
        ...boundary.map(() => row.boundaryIoU ?? Number.NaN),
        ...COUNTS.map((k) => row[k]),
        ...summaries.map(() => ''),
      ]),
    );
  }
  rows.push(
    csvLine([
      'summary',
      '',
      summaryName(report.settings.average),
      ...ratioColumns.map((c) => (c.mean === null ? '' : report.summary[c.mean])),
      ...boundary.map(() => report.summary.mBoundaryIoU ?? Number.NaN),
      report.pixels.counted,
      '',
      '',
      '',
      '',
      ...summaries.map((id) => report.summary[id]),
    ]),
  );
  return `${rows.join('\n')}\n`;
}

/**
 * The name of the CSV summary row: `mean` for the class mean (macro averaging, the default), `micro`
 * when counts were pooled over classes, `weighted mean` when classes were weighted by support — so that
 * the CSV alone says what its summary values are.
 */
export function summaryName(average: Report['settings']['average']): string {
  return average === 'micro' ? 'micro' : average === 'weighted' ? 'weighted mean' : 'mean';
}
