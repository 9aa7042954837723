import {
  absentClassesNote,
  cityscapesLine,
  countNoun,
  formatClassRatio,
  formatCount,
  formatLevel,
  formatPercent,
  formatSummaryInterval,
  formatSummaryValue,
  isCoefficient,
  libraryHeadline,
  predictedOnlyNote,
  type Report,
  selectMetrics,
  settingsSummary,
} from '@segmetrics/report';
import pc from 'picocolors';

/**
 * `Other libraries' mIoU on these counts: mmseg 66.64 · …`, and the Dice-only libraries' mDice after
 * (`· mDice of Dice libraries: torchmetrics-dice 77.39`): each library's own headline number.
 */
function otherLibrariesLine(libraries: Report['libraries']): string {
  const of = (metric: 'mIoU' | 'mDice') =>
    libraries.flatMap((lib) => {
      const headline = libraryHeadline(lib);
      return headline?.metric === metric ? [`${lib.preset} ${formatPercent(headline.value)}`] : [];
    });
  const iou = of('mIoU');
  const dice = of('mDice');
  const parts = [
    ...(iou.length > 0 ? [`Other libraries' mIoU on these counts: ${iou.join(' · ')}`] : []),
    ...(dice.length > 0
      ? [
          `${iou.length > 0 ? 'mDice of' : 'On these counts, the mDice of'} Dice libraries: ${dice.join(' · ')}`,
        ]
      : []),
  ];
  return parts.join(' · ');
}

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Use ANSI colours (only on a TTY, never with NO_COLOR or --no-color). */
  color: boolean;
  /** Metric ids to show (as `--metrics`); default the report's `settings.metrics`, else the default set. */
  metrics?: readonly string[];
}

/**
 * Renders the report model for people: a per-class table (the selected metrics as percentages, support
 * in pixels; — for 0/0), the summary, absent and predicted-only classes by name, the settings that
 * produced the numbers, what other libraries would report and the top confused pairs.
 */
