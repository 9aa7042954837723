import type { SummaryId } from '@segmetrics/metrics';
import { formatFixed } from '../format-fixed.js';
import { formatLevel } from '../format-level.js';
import { formatInterval, formatPercent, UNDEFINED_VALUE } from '../format-percent.js';
import { formatSummaryInterval, formatSummaryValue, isCoefficient } from '../format-summary-value.js';
import { selectMetrics } from '../select-metrics.js';
import type { ComparisonInterval, ComparisonReport } from './comparison-model.js';
import { formatPValue } from './comparison-verdict.js';

/**
 * A difference in points with a sign (`+1.23`, `−0.40`), — for NaN. Only an exact zero prints
 * unsigned (`0.00`): a difference that rounds to zero keeps its sign (`−0.00`), so an interval
 * `[−0.20, −0.00]` shows that it excludes 0.
 */
export function formatDelta(value: number, digits = 2): string {
  return formatSigned(value * 100, digits);
}

/** `value` with a sign and `digits` decimals (`+1.23`, `−0.00`); unsigned only for an exact zero. */
function formatSigned(value: number, digits: number): string {
  if (!Number.isFinite(value)) return UNDEFINED_VALUE;
  if (value === 0) return (0).toFixed(digits);
  return `${value < 0 ? '−' : '+'}${formatFixed(Math.abs(value), digits)}`;
}

/** A difference of coefficients (κ) with a sign and four decimals (`+0.0292`), like {@link formatDelta}. */
function formatCoefficientDelta(value: number): string {
  return formatSigned(value, 4);
}

/** An interval of differences in points, `[−0.28, −0.18]`, — when undefined. */
export function formatDeltaInterval(interval: ComparisonInterval, digits = 2): string {
  if (interval === null) return UNDEFINED_VALUE;
  return `[${formatDelta(interval[0], digits)}, ${formatDelta(interval[1], digits)}]`;
}

/** One summary row of a comparison, as text cells (percent and points). */
export interface ComparisonSummaryRow {
  readonly id: SummaryId | 'mBoundaryIoU';
  readonly a: string;
  readonly aInterval: string;
  readonly b: string;
  readonly bInterval: string;
  readonly delta: string;
  readonly interval: string;
  readonly p: string;
}

/**
 * The summary values a view shows (the `--metrics` selection, by default mIoU, mDice, mAcc, aAcc, fwIoU,
 * then mBoundaryIoU when both runs counted Boundary IoU) as formatted cells: both models with their
 * intervals, B − A, its interval and p-value.
 */
export function comparisonSummaryRows(report: ComparisonReport): ComparisonSummaryRow[] {
  const { summaries } = selectMetrics(report.settings.metrics ?? []);
  const ids: (SummaryId | 'mBoundaryIoU')[] = [...summaries];
  if (report.delta.mBoundaryIoU !== undefined) ids.push('mBoundaryIoU');
  return ids.map((id) => {
    const delta = report.delta[id];
    if (id !== 'mBoundaryIoU' && isCoefficient(id)) {
      // Cohen's κ: the coefficients themselves and their difference, not percent and points.
      const ci = delta?.ci ?? null;
      return {
        id,
        a: formatSummaryValue(id, report.a.summary[id]),
        aInterval: formatSummaryInterval(id, report.a.confidence.summary[id] ?? null),
        b: formatSummaryValue(id, report.b.summary[id]),
        bInterval: formatSummaryInterval(id, report.b.confidence.summary[id] ?? null),
        delta: formatCoefficientDelta(delta?.estimate ?? Number.NaN),
        interval:
          ci === null
            ? UNDEFINED_VALUE
            : `[${formatCoefficientDelta(ci[0])}, ${formatCoefficientDelta(ci[1])}]`,
        p: formatPValue(delta?.pValue ?? null),
      };
    }
    return {
      id,
      a: formatPercent(report.a.summary[id] ?? Number.NaN),
      aInterval: formatInterval(report.a.confidence.summary[id] ?? null, 2),
      b: formatPercent(report.b.summary[id] ?? Number.NaN),
      bInterval: formatInterval(report.b.confidence.summary[id] ?? null, 2),
      delta: formatDelta(delta?.estimate ?? Number.NaN),
      interval: formatDeltaInterval(delta?.ci ?? null),
      p: formatPValue(delta?.pValue ?? null),
    };
  });
}

/** The line that says what the intervals and p-values are. */
export function comparisonMethodNote(report: ComparisonReport): string {
  const { summaries } = selectMetrics(report.settings.metrics ?? []);
  const coefficients = summaries.filter(isCoefficient);
  const asCoefficients =
    coefficients.length === 0 ? '' : ` (${coefficients.join(', ')}: coefficients and their differences)`;
  return (
    `Values in percent, differences B − A in points${asCoefficients}. Intervals: ${formatLevel(report.level)} paired bootstrap ` +
    `percentile intervals over images (${report.samples} resamples, seed ${report.seed}); p: two-sided paired ` +
    `permutation test (${report.samples} permutations), per class also Holm-adjusted over the classes.`
  );
}
