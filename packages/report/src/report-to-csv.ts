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
 * IoU when the run counted it, Cityscapes iIoU when the run computed it, then support, predicted, tp, fp,
 * fn), then one `summary` row holding each metric's class mean in its column (mIoU under `iou`, mRecall =
 * mAcc under `recall`, mBoundaryIoU under `boundaryIoU`, the iIoU class score under `iIoU`, ...) and the
 * dataset summaries (aAcc, fwIoU, kappa; `categoryIoU` and `categoryIIoU` for Cityscapes runs) in their own
 * columns. A Cityscapes run adds one `category` row per category (id = its index, flat … vehicle): its IoU
 * under `iou` (a column every such CSV has) and its iIoU under `iIoU`. The summary row's name says how
 * classes were averaged ({@link summaryName}). An empty cell is 0/0 (NaN). Text cells are protected
 * against spreadsheet formula injection (see `csvField`).
 */
export function reportToCsv(report: Report, options: CsvOptions = {}): string {
  const ids = options.metrics ?? report.settings.metrics ?? [];
  const allSummaries = ids.length === 0;
  const categories = report.perCategory ?? [];
  // Category rows hold their IoU under `iou`: a Cityscapes CSV always has that column.
  const selection = selectMetrics(
    allSummaries
      ? CSV_DEFAULT_METRICS
      : categories.length > 0 && !ids.includes('iou')
        ? ['iou', ...ids]
        : ids,
  );
  const ratioColumns = selection.columns.filter((c) => c.kind === 'ratio');
  const dataset = datasetSummaryIds();
  const summaries: string[] = allSummaries
    ? dataset
    : selection.summaries.filter((id) => dataset.includes(id));
  const s = report.summary;
  for (const id of ['categoryIoU', 'categoryIIoU'] as const) if (s[id] !== undefined) summaries.push(id);
  // Boundary IoU and iIoU, when the run computed them: their own columns, the class means in the summary row
  const boundary = report.perClass.some((row) => row.boundaryIoU !== undefined) ? ['boundaryIoU'] : [];
  const iiou = report.perClass.some((row) => row.iiou !== undefined) ? ['iIoU'] : [];
  const summaryValues = s as Readonly<Record<string, number | undefined>>;
  const rows = [
    csvLine([
      'kind',
      'id',
      'name',
      ...ratioColumns.map((c) => c.id),
      ...boundary,
      ...iiou,
      ...COUNTS,
      ...summaries,
    ]),
  ];
  for (const row of report.perClass) {
    rows.push(
      csvLine([
        'class',
        row.id,
        row.name,
        ...ratioColumns.map((c) => row[c.id]),
        ...boundary.map(() => row.boundaryIoU ?? Number.NaN),
        ...iiou.map(() => row.iiou ?? Number.NaN),
        ...COUNTS.map((k) => row[k]),
        ...summaries.map(() => ''),
      ]),
    );
  }
  categories.forEach((category, index) => {
    rows.push(
      csvLine([
        'category',
        index,
        category.name,
        ...ratioColumns.map((c) => (c.id === 'iou' ? category.iou : '')),
        ...boundary.map(() => ''),
        ...iiou.map(() => category.iiou ?? Number.NaN),
        ...COUNTS.map(() => ''),
        ...summaries.map(() => ''),
      ]),
    );
  });
  rows.push(
    csvLine([
      'summary',
      '',
      summaryName(report.settings.average),
      ...ratioColumns.map((c) => (c.mean === null ? '' : report.summary[c.mean])),
      ...boundary.map(() => s.mBoundaryIoU ?? Number.NaN),
      ...iiou.map(() => s.iIoU ?? Number.NaN),
      report.pixels.counted,
      '',
      '',
      '',
      '',
      ...summaries.map((id) => summaryValues[id] ?? Number.NaN),
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
