import pc from 'picocolors';
import type { CliReport } from './build-report.js';
import type { MetricSelection } from './select-metrics.js';

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Use ANSI colours (only on a TTY, never with NO_COLOR or --no-color). */
  color: boolean;
}

const DASH = '—';

/** A fraction as a percentage with two decimals; NaN (0/0) as an em dash. */
export function percent(value: number): string {
  return Number.isFinite(value) ? (value * 100).toFixed(2) : DASH;
}

function integer(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : DASH;
}

function settingsLine(report: CliReport): string {
  const s = report.settings;
  const parts = [
    `aggregate ${String(s.aggregate)}${s.aggregate === 'image' ? ` (${String(s.imageReduce)})` : ''}`,
    `average ${String(s.average)}`,
    `absent ${String(s.absent)}`,
    `ignore ${(s.ignoreIndex as number[]).length > 0 ? (s.ignoreIndex as number[]).join(',') : 'none'}`,
  ];
  const mapping = s.labelMapping as { reduceZeroLabel?: boolean; table?: unknown[] } | null;
  if (mapping?.reduceZeroLabel) parts.push('reduce-zero-label');
  if (mapping !== null && mapping !== undefined && (mapping.table?.length ?? 0) > 0)
    parts.push(`label map (${mapping.table?.length} entries)`);
  if ((s.excludeClasses as number[]).length > 0)
    parts.push(`excluded ${(s.excludeClasses as number[]).map((k) => report.classNames[k]).join(', ')}`);
  if (s.preset !== null) parts.push(`preset ${String(s.preset)}`);
  if (s.dataset !== null) parts.push(`dataset ${String(s.dataset)}`);
  const shard = s.shard as { index: number; count: number } | null;
  if (shard !== null) parts.push(`shard ${shard.index}/${shard.count}`);
  return parts.join(' · ');
}

function cell(value: unknown, kind: 'ratio' | 'count'): string {
  const v = typeof value === 'number' ? value : Number.NaN;
  return kind === 'ratio' ? percent(v) : integer(v);
}

/**
 * Renders the report for people: a per-class table (the selected metrics as percentages, support in
 * pixels; — for 0/0), the summary, absent and predicted-only classes by name, the settings that
 * produced the numbers and the top confused pairs.
 */
export function formatTable(report: CliReport, selection: MetricSelection, options: TableOptions): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const absent = new Set(report.absentClasses);
  const predictedOnly = new Set(report.predictedOnlyClasses);
  const excluded = new Set(report.settings.excludeClasses as number[]);
  const nameWidth = Math.max(5, ...report.classNames.map((n) => n.length));
  const idWidth = Math.max(2, String(report.numClasses - 1).length);
  const widths = selection.columns.map((col) => Math.max(col.label.length, col.kind === 'ratio' ? 7 : 13));
  const header = [
    'id'.padStart(idWidth),
    'class'.padEnd(nameWidth),
    ...selection.columns.map((col, i) => col.label.padStart(widths[i]!)),
  ].join('  ');
  lines.push(
    c.bold(
      `segmetrics · ${report.images.toLocaleString('en-US')} images · ${report.numClasses} classes · ` +
        `${integer(report.pixels.counted)} pixels counted · ${integer(report.pixels.ignored)} ignored`,
    ),
    '',
    c.bold(header),
  );
  for (const row of report.perClass) {
    const cells = selection.columns.map((col, i) => cell(row[col.id], col.kind).padStart(widths[i]!));
    const head = `${String(row.id).padStart(idWidth)}  ${row.name.padEnd(nameWidth)}`;
    let line: string;
    if (absent.has(row.id)) line = c.dim(`${head}  ${cells.join('  ')}  absent`);
    else {
      const coloured = selection.columns.map((col, i) => {
        if (col.id !== 'iou' || !Number.isFinite(row.iou)) return cells[i]!;
        return row.iou >= 0.75 ? c.green(cells[i]!) : row.iou < 0.5 ? c.red(cells[i]!) : cells[i]!;
      });
      line = `${head}  ${coloured.join('  ')}`;
      if (predictedOnly.has(row.id)) line += `  ${c.yellow('predicted only')}`;
    }
    if (excluded.has(row.id)) line += c.dim('  (excluded from means)');
    lines.push(line);
  }
  const summary = selection.summaries.map((id, i) => {
    const value = percent(report.summary[id] ?? Number.NaN);
    return i === 0 ? `${c.bold(id)} ${c.bold(c.cyan(value))}` : `${id} ${value}`;
  });
  lines.push('', `${summary.join('   ')}   (percent)`);
  const named = (ids: readonly number[]) => ids.map((k) => `${k} ${report.classNames[k]}`).join(', ');
  if (report.absentClasses.length > 0) {
    lines.push(
      `${c.dim('Absent')} (neither in ground truth nor predicted; 0/0 → ${String(report.settings.absent)}): ${named(report.absentClasses)}`,
    );
  }
  if (report.predictedOnlyClasses.length > 0) {
    lines.push(
      `${c.yellow('Predicted only')} (not in ground truth, predicted; IoU 0): ${named(report.predictedOnlyClasses)}`,
    );
  }
  if (report.pixels.predictedIgnore > 0) {
    lines.push(
      `Predicted as an ignore label on valid pixels (misses): ${integer(report.pixels.predictedIgnore)} pixels`,
    );
  }
  if (report.confusedPairs.length > 0) {
    lines.push('Top confused (ground truth → predicted):');
    for (const pair of report.confusedPairs.slice(0, 5)) {
      lines.push(
        `  ${pair.gtName} → ${pair.predictedName}: ${integer(pair.pixels)} px (${percent(pair.shareOfGt)}% of ${pair.gtName})`,
      );
    }
  }
  lines.push(c.dim(`Settings: ${settingsLine(report)} · segmetrics ${report.version}`));
  return `${lines.join('\n')}\n`;
}
