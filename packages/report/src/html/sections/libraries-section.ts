import { getPreset } from '@segmetrics/metrics';
import { escapeHtml } from '../escape-html.js';
import type { HtmlContext } from '../html-context.js';
import { pct } from '../html-format.js';
import type { ReportSection } from '../report-section.js';

/** The library, and its function, that each compatibility preset reproduces. */
const LIBRARY_NAMES: Readonly<Record<string, string>> = {
  mmseg: 'mmsegmentation (mmseg) IoUMetric',
  'torchmetrics-jaccard': 'torchmetrics MulticlassJaccardIndex',
  'torchmetrics-meaniou': 'torchmetrics segmentation.MeanIoU',
  'torchmetrics-dice': 'torchmetrics segmentation.DiceScore',
  'torchmetrics-generalized-dice': 'torchmetrics segmentation.GeneralizedDiceScore',
  sklearn: 'scikit-learn (sklearn) jaccard_score',
  keras: 'Keras (keras) MeanIoU',
  detectron2: 'detectron2 SemSegEvaluator',
  monai: 'MONAI DiceMetric / MeanIoU',
  cityscapes: 'cityscapesScripts',
};

const COLUMNS = ['mIoU', 'mDice', 'aAcc', 'mAcc', 'fwIoU'] as const;

function same(a: number | undefined, b: number | undefined): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * "What other libraries would report": every compatibility preset's summary on the same counts
 * (the report's `libraries`), side by side with this report's, each with one line on the convention
 * that makes its number differ (or why it cannot be given).
 */
export function librariesSection(context: HtmlContext): ReportSection | null {
  const { report } = context;
  if (report.libraries.length === 0) return null;
  const own = report.summary as Readonly<Record<string, number>>;
  const head = `<tr><th scope="col">Library (preset)</th>${COLUMNS.map((c) => `<th scope="col" class="num">${c}</th>`).join('')}<th scope="col">Why it differs</th></tr>`;
  const ownRow =
    `<tr class="own"><th scope="row">This report <span class="muted">(segmetrics, the settings above)</span></th>` +
    `${COLUMNS.map((c) => `<td class="num">${pct(own[c])}</td>`).join('')}<td>${escapeHtml(
      report.settings.preset === null
        ? 'The conventions in the header.'
        : `Computed with the ${report.settings.preset} preset.`,
    )}</td></tr>`;
  const rows = report.libraries.map((lib) => {
    const colon = lib.description.indexOf(': ');
    const library = LIBRARY_NAMES[lib.preset] ?? (colon > 0 ? lib.description.slice(0, colon) : lib.preset);
    const why =
      lib.summary === null
        ? (lib.reason ?? 'not available')
        : colon > 0
          ? lib.description.slice(colon + 2)
          : lib.description;
    const summary = lib.summary as Readonly<Record<string, number>> | null;
    const headline = getPreset(lib.preset).headline;
    const cells = COLUMNS.map((c) => {
      if (summary === null) return '<td class="num muted">—</td>';
      const mark = same(summary[c], own[c]) ? ' same' : '';
      // The value the library itself reports is bold; the other columns are what its conventions give.
      const value = c === headline ? `<strong>${pct(summary[c])}</strong>` : pct(summary[c]);
      return `<td class="num${mark}"${c === headline ? ' data-headline="true"' : ''}>${value}</td>`;
    });
    const current =
      lib.preset === report.settings.preset ? ' <span class="badge badge-excluded">this preset</span>' : '';
    return (
      `<tr data-preset="${escapeHtml(lib.preset)}"><th scope="row">${escapeHtml(library)} <code>${escapeHtml(lib.preset)}</code>${current}</th>` +
      `${cells.join('')}<td class="why">${escapeHtml(why)}</td></tr>`
    );
  });
  const body =
    '<p>The same counts evaluated under each compatibility preset, which reproduces another library exactly. ' +
    'The data are identical; only conventions differ (absent classes, averaging, per-image aggregation). ' +
    'Values equal to this report&#39;s are <span class="same-key">shaded</span>; <strong>bold</strong> is the ' +
    'value each library itself reports (the torchmetrics Dice scores report mDice, not mIoU).</p>\n' +
    `<div class="table-scroll"><table class="data libraries"><caption>Summary values in percent under each library&#39;s convention</caption>` +
    `<thead>${head}</thead><tbody>${ownRow}\n${rows.join('\n')}</tbody></table></div>`;
  return { id: 'libraries', title: 'What other libraries would report', body };
}
