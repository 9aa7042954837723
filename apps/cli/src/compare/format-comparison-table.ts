import {
  type ComparisonImage,
  type ComparisonReport,
  comparisonDirection,
  comparisonMethodNote,
  comparisonSummaryRows,
  formatDelta,
  formatDeltaInterval,
  formatLevel,
  formatPercent,
  formatPValue,
  settingsSummary,
} from '@segmetrics/report';
import pc from 'picocolors';

/** A table of text cells with right-aligned columns after the first `left` ones. */
function align(rows: readonly (readonly string[])[], left = 1): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row.map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
}

function images(title: string, list: readonly ComparisonImage[]): string[] {
  if (list.length === 0) return [];
  return [
    title,
    ...align(
      [
        ['  image', 'A mIoU', 'B mIoU', 'B − A'],
        ...list.map((d) => [`  ${d.sampleId}`, formatPercent(d.a), formatPercent(d.b), formatDelta(d.delta)]),
      ],
      1,
    ),
    '',
  ];
}

/**
 * Renders the comparison model for people: the plain-language line, the summary (A and B with their
 * intervals, B − A with its interval and p-value), per-class IoU differences (Holm-adjusted p), the
 * images where B loses and gains most, how the numbers were made and the settings. A view of the
 * model: it formats, never computes.
 */
export function formatComparisonTable(report: ComparisonReport, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const level = formatLevel(report.level);
  const alpha = 1 - report.level;
  const outcome = report.verdict.outcome;
  const verdict =
    outcome === 'better'
      ? c.green(report.verdict.text)
      : outcome === 'worse'
        ? c.red(report.verdict.text)
        : report.verdict.text;
  const summary = align([
    ['value', 'A', `A ${level} CI`, 'B', `B ${level} CI`, 'B − A', `${level} CI`, 'p'],
    ...comparisonSummaryRows(report).map((r) => [
      r.id,
      r.a,
      r.aInterval,
      r.b,
      r.bInterval,
      r.delta,
      r.interval,
      r.p,
    ]),
  ]);
  const classes = align(
    [
      ['id', 'class', 'A IoU', 'B IoU', 'B − A', `${level} CI`, 'p', 'p (Holm)'],
      ...report.perClass.map((r) => [
        String(r.id),
        r.name,
        formatPercent(r.a),
        formatPercent(r.b),
        formatDelta(r.delta),
        formatDeltaInterval(r.ci),
        formatPValue(r.pValue),
        formatPValue(r.pHolm),
      ]),
    ],
    2,
  ).map((line, i) => {
    if (i === 0) return c.bold(line);
    const row = report.perClass[i - 1]!;
    const direction = comparisonDirection(row.delta, row.ci, row.pHolm, alpha);
    if (direction === 0) return line;
    return direction > 0 ? c.green(line) : c.red(line);
  });
  const lines = [
    c.bold(verdict),
    `A: ${report.a.source ?? 'unknown'}`,
    `B: ${report.b.source ?? 'unknown'}`,
    '',
    c.bold(summary[0]!),
    ...summary.slice(1),
    '',
    ...classes,
    '',
    ...images(`Images where B loses most (per-image ${report.imageMetric}):`, report.losses),
    ...images(`Images where B gains most (per-image ${report.imageMetric}):`, report.gains),
    c.dim(comparisonMethodNote(report)),
    c.dim(`Settings: ${settingsSummary(report)} · segmetrics ${report.version}`),
  ];
  return `${lines.join('\n')}\n`;
}
