import { getMetric, metricRegistry, type PerClassMetricId, type SummaryId } from '@segmetrics/metrics';

/** A per-class column of the table, CSV and Markdown reports. */
export interface MetricColumn {
  /** Registry id: the key in `perClass` rows. */
  readonly id: PerClassMetricId;
  readonly label: string;
  /** `ratio` values print as percentages in tables; `count` values as integers. */
  readonly kind: 'ratio' | 'count';
  /** The id of the metric's class mean (`mIoU` for `iou`), if it has one. */
  readonly mean: SummaryId | null;
}

/** What the human-readable formats show: per-class columns and summary ids, in registry order. */
export interface MetricSelection {
  readonly columns: readonly MetricColumn[];
  readonly summaries: readonly SummaryId[];
}

const DEFAULT_COLUMNS = ['iou', 'dice', 'precision', 'recall', 'support'];
const DEFAULT_SUMMARIES = ['mIoU', 'mDice', 'aAcc', 'mAcc', 'fwIoU'];

/** The summary ids that are not class means (aAcc, fwIoU, kappa, ...), in registry order. */
export function datasetSummaryIds(): SummaryId[] {
  return metricRegistry.filter((m) => m.kind === 'summary').map((m) => m.id);
}

/** Every id `--metrics` accepts: per-class ids, class-mean ids and summary ids, in registry order. */
export function knownMetricIds(): string[] {
  return metricRegistry.flatMap((m) => (m.kind === 'per-class' ? [m.id, ...m.summaryIds] : [m.id]));
}

/**
 * Resolves `--metrics` ids through the registry (unknown ids: `UNKNOWN_METRIC`). A per-class id
 * (`iou`) selects its column and its class means (`mIoU`); a class-mean id (`mAcc`) selects that
 * mean and its metric's column; a summary id (`kappa`) selects that summary. Empty: IoU, Dice,
 * precision, recall, support and mIoU, mDice, aAcc, mAcc, fwIoU. Support is always shown.
 */
export function selectMetrics(ids: readonly string[]): MetricSelection {
  const columnIds = new Set<string>(ids.length === 0 ? DEFAULT_COLUMNS : ['support']);
  const summaryIds = new Set<string>(ids.length === 0 ? DEFAULT_SUMMARIES : []);
  for (const id of ids) {
    const metric = getMetric(id);
    if (metric.kind === 'summary') {
      summaryIds.add(metric.id);
      continue;
    }
    columnIds.add(metric.id);
    const means = metric.summaryIds as readonly string[];
    if (means.includes(id)) summaryIds.add(id);
    else for (const mean of means) summaryIds.add(mean);
  }
  const columns: MetricColumn[] = [];
  const summaries: SummaryId[] = [];
  for (const metric of metricRegistry) {
    if (metric.kind === 'per-class') {
      if (columnIds.has(metric.id) && metric.id !== 'support') {
        columns.push({
          id: metric.id,
          label: metric.displayName,
          kind: metric.higherIsBetter === null ? 'count' : 'ratio',
          mean: (metric.summaryIds as readonly SummaryId[])[0] ?? null,
        });
      }
      for (const mean of metric.summaryIds as readonly SummaryId[])
        if (summaryIds.has(mean)) summaries.push(mean);
    } else if (summaryIds.has(metric.id)) {
      summaries.push(metric.id);
    }
  }
  columns.push({ id: 'support', label: 'Support', kind: 'count', mean: null });
  return { columns, summaries };
}
