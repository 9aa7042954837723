import { nameHtml } from '../display-name.js';
import { escapeHtml } from '../escape-html.js';
import type { HtmlContext } from '../html-context.js';
import type { ReportSection } from '../report-section.js';

/**
 * The colour legend: every class's colour with its id and name (the colours of the pictures, the bars
 * and the swatches), plus the colours of ignored pixels and of the error maps.
 */
export function legendSection(context: HtmlContext): ReportSection {
  const { report, colors, pictureColors } = context;
  const entries = report.classNames.map(
    (name, k) =>
      `<li title="${k} ${nameHtml(name)}"><span class="sw" style="background:${escapeHtml(colors[k] ?? '#888')}" aria-hidden="true"></span><span class="legend-id">${k}</span> <span class="cls">${nameHtml(name)}</span></li>`,
  );
  const ignore = report.settings.ignoreIndex;
  const special = [
    `<li><span class="sw" style="background:${pictureColors.ignored}" aria-hidden="true"></span>ignored${ignore.length > 0 ? ` (${escapeHtml(ignore.join(', '))})` : ''}</li>`,
    `<li><span class="sw" style="background:${pictureColors.correct}" aria-hidden="true"></span>error map: correct</li>`,
    `<li><span class="sw" style="background:${pictureColors.wrong}" aria-hidden="true"></span>error map: wrong</li>`,
    `<li><span class="sw" style="background:${pictureColors.errorIgnored}" aria-hidden="true"></span>error map: ignored</li>`,
  ];
  const body =
    `<ul class="legend" aria-label="Class colours">${entries.join('')}</ul>\n` +
    `<ul class="legend legend-special" aria-label="Other picture colours">${special.join('')}</ul>`;
  return { id: 'legend', title: 'Colour legend', body };
}
