import { countNoun } from '../../count-noun.js';
import { formatPercent } from '../../format-percent.js';
import { nameHtml } from '../../html/display-name.js';
import type { ComparisonReport } from '../comparison-model.js';
import { formatDelta } from '../comparison-rows.js';
import { symmetricScale } from './comparison-class-chart.js';

const LEFT = 56;
const PLOT_W = 660;
const PLOT_H = 300;
const TOP = 12;
const BOTTOM = 40;

const f = (v: number) => v.toFixed(1);

/**
 * Every image as a point: x = A's per-image mIoU, y = B − A (points, symmetric around 0); gains above the
 * line, losses below. Each point's `<title>` names the image. Hand-written SVG, no script.
 */
export function comparisonScatter(report: ComparisonReport): string {
  const points = report.perImage.filter((d) => Number.isFinite(d.a) && Number.isFinite(d.delta));
  const scale = symmetricScale(points.map((d) => d.delta));
  const x = (v: number) => LEFT + Math.max(0, Math.min(1, v)) * PLOT_W;
  const y = (v: number) => TOP + ((scale - v) / (2 * scale)) * PLOT_H;
  const width = LEFT + PLOT_W + 16;
  const height = TOP + PLOT_H + BOTTOM;
  const xTicks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line class="grid" x1="${f(x(t))}" x2="${f(x(t))}" y1="${TOP}" y2="${TOP + PLOT_H}"/>` +
        `<text x="${f(x(t))}" y="${TOP + PLOT_H + 16}" text-anchor="middle">${formatPercent(t, 0)}</text>`,
    )
    .join('');
  const yTicks = [-scale, -scale / 2, scale / 2, scale]
    .map(
      (t) =>
        `<line class="grid" x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${f(y(t))}" y2="${f(y(t))}"/>` +
        `<text x="${LEFT - 6}" y="${f(y(t) + 4)}" text-anchor="end">${formatDelta(t, 1)}</text>`,
    )
    .join('');
  const dots = points
    .map((d) => {
      const kind = d.delta > 0 ? 'gain' : d.delta < 0 ? 'loss' : 'same';
      return `<circle class="${kind}" cx="${f(x(d.a))}" cy="${f(y(d.delta))}" r="3"><title>${nameHtml(d.sampleId)}: A ${formatPercent(d.a)}, B ${formatPercent(d.b)}, B − A ${formatDelta(d.delta)}</title></circle>`;
    })
    .join('\n');
  return (
    `<svg class="chart" id="image-delta-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Per-image mIoU difference B − A against A's per-image mIoU, ${countNoun(points.length, 'image')}">` +
    `${xTicks}${yTicks}<line class="zero" x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${f(y(0))}" y2="${f(y(0))}"/>` +
    `<text x="${LEFT - 6}" y="${f(y(0) + 4)}" text-anchor="end">0</text>` +
    `<text x="${f(LEFT + PLOT_W / 2)}" y="${height - 6}" text-anchor="middle">A's per-image mIoU (percent)</text>\n${dots}</svg>`
  );
}
