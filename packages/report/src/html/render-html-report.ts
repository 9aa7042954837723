import { countNoun } from '../count-noun.js';
import { describePartial } from '../report-partial.js';
import { reportToJson } from '../report-to-json.js';
import { nameHtml } from './display-name.js';
import { escapeHtml } from './escape-html.js';
import { HEATMAP_RAMP, RAMP_MIN } from './heatmap-ramp.js';
import { type HtmlContext, htmlContext } from './html-context.js';
import { count, pctText } from './html-format.js';
import type { HtmlReportInput } from './html-report-input.js';
import { REPORT_SCRIPT } from './report-script.js';
import { type ReportSection, type SectionRenderer, sectionHtml } from './report-section.js';
import { REPORT_STYLES } from './report-styles.js';
import { scriptJson } from './script-json.js';
import { categoriesSection } from './sections/categories-section.js';
import { confusionSection } from './sections/confusion-section.js';
import { iouChartSection } from './sections/iou-chart-section.js';
import { legendSection } from './sections/legend-section.js';
import { librariesSection } from './sections/libraries-section.js';
import { perClassSection } from './sections/per-class-section.js';
import { settingsList } from './sections/settings-list.js';
import { summarySection } from './sections/summary-section.js';
import { worstImagesSection } from './sections/worst-images-section.js';

/** The report's sections, in page order; a renderer returning `null` leaves its section out. */
const SECTIONS: readonly SectionRenderer[] = [
  summarySection,
  perClassSection,
  iouChartSection,
  categoriesSection,
  librariesSection,
  confusionSection,
  worstImagesSection,
  legendSection,
];

function overview(context: HtmlContext): string {
  const { report } = context;
  const { counted, ignored, dropped, predictedIgnore } = report.pixels;
  const parts = [
    ...(report.settings.dataset === null ? [] : [nameHtml(report.settings.dataset)]),
    countNoun(report.images, 'image'),
    countNoun(report.numClasses, 'class', 'classes'),
    `${countNoun(counted, 'pixel')} counted`,
    `${count(ignored)} ignored`,
  ];
  // counted + ignored + dropped = every pixel; the misses predicted as ignore are among the counted ones.
  if (dropped > 0) parts.push(`${count(dropped)} dropped (predicted as an ignore label, not counted)`);
  if (predictedIgnore - dropped > 0) parts.push(`${count(predictedIgnore - dropped)} predicted as ignore`);
  return parts.join(' · ');
}

function viewData(context: HtmlContext): string {
  return JSON.stringify({
    colors: context.colors,
    ignored: context.pictureColors.ignored,
    errors: {
      correct: context.pictureColors.correct,
      wrong: context.pictureColors.wrong,
      ignored: context.pictureColors.errorIgnored,
    },
    ramp: HEATMAP_RAMP,
    rampMin: RAMP_MIN,
  });
}

/**
 * Renders the report model as ONE self-contained HTML page: inline CSS and script, pictures as PNG data
 * URLs, no request to anything outside the file (no CDN, web font or external image), so it opens
 * offline and can be mailed or archived. It shows the dataset size and the settings that produced the
 * numbers, the summary (with confidence intervals when the report has them), what other libraries
 * would report, a sortable per-class table, per-class IoU bars, the confusion-matrix heatmap and the
 * most confused pairs, the worst images with their pictures, and a colour legend. The JSON report
 * (`reportToJson(report)`, byte for byte except that `<` is written `\u003c`) is embedded in
 * `<script type="application/json" id="segmetrics-data">`. Every class name, file name and text from
 * the input is HTML-escaped. Pure and deterministic: the same input gives the same string.
 *
 * @throws SegmetricsError INVALID_OPTION when a picture is neither PNG bytes nor a PNG data URL
 * @example
 * const html = renderHtmlReport({ report, images: [{ row, groundTruth, prediction, errorMap }] });
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const context = htmlContext(input);
  const { report } = context;
  const sections = SECTIONS.map((render) => render(context)).filter((s): s is ReportSection => s !== null);
  const partial = report.settings.partial ?? null;
  const title =
    input.title ??
    `${partial === null ? '' : 'PARTIAL · '}segmetrics report · mIoU ${pctText(report.summary.mIoU)} · ${report.images} image${report.images === 1 ? '' : 's'}`;
  // A partial merge says so before any number, as the table's PARTIAL line and Markdown's banner do.
  const partialBanner =
    partial === null
      ? ''
      : `<p class="partial" id="partial-result" role="note"><strong>Partial result</strong> — ${escapeHtml(describePartial(partial).replace(/^partial result: /, ''))}: the numbers cover these images only.</p>\n`;
  const nav = sections
    .map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="segmetrics ${escapeHtml(report.version)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${REPORT_STYLES}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header class="page-head"><div class="wrap">
<h1>${escapeHtml(input.title ?? 'segmetrics report')}</h1>
${partialBanner}<p class="lead">${overview(context)}</p>
<dl class="settings" aria-label="Settings that produced these numbers">${settingsList(report)}</dl>
</div></header>
<nav class="toc" aria-label="Sections"><div class="wrap"><ul>${nav}<li class="save"><button type="button" class="toggle" id="save-json">Save the JSON report</button></li></ul></div></nav>
<main id="main" class="wrap">
${sections.map(sectionHtml).join('\n')}
</main>
<footer class="wrap">Written by segmetrics ${escapeHtml(report.version)}. This file is self-contained: it loads nothing from anywhere. The JSON report (the <code>--format json</code> output, schema ${report.schemaVersion}) is embedded: <code>JSON.parse(document.getElementById('segmetrics-data').textContent)</code>.</footer>
<script type="application/json" id="segmetrics-data">${scriptJson(reportToJson(report))}</script>
<script type="application/json" id="segmetrics-view">${scriptJson(viewData(context))}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
