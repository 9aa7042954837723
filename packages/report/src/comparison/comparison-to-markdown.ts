import { countNoun } from '../count-noun.js';
import { formatLevel } from '../format-level.js';
import { formatPercent } from '../format-percent.js';
import { markdownCell } from '../report-to-markdown.js';
import { settingsSummary } from '../settings-summary.js';
import type { ComparisonImage, ComparisonReport } from './comparison-model.js';
import {
  comparisonMethodNote,
  comparisonSummaryRows,
  formatDelta,
  formatDeltaInterval,
} from './comparison-rows.js';
import { formatPValue } from './comparison-verdict.js';

function imageTable(title: string, images: readonly ComparisonImage[]): string[] {
  if (images.length === 0) return [];
  return [
    '',
    title,
    '',
    '| image | A mIoU | B mIoU | B − A |',
    '| --- | ---: | ---: | ---: |',
    ...images.map(
      (d) =>
        `| ${markdownCell(d.sampleId)} | ${formatPercent(d.a)} | ${formatPercent(d.b)} | ${formatDelta(d.delta)} |`,
    ),
  ];
}

/**
 * The comparison as GitHub-flavoured Markdown: the plain-language line, both sources, the summary table
 * (A, B, B − A with interval and p), per-class IoU differences with Holm-adjusted p-values, the images
 * where B loses and gains most, how the numbers were made and the settings.
 */
export function comparisonToMarkdown(report: ComparisonReport): string {
  const level = formatLevel(report.level);
  const source = (s: string | null) => (s === null ? 'unknown' : `\`${markdownCell(s)}\``);
  const lines = [
    `## segmetrics compare: B vs A on ${countNoun(report.images, 'image')}, ${countNoun(report.numClasses, 'class', 'classes')}`,
    '',
    `**${markdownCell(report.verdict.text)}**`,
    '',
    `A: ${source(report.a.source)} · B: ${source(report.b.source)}`,
    '',
    `| value | A | A ${level} CI | B | B ${level} CI | B − A | ${level} CI | p |`,
    '| --- | ---: | :---: | ---: | :---: | ---: | :---: | ---: |',
    ...comparisonSummaryRows(report).map(
      (r) =>
        `| ${r.id} | ${r.a} | ${r.aInterval} | ${r.b} | ${r.bInterval} | ${r.delta} | ${r.interval} | ${r.p} |`,
    ),
    '',
    `| id | class | A IoU | B IoU | B − A | ${level} CI | p | p (Holm) |`,
    '| ---: | --- | ---: | ---: | ---: | :---: | ---: | ---: |',
    ...report.perClass.map(
      (r) =>
        `| ${r.id} | ${markdownCell(r.name)} | ${formatPercent(r.a)} | ${formatPercent(r.b)} | ${formatDelta(r.delta)} | ${formatDeltaInterval(r.ci)} | ${formatPValue(r.pValue)} | ${formatPValue(r.pHolm)} |`,
    ),
    ...imageTable(`Images where B loses most (per-image ${report.imageMetric}):`, report.losses),
    ...imageTable(`Images where B gains most (per-image ${report.imageMetric}):`, report.gains),
    '',
    `${comparisonMethodNote(report)} — is 0/0 or undefined.`,
    '',
    `Settings: ${markdownCell(settingsSummary({ settings: report.settings, classNames: report.classNames }))}; segmetrics ${report.version}.`,
  ];
  return `${lines.join('\n')}\n`;
}
