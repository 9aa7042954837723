import type { CliReport } from './build-report.js';

/** Quotes a CSV field when needed (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CLASS_COLUMNS = ['iou', 'dice', 'fscore', 'precision', 'recall', 'specificity'] as const;

/**
 * The report as CSV: one `class` row per class (id, name, metrics as fractions, counts), then one
 * `summary` row holding the means in the same columns (mIoU under `iou`, mDice under `dice`, ...,
 * aAcc and fwIoU in their own columns). Empty cells are 0/0 (NaN).
 */
export function formatCsv(report: CliReport): string {
  const header = [
    'kind',
    'id',
    'name',
    ...CLASS_COLUMNS,
    'support',
    'predicted',
    'tp',
    'fp',
    'fn',
    'aAcc',
    'mAcc',
    'fwIoU',
  ];
  const rows = [header.join(',')];
  for (const row of report.perClass) {
    rows.push(
      [
        'class',
        row.id,
        row.name,
        ...CLASS_COLUMNS.map((k) => row[k]),
        row.support,
        row.predicted,
        row.tp,
        row.fp,
        row.fn,
        '',
        '',
        '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  const s = report.summary;
  rows.push(
    [
      'summary',
      '',
      'mean',
      s.mIoU,
      s.mDice,
      s.mFscore,
      s.mPrecision,
      s.mRecall,
      s.mSpecificity,
      report.pixels.counted,
      '',
      '',
      '',
      '',
      s.aAcc,
      s.mAcc,
      s.fwIoU,
    ]
      .map(csvField)
      .join(','),
  );
  return `${rows.join('\n')}\n`;
}
