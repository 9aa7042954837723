import pc from 'picocolors';
import type { CliReport } from './build-report.js';

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

/**
 * Renders the report for people: a per-class table (IoU, Dice, precision, recall as percentages,
 * support in pixels), the summary, absent and predicted-only classes by name, the settings that
 * produced the numbers and the top confused pairs.
 */
export function formatTable(report: CliReport, options: TableOptions): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const absent = new Set(report.absentClasses);
  const predictedOnly = new Set(report.predictedOnlyClasses);
  const excluded = new Set(report.settings.excludeClasses as number[]);
  const nameWidth = Math.max(5, ...report.classNames.map((n) => n.length));
  const idWidth = Math.max(2, String(report.numClasses - 1).length);
  const header = [
    'id'.padStart(idWidth),
    'class'.padEnd(nameWidth),
    'IoU'.padStart(7),
    'Dice'.padStart(7),
    'Prec.'.padStart(7),
    'Recall'.padStart(7),
    'Support'.padStart(14),
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
    const cells = [
      String(row.id).padStart(idWidth),
      row.name.padEnd(nameWidth),
      percent(row.iou).padStart(7),
      percent(row.dice).padStart(7),
      percent(row.precision).padStart(7),
      percent(row.recall).padStart(7),
      integer(row.support).padStart(14),
    ];
    let line = cells.join('  ');
    if (absent.has(row.id)) line = c.dim(`${line}  absent`);
    else if (predictedOnly.has(row.id)) line = `${line}  ${c.yellow('predicted only')}`;
    else if (Number.isFinite(row.iou)) {
      const colour = row.iou >= 0.75 ? c.green : row.iou >= 0.5 ? (s: string) => s : c.red;
      line = `${cells.slice(0, 2).join('  ')}  ${colour(cells[2]!)}  ${cells.slice(3).join('  ')}`;
    }
    if (excluded.has(row.id)) line += c.dim('  (excluded from means)');
    lines.push(line);
  }
  const s = report.summary;
  lines.push(
    '',
    `${c.bold('mIoU')} ${c.bold(c.cyan(percent(s.mIoU!)))}   mDice ${percent(s.mDice!)}   aAcc ${percent(s.aAcc!)}` +
      `   mAcc ${percent(s.mAcc!)}   fwIoU ${percent(s.fwIoU!)}   (percent)`,
  );
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
