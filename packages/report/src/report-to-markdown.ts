import { absentClassesNote, formatClassRatio, predictedOnlyNote } from './class-status-notes.js';
import { countNoun } from './count-noun.js';
import { formatLevel } from './format-level.js';
import { formatCount, formatPercent, UNDEFINED_VALUE } from './format-percent.js';
import { formatSummaryInterval, formatSummaryValue, isCoefficient } from './format-summary-value.js';
import { libraryHeadline } from './library-headline.js';
import type { Report } from './report-model.js';
import { selectMetrics } from './select-metrics.js';
import { settingsSummary } from './settings-summary.js';

/** Escapes text for a Markdown table cell: pipes, backslashes, line breaks and HTML brackets. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Options of {@link reportToMarkdown}. */
export interface MarkdownOptions {
  /** Metric ids to show (as `--metrics`); default the report's `settings.metrics`, else the default set. */
  readonly metrics?: readonly string[];
}

/**
 * The report as GitHub-flavoured Markdown: the summary table, the per-class table (percentages, — for
 * 0/0; with a Boundary IoU column and mBoundaryIoU when the run counted boundaries, an iIoU column and a
 * category table for Cityscapes runs), absent and predicted-only classes,
 * what other libraries would report, the top confused pairs and the settings.
 */
export function reportToMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const selection = selectMetrics(options.metrics ?? report.settings.metrics ?? []);
  const s = report.summary;
  const value = (id: number, v: number, kind: 'ratio' | 'count') =>
    kind === 'ratio' ? formatClassRatio(report, id, v) : formatCount(v);
  const withIiou = report.perClass.some((row) => row.iiou !== undefined);
  const withBoundary = report.perClass.some((row) => row.boundaryIoU !== undefined);
  const summaryIds: string[] = [...selection.summaries];
  if (s.mBoundaryIoU !== undefined) summaryIds.push('mBoundaryIoU');
  const summaryValues = s as Readonly<Record<string, number | undefined>>;
  const extraLabels = `${withBoundary ? ' | Boundary IoU' : ''}${withIiou ? ' | iIoU' : ''}`;
  const extraAligns = `${withBoundary ? ' | ---:' : ''}${withIiou ? ' | ---:' : ''}`;
  const lines = [
    `## segmetrics: ${countNoun(report.images, 'image')}, ${countNoun(report.numClasses, 'class', 'classes')}`,
    '',
    `| ${summaryIds.join(' | ')} |`,
    `| ${summaryIds.map(() => '---:').join(' | ')} |`,
    `| ${summaryIds.map((id) => formatSummaryValue(id, summaryValues[id] ?? Number.NaN)).join(' | ')} |`,
    ...(report.confidence === undefined
      ? []
      : [
          `| ${summaryIds.map((id) => formatSummaryInterval(id, (report.confidence!.summary as Readonly<Record<string, readonly [number, number] | null>>)[id])).join(' | ')} |`,
        ]),
    '',
    `| id | class | ${selection.columns.map((c) => c.label).join(' | ')}${extraLabels} |`,
    `| ---: | --- | ${selection.columns.map(() => '---:').join(' | ')}${extraAligns} |`,
  ];
  for (const row of report.perClass) {
    const boundary = withBoundary ? ` | ${formatPercent(row.boundaryIoU ?? Number.NaN)}` : '';
    const iiou = withIiou ? ` | ${formatPercent(row.iiou ?? Number.NaN)}` : '';
    lines.push(
      `| ${row.id} | ${markdownCell(row.name)} | ${selection.columns.map((c) => value(row.id, row[c.id], c.kind)).join(' | ')}${boundary}${iiou} |`,
    );
  }
  if (report.perCategory !== undefined) {
    const withCategoryIiou = report.perCategory.some((c) => c.iiou !== undefined);
    lines.push(
      '',
      `Cityscapes benchmark: ${cityscapesLine(report)}`,
      '',
      `| category | IoU |${withCategoryIiou ? ' iIoU |' : ''}`,
      `| --- | ---: |${withCategoryIiou ? ' ---: |' : ''}`,
    );
    for (const category of report.perCategory) {
      const iiou = withCategoryIiou ? ` ${formatPercent(category.iiou ?? Number.NaN)} |` : '';
      lines.push(`| ${markdownCell(category.name)} | ${formatPercent(category.iou)} |${iiou}`);
    }
  }
  const named = (ids: readonly number[]) =>
    ids.length === 0 ? 'none' : ids.map((k) => `${k} ${markdownCell(report.classNames[k] ?? '')}`).join(', ');
  const ci = report.confidence;
  if (ci !== undefined) {
    lines.push(
      '',
      `Second summary row: ${formatLevel(ci.level)} bootstrap percentile intervals over images (${ci.samples} resamples, seed ${ci.seed}).`,
    );
  }
  lines.push(
    '',
    `Values in percent${summaryIds.some(isCoefficient) ? ` (${summaryIds.filter(isCoefficient).join(', ')}: a coefficient)` : ''}; ${UNDEFINED_VALUE} is 0/0. Absent classes: ${named(report.absentClasses)}${report.absentClasses.length === 0 ? '' : ` (${absentClassesNote(report)})`}. Predicted-only classes: ${named(report.predictedOnlyClasses)}${report.predictedOnlyClasses.length === 0 ? '' : ` (${predictedOnlyNote(report)})`}.`,
  );
  if (report.libraries.length > 0) {
    lines.push('', '| what other libraries would report | value | |', '| --- | ---: | --- |');
    for (const lib of report.libraries) {
      const headline = libraryHeadline(lib);
      const value =
        headline === null ? UNDEFINED_VALUE : `${headline.metric} ${formatPercent(headline.value)}`;
      lines.push(
        `| \`${lib.preset}\` | ${value} | ${markdownCell(lib.summary === null ? (lib.reason ?? '') : lib.description)} |`,
      );
    }
  }
  if (report.confusedPairs.length > 0) {
    lines.push(
      '',
      '| ground truth | predicted as | pixels | share of ground truth |',
      '| --- | --- | ---: | ---: |',
    );
    for (const p of report.confusedPairs.slice(0, 5)) {
      lines.push(
        `| ${markdownCell(p.gtName)} | ${markdownCell(p.predictedName)} | ${p.pixels} | ${formatPercent(p.shareOfGt)}% |`,
      );
    }
  }
  lines.push('', `Settings: ${markdownCell(settingsSummary(report))}; segmetrics ${report.version}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * Whether the report's mIoU is the Cityscapes benchmark's "IoU class": counts summed over the dataset,
 * macro mean, classes absent from the ground truth and unpredicted skipped (NaN), a class only predicted
 * scoring 0 (`predictedOnly: 'score'`), no class excluded, and no preset quirk that changes which pixels
 * count or what an empty mean is (cityscapesScripts counts a prediction of a non-evaluated id on an
 * evaluated pixel as a miss only). Under `--preset keras`, `detectron2`, ... the mIoU is another number.
 */
function isBenchmarkMIoU(report: Report): boolean {
  const { aggregate, average, absent, predictedOnly, excludeClasses, quirks, ignoreIndex } = report.settings;
  // A preset's way with predicted ignore labels changes no count when no ignore label is a class id
  // (in range), or when no counted pixel was predicted as an ignore label (out of range).
  const inRange =
    quirks.inRangeIgnorePredictions === 'miss' || ignoreIndex.every((v) => v >= report.numClasses);
  const outOfRange = quirks.outOfRangeIgnorePredictions === 'miss' || report.pixels.predictedIgnore === 0;
  return (
    aggregate === 'dataset' &&
    average === 'macro' &&
    absent === 'nan' &&
    predictedOnly === 'score' &&
    excludeClasses.length === 0 &&
    inRange &&
    outOfRange &&
    !quirks.absentClassesSkipped &&
    quirks.emptyMeanValue === null
  );
}

/**
 * The Cityscapes benchmark's four numbers as one line (percent; — for 0/0), the iIoU ones only when the
 * run counted instances: `IoU class 41.49 · iIoU class 31.11 · IoU category 67.74 · iIoU category 70.55`.
 * "IoU class" is the report's mIoU, shown only when that is the benchmark's number ({@link isBenchmarkMIoU}).
 */
export function cityscapesLine(report: Report): string {
  const s = report.summary;
  const benchmark = isBenchmarkMIoU(report);
  const parts = benchmark ? [`IoU class ${formatPercent(s.mIoU)}`] : [];
  if (s.iIoU !== undefined) parts.push(`iIoU class ${formatPercent(s.iIoU)}`);
  if (s.categoryIoU !== undefined) parts.push(`IoU category ${formatPercent(s.categoryIoU)}`);
  if (s.categoryIIoU !== undefined) parts.push(`iIoU category ${formatPercent(s.categoryIIoU)}`);
  return `${parts.join(' · ')} (percent)`;
}
