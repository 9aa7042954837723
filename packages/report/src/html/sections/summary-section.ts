import { formatLevel } from '../../format-level.js';
import { groupThousands } from '../../format-percent.js';
import { formatSummaryValue, isCoefficient } from '../../format-summary-value.js';
import { escapeHtml } from '../escape-html.js';
import type { HtmlContext } from '../html-context.js';
import { interval } from '../html-format.js';
import type { ReportSection } from '../report-section.js';

/** An interval as the cards print it: percentages, or a coefficient's own values (kappa). */
function rangeOf(id: string, ci: readonly (number | null)[] | null | undefined): string {
  const [low, high] = ci ?? [];
  if (!isCoefficient(id) || typeof low !== 'number' || typeof high !== 'number') return interval(ci);
  return `${formatSummaryValue(id, low)}–${formatSummaryValue(id, high)}`;
}

/** Summary values other streams add, shown as cards when the run computed them. */
const OPTIONAL_CARDS = ['mBoundaryIoU', 'iIoU', 'categoryIoU', 'categoryIIoU'];

function caption(id: string, average: string): string {
  const mean = average === 'none' ? 'no class mean (average none)' : `${average} mean over classes`;
  switch (id) {
    case 'mIoU':
      return `IoU, ${mean}`;
    case 'mDice':
      return `Dice, ${mean}`;
    case 'mAcc':
      return `class accuracy (recall), ${mean}`;
    case 'aAcc':
      return 'correct / counted pixels';
    case 'fwIoU':
      return 'IoU weighted by class frequency';
    case 'kappa':
      return "Cohen's kappa";
    case 'mBoundaryIoU':
      return `Boundary IoU, ${mean}`;
    case 'iIoU':
      return 'instance-level IoU (Cityscapes)';
    case 'categoryIoU':
      return 'IoU of the Cityscapes categories';
    case 'categoryIIoU':
      return 'iIoU of the Cityscapes categories';
    default:
      return id.startsWith('m') ? mean : '';
  }
}

/**
 * The summary numbers as cards (the `--metrics` selection, by default mIoU, mDice, aAcc, mAcc, fwIoU,
 * plus Boundary IoU and Cityscapes scores when present), in percent with two decimals, with their
 * confidence intervals when the report has `confidence`; then every summary value in a list.
 */
export function summarySection(context: HtmlContext): ReportSection {
  const { report, selection } = context;
  const summary = report.summary as Readonly<Record<string, number>>;
  const ids: string[] = [...selection.summaries];
  for (const id of OPTIONAL_CARDS) if (id in summary && !ids.includes(id)) ids.push(id);
  const confidence = report.confidence;
  const cards = ids.map((id, i) => {
    const ci = confidence?.summary[id];
    // No interval for a value the bootstrap did not resample (e.g. mBoundaryIoU): nothing, not "—".
    const ciHtml =
      confidence === undefined || !(id in confidence.summary)
        ? ''
        : `<span class="card-ci">${formatLevel(confidence.level)} CI ${rangeOf(id, ci)}</span>`;
    const value = formatSummaryValue(id, summary[id] ?? Number.NaN);
    const unit = value === '—' || isCoefficient(id) ? '' : '<span class="unit">%</span>';
    return (
      `<div class="card${i === 0 ? ' card-main' : ''}" data-metric="${escapeHtml(id)}">` +
      `<span class="card-label">${escapeHtml(id)}</span>` +
      `<span class="card-value"><span class="card-number">${value}</span>${unit}</span>` +
      `${ciHtml}<span class="card-caption">${escapeHtml(caption(id, report.settings.average))}</span></div>`
    );
  });
  const all = Object.keys(summary).map(
    (id) =>
      `<div><dt>${escapeHtml(id)}</dt><dd data-metric="${escapeHtml(id)}">${formatSummaryValue(id, summary[id] ?? Number.NaN)}` +
      `${confidence?.summary[id] ? ` <span class="muted">[${rangeOf(id, confidence.summary[id])}]</span>` : ''}</dd></div>`,
  );
  const ciNote =
    confidence === undefined
      ? ''
      : `<p class="note">Intervals: ${formatLevel(confidence.level)} ${escapeHtml(confidence.method)} bootstrap over ${escapeHtml(confidence.unit)}s, ${groupThousands(confidence.samples)} resamples, seed ${confidence.seed}.</p>`;
  const body =
    `<div class="cards">${cards.join('')}</div>\n${ciNote}` +
    `<details class="all-summary"><summary>All summary values (percent)</summary><dl class="kv">${all.join('')}</dl></details>`;
  return { id: 'summary', title: 'Summary', body };
}
