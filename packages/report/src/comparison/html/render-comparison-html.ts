import { formatLevel } from '../../format-level.js';
import { formatPercent } from '../../format-percent.js';
import { nameHtml } from '../../html/display-name.js';
import { escapeHtml } from '../../html/escape-html.js';
import { REPORT_STYLES } from '../../html/report-styles.js';
import { scriptJson } from '../../html/script-json.js';
import { settingsList } from '../../html/sections/settings-list.js';
import { comparisonDirection } from '../comparison-direction.js';
import type { ComparisonImage, ComparisonReport } from '../comparison-model.js';
import {
  comparisonMethodNote,
  comparisonSummaryRows,
  formatDelta,
  formatDeltaInterval,
} from '../comparison-rows.js';
import { comparisonToJson } from '../comparison-to-json.js';
import { formatPValue } from '../comparison-verdict.js';
import { comparisonClassChart } from './comparison-class-chart.js';
import { comparisonScatter } from './comparison-scatter.js';
import { COMPARISON_STYLES } from './comparison-styles.js';

/** What {@link renderComparisonHtml} turns into one HTML file. */
export interface ComparisonHtmlInput {
  /** The comparison model: every number the page shows comes from here (and is embedded as JSON). */
  readonly report: ComparisonReport;
  /** The page title (default: `segmetrics comparison · B − A … mIoU points · N images`). */
  readonly title?: string;
}

const th = (text: string, num = false) =>
  `<th scope="col"${num ? ' class="num"' : ''}>${escapeHtml(text)}</th>`;
