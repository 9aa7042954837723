import { nameHtml } from '../display-name.js';
import { rampGradient } from '../heatmap-ramp.js';
import type { HtmlContext } from '../html-context.js';
import { className, count, pct } from '../html-format.js';
import type { ReportSection } from '../report-section.js';

/** Up to this many classes the section also prints the full count table. */
const TABLE_LIMIT = 30;
const TICKS = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1];

function scale(): string {
  const ticks = TICKS.map(
    (t) =>
      `<span class="tick" style="left:${(Math.sqrt(t) * 100).toFixed(2)}%">${t === 0 ? '0' : `${Math.round(t * 100)}%`}</span>`,
  ).join('');
  return (
    '<div class="cm-scale" aria-hidden="true">' +
    `<span class="cm-scale-bar" style="background:${rampGradient()}"></span><span class="cm-ticks">${ticks}</span></div>` +
    '<p class="note">Colour: share of the row (ground-truth class) on a square-root scale; white = no pixel.</p>'
  );
}

function countTable(context: HtmlContext): string {
  const { report } = context;
  const names = report.classNames.map((n) => `<span class="cls">${nameHtml(n)}</span>`);
  const extra = report.pixels.predictedIgnore > 0;
  const head = `<tr><th scope="col">gt \\ pred</th>${names.map((n) => `<th scope="col" class="num">${n}</th>`).join('')}${extra ? '<th scope="col" class="num">ignore label</th>' : ''}</tr>`;
  const rows = report.confusionMatrix.map(
    (row, g) =>
      `<tr><th scope="row">${names[g]}</th>${row.map((v) => `<td class="num">${count(v)}</td>`).join('')}` +
      `${extra ? `<td class="num">${count(report.predictedIgnore[g])}</td>` : ''}</tr>`,
  );
  return (
    '<details class="cm-counts"><summary>The confusion matrix as a table of pixel counts</summary>' +
    `<div class="table-scroll"><table class="data compact"><caption>Pixel counts, rows = ground truth, columns = prediction</caption>` +
    `<thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></details>`
  );
}

/**
 * The confusion-matrix heatmap (a `<figure>` headed and captioned "Confusion matrix": rows = ground truth,
 * normalised by the class's pixels; the page's script draws it on a canvas from the embedded JSON,
 * with counts and shares on hover and on arrow keys, and zoom for 150 classes), the most confused
 * pairs, and for up to 30 classes the counts as a table.
 */
export function confusionSection(context: HtmlContext): ReportSection {
  const { report, colors } = context;
  const extra = report.pixels.predictedIgnore > 0;
  const dropped = report.pixels.dropped > 0;
  const figure =
    '<figure class="cm-figure" id="cm-figure" aria-labelledby="confusion-title">' +
    '<h2 id="confusion-title">Confusion matrix</h2>' +
    '<figcaption>Confusion matrix: rows are ground truth, columns prediction; each row is normalised to 100% of the ' +
    `class&#39;s ground-truth pixels${extra ? ` (the last column: pixels predicted as an ignore label${dropped ? ', dropped under this convention: not in the class&#39;s pixels' : ''})` : ''}. ` +
    'Numbers in large cells: percent of the row. Hover a cell, or focus the matrix and use the arrow keys, for its count and share.</figcaption>' +
    '<div class="cm-tools" role="group" aria-label="Zoom the confusion matrix">' +
    '<button type="button" data-zoom="out" aria-label="Zoom out">−</button>' +
    '<button type="button" data-zoom="in" aria-label="Zoom in">+</button>' +
    '<button type="button" data-zoom="fit">Fit width</button>' +
    '<span class="muted" id="cm-size"></span></div>' +
    '<div class="cm-scroll" id="cm-scroll"><canvas id="cm-canvas" tabindex="0" role="img" ' +
    `aria-label="Confusion matrix heatmap of ${report.numClasses} classes, rows ground truth, columns prediction" ` +
    'aria-describedby="cm-readout"></canvas></div>' +
    '<div id="cm-tip" class="cm-tip" role="tooltip" hidden></div>' +
    '<p id="cm-readout" class="readout" aria-live="polite">Hover a cell or focus the matrix for its count.</p>' +
    `${scale()}<noscript><p>The heatmap is drawn by the page&#39;s script; the counts are in the table below and the embedded JSON.</p></noscript></figure>`;
  const pairs = report.confusedPairs.map(
    (p) =>
      `<tr><td>${className(p.gtName, colors[p.gt] ?? '#888')}</td><td>${className(p.predictedName, colors[p.predicted] ?? '#888')}</td>` +
      `<td class="num">${count(p.pixels)}</td><td class="num">${pct(p.shareOfGt)}</td></tr>`,
  );
  const pairsHtml =
    pairs.length === 0
      ? '<p>No pixel of one class was predicted as another.</p>'
      : '<h3 id="confused-pairs">Most confused pairs</h3>' +
        '<div class="table-scroll"><table class="data pairs"><caption>Ground-truth class predicted as another class, largest first</caption>' +
        '<thead><tr><th scope="col">Ground truth</th><th scope="col">Predicted as</th><th scope="col" class="num">Pixels</th>' +
        `<th scope="col" class="num">% of the class</th></tr></thead><tbody>${pairs.join('')}</tbody></table></div>`;
  return {
    id: 'confusion',
    title: 'Confusion matrix',
    ownHeading: true,
    body: `${figure}\n${pairsHtml}\n${report.numClasses <= TABLE_LIMIT ? countTable(context) : ''}`,
  };
}
