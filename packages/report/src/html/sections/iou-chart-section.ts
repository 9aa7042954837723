import { formatClassRatio, isAbsentSentinel } from '../../class-status-notes.js';
import { nameHtml } from '../display-name.js';
import { escapeHtml } from '../escape-html.js';
import type { HtmlContext } from '../html-context.js';
import { pct, sortValue } from '../html-format.js';
import type { ReportSection } from '../report-section.js';

/**
 * The per-class IoU as horizontal bars in the class colours, worst first (undefined last), with the
 * mIoU marked on every track; a toggle orders them by class id. Plain HTML and CSS (flows into columns
 * at 150 classes, prints, scales with the text), no plotting library.
 */
export function iouChartSection(context: HtmlContext): ReportSection {
  const { report, colors } = context;
  const mean = report.summary.mIoU;
  const meanLeft = Number.isFinite(mean) ? Math.max(0, Math.min(100, mean * 100)).toFixed(2) : null;
  // A preset's sentinel for a class never present (torchmetrics MeanIoU's −1) is no IoU: no bar, last.
  const barValue = (row: (typeof report.perClass)[number]) =>
    isAbsentSentinel(report, row.id, row.iou) ? Number.NaN : row.iou;
  const order = report.perClass
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const va = barValue(a.row);
      const vb = barValue(b.row);
      const fa = Number.isFinite(va);
      const fb = Number.isFinite(vb);
      if (fa !== fb) return fa ? -1 : 1;
      if (fa && va !== vb) return va - vb;
      return a.index - b.index;
    });
  const absent = new Set(report.absentClasses);
  const predictedOnly = new Set(report.predictedOnlyClasses);
  // What a bar without a value is: 0/0 (absent), a skipped predicted-only class, or undefined.
  const noValue = (id: number) => (absent.has(id) ? 'absent' : predictedOnly.has(id) ? 'skipped' : '—');
  const items = order.map(({ row }) => {
    const sentinel = isAbsentSentinel(report, row.id, row.iou);
    const v = barValue(row);
    const width = Number.isFinite(v) ? Math.max(0, Math.min(100, v * 100)).toFixed(2) : '0';
    const name = nameHtml(row.name);
    const marker = meanLeft === null ? '' : `<span class="bar-mean" style="left:${meanLeft}%"></span>`;
    return (
      `<li class="bar-row" data-id="${row.id}" data-v="${sortValue(v)}">` +
      `<span class="bar-name" title="${row.id} ${name}">${name}</span>` +
      `<span class="bar-track">${Number.isFinite(v) ? `<span class="bar-fill" style="width:${width}%;background:${escapeHtml(colors[row.id] ?? '#888')}"></span>` : ''}${marker}</span>` +
      `<span class="bar-val">${sentinel ? formatClassRatio(report, row.id, row.iou) : Number.isFinite(v) ? pct(v) : noValue(row.id)}</span></li>`
    );
  });
  const body =
    '<div class="chart-tools" role="group" aria-label="Order of the bars">Order: ' +
    '<button type="button" class="toggle" data-order="iou" aria-pressed="true">worst IoU first</button> ' +
    '<button type="button" class="toggle" data-order="id" aria-pressed="false">class id</button>' +
    (meanLeft === null
      ? ''
      : ` <span class="muted legend-mean"><span class="mean-key" aria-hidden="true"></span> mIoU ${pct(mean)}%</span>`) +
    '</div>\n' +
    `<ol class="bars" id="iou-bars" aria-label="Per-class IoU in percent">\n${items.join('\n')}\n</ol>`;
  return { id: 'iou-chart', title: 'Per-class IoU', body };
}
