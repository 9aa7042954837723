import { formatLevel } from '../../format-level.js';
import { displayName, nameHtml } from '../../html/display-name.js';
import { escapeHtml } from '../../html/escape-html.js';
import { comparisonDirection } from '../comparison-direction.js';
import type { ComparisonReport } from '../comparison-model.js';
import { formatDelta, formatDeltaInterval } from '../comparison-rows.js';
import { formatPValue } from '../comparison-verdict.js';

const LABEL = 170;
const PLOT = 520;
const VALUE = 190;
const ROW = 18;
const TOP = 26;

/** The largest |value| among the finite ones (at least 0.001: a tenth of a point). */
export function symmetricScale(values: readonly number[]): number {
  let max = 0.001;
  for (const v of values) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return max;
}

const f = (v: number) => v.toFixed(1);

/** The labels' font size in px (`.chart` in the stylesheet). */
const FONT = 11;

/**
 * An upper estimate of a character's advance in em in a sans-serif font: East Asian wide and
 * full-width characters 1, capitals and wide Latin letters 0.8, anything else 0.62.
 */
function advance(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f300
  )
    return 1;
  return /[A-Z@%MWmw]/.test(ch) ? 0.8 : 0.62;
}

/**
 * A class name shortened to fit `width` px at the chart's font size (by an upper estimate of its
 * advance: the SVG is written without a DOM to measure), ending in `…` when shortened; the name as the
 * page shows it ({@link displayName}). The full name is in the row's `<title>`.
 */
export function chartLabel(name: string, width: number): string {
  const chars = [...displayName(name)];
  const room = width / FONT;
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    used += advance(chars[i]!);
    if (used > room) {
      const out = chars.slice(0, i);
      let rest = used - advance(chars[i]!) + advance('…');
      while (out.length > 0 && rest > room) rest -= advance(out.pop()!);
      return `${out.join('')}…`;
    }
  }
  return chars.join('');
}

/**
 * Per-class IoU differences B − A as horizontal bars from 0 with their paired bootstrap intervals as
 * whiskers, in class order, on a scale symmetric around 0. A bar is coloured (gain/loss) when the class's
 * Holm-adjusted p-value is at most 1 − level and its interval excludes 0; grey otherwise. Hand-written
 * SVG, no script.
 */
export function comparisonClassChart(report: ComparisonReport): string {
  const rows = report.perClass;
  const scale = symmetricScale(rows.flatMap((r) => [r.delta, ...(r.ci === null ? [] : [r.ci[0], r.ci[1]])]));
  const x = (v: number) => LABEL + ((v + scale) / (2 * scale)) * PLOT;
  const height = TOP + rows.length * ROW + 8;
  const width = LABEL + PLOT + VALUE;
  const alpha = 1 - report.level;
  const ticks = [-scale, -scale / 2, 0, scale / 2, scale]
    .map(
      (t) =>
        `<line class="grid" x1="${f(x(t))}" x2="${f(x(t))}" y1="${TOP - 4}" y2="${height - 6}"/>` +
        `<text x="${f(x(t))}" y="${TOP - 10}" text-anchor="middle">${formatDelta(t, 1)}</text>`,
    )
    .join('');
  const body = rows
    .map((r, i) => {
      const y = TOP + i * ROW;
      const mid = y + ROW / 2;
      const name = nameHtml(r.name);
      const label = `<text x="${LABEL - 8}" y="${f(mid + 4)}" text-anchor="end">${escapeHtml(chartLabel(r.name, LABEL - 12))}</text>`;
      if (!Number.isFinite(r.delta)) {
        return `<g><title>${r.id} ${name}: undefined</title>${label}<text x="${f(x(0) + 6)}" y="${f(mid + 4)}" class="muted">undefined</text></g>`;
      }
      const direction = comparisonDirection(r.delta, r.ci, r.pHolm, alpha);
      const kind = direction === 0 ? 'same' : direction > 0 ? 'gain' : 'loss';
      const x0 = Math.min(x(0), x(r.delta));
      const w = Math.max(1, Math.abs(x(r.delta) - x(0)));
      const bar = `<rect class="${kind}" x="${f(x0)}" y="${f(y + 4)}" width="${f(w)}" height="${ROW - 8}"/>`;
      const whisker =
        r.ci === null
          ? ''
          : `<line class="whisker" x1="${f(x(r.ci[0]))}" x2="${f(x(r.ci[1]))}" y1="${f(mid)}" y2="${f(mid)}"/>` +
            `<line class="whisker" x1="${f(x(r.ci[0]))}" x2="${f(x(r.ci[0]))}" y1="${f(mid - 4)}" y2="${f(mid + 4)}"/>` +
            `<line class="whisker" x1="${f(x(r.ci[1]))}" x2="${f(x(r.ci[1]))}" y1="${f(mid - 4)}" y2="${f(mid + 4)}"/>`;
      const text = `${formatDelta(r.delta)} · p(Holm) ${formatPValue(r.pHolm)}`;
      return (
        `<g><title>${r.id} ${name}: B − A ${formatDelta(r.delta)} points, CI ${formatDeltaInterval(r.ci)}, p ${formatPValue(r.pValue)}, Holm ${formatPValue(r.pHolm)}</title>` +
        `${label}${bar}${whisker}<text x="${LABEL + PLOT + 10}" y="${f(mid + 4)}">${text}</text></g>`
      );
    })
    .join('\n');
  return (
    `<svg class="chart" id="class-delta-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Per-class IoU difference B − A in points with ${formatLevel(report.level)} intervals">` +
    `${ticks}<line class="zero" x1="${f(x(0))}" x2="${f(x(0))}" y1="${TOP - 4}" y2="${height - 6}"/>\n${body}</svg>`
  );
}