const td = (text: string, num = true, kind = '') =>
  `<td class="${num ? 'num' : ''}${kind === '' ? '' : ` ${kind}`}">${escapeHtml(text)}</td>`;

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title">\n<h2 id="${id}-title">${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function summaryTable(report: ComparisonReport): string {
  const level = formatLevel(report.level);
  const rows = comparisonSummaryRows(report).map((r) => {
    const d = report.delta[r.id];
    const direction = d === undefined ? 0 : comparisonDirection(d.estimate, d.ci);
    const kind = direction > 0 ? 'good' : direction < 0 ? 'bad' : '';
    return `<tr><th scope="row">${escapeHtml(r.id)}</th>${td(r.a)}${td(r.aInterval)}${td(r.b)}${td(r.bInterval)}${td(r.delta, true, kind)}${td(r.interval)}${td(r.p)}</tr>`;
  });
  return (
    `<div class="table-scroll"><table class="data" id="summary-table"><thead><tr>${th('value')}${th('A', true)}${th(`A ${level} CI`, true)}${th('B', true)}${th(`B ${level} CI`, true)}${th('B − A', true)}${th(`${level} CI`, true)}${th('p', true)}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

function classTable(report: ComparisonReport): string {
  const level = formatLevel(report.level);
  const rows = report.perClass.map(
    (r) =>
      `<tr data-id="${r.id}">${td(String(r.id))}<th scope="row" class="name"><span class="cls">${nameHtml(r.name)}</span></th>${td(formatPercent(r.a))}${td(formatPercent(r.b))}${td(formatDelta(r.delta))}${td(formatDeltaInterval(r.ci))}${td(formatPValue(r.pValue))}${td(formatPValue(r.pHolm))}</tr>`,
  );
  return (
    `<details><summary>Per-class table</summary><div class="table-scroll tall"><table class="data" id="class-table"><thead><tr>${th('id', true)}${th('class')}${th('A IoU', true)}${th('B IoU', true)}${th('B − A', true)}${th(`${level} CI`, true)}${th('p', true)}${th('p (Holm)', true)}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div></details>`
  );
}

function imageTable(id: string, caption: string, images: readonly ComparisonImage[]): string {
  if (images.length === 0) return `<p class="note" id="${id}">${escapeHtml(caption)}: none.</p>`;
  const rows = images.map(
    (d) =>
      `<tr><th scope="row" class="name mono"><span class="cls">${nameHtml(d.sampleId)}</span></th>${td(formatPercent(d.a))}${td(formatPercent(d.b))}${td(formatDelta(d.delta), true, d.delta > 0 ? 'good' : 'bad')}</tr>`,
  );
  return (
    `<div class="table-scroll"><table class="data" id="${id}"><caption>${escapeHtml(caption)}</caption><thead><tr>${th('image')}${th('A mIoU', true)}${th('B mIoU', true)}${th('B − A', true)}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

/**
 * Renders the comparison model as ONE self-contained HTML page (inline CSS, hand-written SVG, no script
 * but the embedded data, nothing loaded from anywhere): the plain-language verdict, both sources and the
 * settings, the summary table (A and B with their intervals, B − A with its interval and p-value),
 * per-class IoU differences as bars with interval whiskers (and as a table), every image's mIoU
 * difference against A's mIoU as a scatter, and the images where B loses and gains most. The comparison
 * JSON (`comparisonToJson(report)`, with `<` written `\u003c`) is embedded in
 * `<script type="application/json" id="segmetrics-data">`. Every name from the input is HTML-escaped.
 * Pure and deterministic.
 */
export function renderComparisonHtml(input: ComparisonHtmlInput): string {
  const { report } = input;
  const title =
    input.title ??
    `segmetrics comparison · B − A ${formatDelta(report.delta.mIoU.estimate)} mIoU points · ${report.images} image${report.images === 1 ? '' : 's'}`;
  const source = (s: string | null) => (s === null ? 'unknown' : `<code class="cls">${nameHtml(s)}</code>`);
  const verdictClass =
    report.verdict.outcome === 'better'
      ? ' verdict-better'
      : report.verdict.outcome === 'worse'
        ? ' verdict-worse'
        : '';
  const sections = [
    section(
      'summary',
      'Summary',
      `${summaryTable(report)}\n<p class="note">${escapeHtml(comparisonMethodNote(report))}</p>`,
    ),
    section(
      'class-deltas',
      'Per-class IoU: B − A',
      '<p class="cmp-key"><span><i class="k-gain"></i>B better (Holm)</span><span><i class="k-loss"></i>B worse (Holm)</span><span><i class="k-same"></i>not detectable</span><span>whiskers: paired interval</span></p>\n' +
        `${comparisonClassChart(report)}\n${classTable(report)}`,
    ),
    section(
      'image-deltas',
      'Per-image mIoU: B − A',
      '<p class="cmp-key"><span><i class="k-gain"></i>B better</span><span><i class="k-loss"></i>B worse</span><span>one point per image; hover for its name</span></p>\n' +
        comparisonScatter(report),
    ),
    section(
      'images',
      'Where B loses and gains most',
      `<div class="image-lists">${imageTable('losses-table', 'B loses most', report.losses)}${imageTable('gains-table', 'B gains most', report.gains)}</div>`,
    ),
  ];
  const nav = [
    ['summary', 'Summary'],
    ['class-deltas', 'Per-class Δ'],
    ['image-deltas', 'Per-image Δ'],
    ['images', 'Images'],
  ]
    .map(([id, text]) => `<li><a href="#${id}">${text}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="segmetrics ${escapeHtml(report.version)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${REPORT_STYLES}${COMPARISON_STYLES}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the comparison</a>
<header class="page-head"><div class="wrap">
<h1>${escapeHtml(input.title ?? 'segmetrics comparison')}</h1>
<p class="verdict${verdictClass}" id="verdict">${escapeHtml(report.verdict.text)}</p>
<p class="lead">A: ${source(report.a.source)} · B: ${source(report.b.source)} · ${report.images} image${report.images === 1 ? '' : 's'} · ${report.numClasses} classes</p>
<dl class="settings" aria-label="Settings that produced these numbers">${settingsList({ ...report, libraries: [] })}</dl>
</div></header>
<nav class="toc" aria-label="Sections"><div class="wrap"><ul>${nav}</ul></div></nav>
<main id="main" class="wrap">
${sections.join('\n')}
</main>
<footer class="wrap">Written by segmetrics ${escapeHtml(report.version)}. This file is self-contained: it loads nothing from anywhere. The comparison JSON (the <code>segmetrics compare --format json</code> output, schema ${report.schemaVersion}) is embedded: <code>JSON.parse(document.getElementById('segmetrics-data').textContent)</code>.</footer>
<script type="application/json" id="segmetrics-data">${scriptJson(comparisonToJson(report))}</script>
</body>
</html>
`;
}