export function formatTable(report: Report, options: TableOptions): string {
  const selection = selectMetrics(options.metrics ?? report.settings.metrics ?? []);
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const absent = new Set(report.absentClasses);
  const predictedOnly = new Set(report.predictedOnlyClasses);
  const excluded = new Set(report.settings.excludeClasses);
  const nameWidth = Math.max(5, ...report.classNames.map((n) => n.length));
  const idWidth = Math.max(2, String(report.numClasses - 1).length);
  const widths = selection.columns.map((col) => Math.max(col.label.length, col.kind === 'ratio' ? 7 : 13));
  const withIiou = report.perClass.some((row) => row.iiou !== undefined);
  const withBoundary = report.perClass.some((row) => row.boundaryIoU !== undefined);
  // columns other streams add (after the selected metrics): Boundary IoU, then iIoU
  const extras: { label: string; value: (row: Report['perClass'][number]) => number | undefined }[] = [
    ...(withBoundary
      ? [{ label: 'Boundary IoU', value: (row: Report['perClass'][number]) => row.boundaryIoU }]
      : []),
    ...(withIiou ? [{ label: 'iIoU', value: (row: Report['perClass'][number]) => row.iiou }] : []),
  ];
  const header = [
    'id'.padStart(idWidth),
    'class'.padEnd(nameWidth),
    ...selection.columns.map((col, i) => col.label.padStart(widths[i]!)),
    ...extras.map((extra) => extra.label.padStart(Math.max(7, extra.label.length))),
  ].join('  ');
  lines.push(
    c.bold(
      `segmetrics · ${countNoun(report.images, 'image')} · ${countNoun(report.numClasses, 'class', 'classes')} · ` +
        `${countNoun(report.pixels.counted, 'pixel')} counted · ${formatCount(report.pixels.ignored)} ignored` +
        // counted + ignored + dropped = every pixel
        (report.pixels.dropped > 0 ? ` · ${formatCount(report.pixels.dropped)} dropped` : ''),
    ),
    '',
    c.bold(header),
  );
  for (const row of report.perClass) {
    const cells = selection.columns.map((col, i) => {
      const v = row[col.id];
      return (col.kind === 'ratio' ? formatClassRatio(report, row.id, v) : formatCount(v)).padStart(
        widths[i]!,
      );
    });
    const extraCells = extras.map((extra) =>
      formatPercent(extra.value(row) ?? Number.NaN).padStart(Math.max(7, extra.label.length)),
    );
    cells.push(...extraCells);
    const head = `${String(row.id).padStart(idWidth)}  ${row.name.padEnd(nameWidth)}`;
    let line: string;
    if (absent.has(row.id)) line = c.dim(`${head}  ${cells.join('  ')}  absent`);
    else {
      const coloured = selection.columns.map((col, i) => {
        if (col.id !== 'iou' || !Number.isFinite(row.iou)) return cells[i]!;
        return row.iou >= 0.75 ? c.green(cells[i]!) : row.iou < 0.5 ? c.red(cells[i]!) : cells[i]!;
      });
      coloured.push(...extraCells);
      line = `${head}  ${coloured.join('  ')}`;
      if (predictedOnly.has(row.id)) line += `  ${c.yellow('predicted only')}`;
    }
    if (excluded.has(row.id)) line += c.dim('  (excluded from means)');
    lines.push(line);
  }
  const ci = report.confidence;
  const summaryIds: string[] = [...selection.summaries];
  if (report.summary.mBoundaryIoU !== undefined) summaryIds.push('mBoundaryIoU');
  const summaryValues = report.summary as Readonly<Record<string, number | undefined>>;
  const intervals = (ci?.summary ?? {}) as Readonly<Record<string, readonly [number, number] | null>>;
  const summary = summaryIds.map((id, i) => {
    const value = formatSummaryValue(id, summaryValues[id] ?? Number.NaN);
    const interval =
      ci === undefined || !(id in intervals) ? '' : ` ${formatSummaryInterval(id, intervals[id])}`;
    return i === 0 ? `${c.bold(id)} ${c.bold(c.cyan(value))}${interval}` : `${id} ${value}${interval}`;
  });
  const coefficients = summaryIds.filter(isCoefficient);
  lines.push(
    '',
    `${summary.join('   ')}   (percent${coefficients.length === 0 ? '' : `; ${coefficients.join(', ')} as a coefficient`})`,
  );
  if (ci !== undefined) {
    lines.push(
      c.dim(
        `[low, high]: ${formatLevel(ci.level)} bootstrap intervals over images (${ci.samples} resamples, seed ${ci.seed}; docs/statistics.md)`,
      ),
    );
  }
  if (report.perCategory !== undefined) {
    const withCategoryIiou = report.perCategory.some((category) => category.iiou !== undefined);
    const width = Math.max(8, ...report.perCategory.map((category) => category.name.length));
    lines.push(
      `${c.bold('Cityscapes benchmark')}: ${cityscapesLine(report)}`,
      c.bold(
        `  ${'category'.padEnd(width)}  ${'IoU'.padStart(7)}${withCategoryIiou ? `  ${'iIoU'.padStart(7)}` : ''}`,
      ),
    );
    for (const category of report.perCategory) {
      const iiou = withCategoryIiou ? `  ${formatPercent(category.iiou ?? Number.NaN).padStart(7)}` : '';
      lines.push(`  ${category.name.padEnd(width)}  ${formatPercent(category.iou).padStart(7)}${iiou}`);
    }
  }
  const named = (ids: readonly number[]) => ids.map((k) => `${k} ${report.classNames[k]}`).join(', ');
  if (report.absentClasses.length > 0) {
    lines.push(
      `${c.dim('Absent')} (neither in ground truth nor predicted: 0/0; ${absentClassesNote(report)}): ${named(report.absentClasses)}`,
    );
  }
  if (report.predictedOnlyClasses.length > 0) {
    lines.push(
      `${c.yellow('Predicted only')} (not in ground truth, predicted; ${predictedOnlyNote(report)}): ${named(report.predictedOnlyClasses)}`,
    );
  }
  const { dropped, predictedIgnore } = report.pixels;
  if (predictedIgnore - dropped > 0) {
    lines.push(
      `Predicted as an ignore label on valid pixels (misses): ${countNoun(predictedIgnore - dropped, 'pixel')}`,
    );
  }
  if (dropped > 0) {
    const convention =
      report.settings.preset === null ? 'this convention' : `the ${report.settings.preset} convention`;
    lines.push(
      `Dropped (predicted as an ignore label; not counted under ${convention}, so neither misses nor in any support): ${countNoun(dropped, 'pixel')}`,
    );
  }
  if (report.confusedPairs.length > 0) {
    lines.push('Top confused (ground truth → predicted):');
    for (const pair of report.confusedPairs.slice(0, 5)) {
      lines.push(
        `  ${pair.gtName} → ${pair.predictedName}: ${formatCount(pair.pixels)} px (${formatPercent(pair.shareOfGt)}% of ${pair.gtName})`,
      );
    }
  }
  const others = report.libraries.filter(
    (lib) => lib.summary !== null && lib.preset !== report.settings.preset,
  );
  if (others.length > 0) {
    lines.push(otherLibrariesLine(others));
  }
  lines.push(c.dim(`Settings: ${settingsSummary(report)} · segmetrics ${report.version}`));
  return `${lines.join('\n')}\n`;
}
