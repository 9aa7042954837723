import { nameHtml } from '../display-name.js';
import type { HtmlContext } from '../html-context.js';
import { pct } from '../html-format.js';
import type { ReportSection } from '../report-section.js';

/** Cityscapes category IoU and iIoU (the report's `perCategory`), when the run computed them. */
export function categoriesSection(context: HtmlContext): ReportSection | null {
  const categories = context.report.perCategory;
  if (categories === undefined || categories.length === 0) return null;
  // Without instance statistics (`--no-instances`) the categories have no iIoU: no column for it.
  const withIiou = categories.some((c) => c.iiou !== undefined);
  const rows = categories.map(
    (c) =>
      `<tr><th scope="row" class="name"><span class="cls">${nameHtml(c.name)}</span></th><td class="num">${pct(c.iou)}</td>` +
      `${withIiou ? `<td class="num">${pct(c.iiou)}</td>` : ''}</tr>`,
  );
  const body =
    '<div class="table-scroll"><table class="data"><caption>Cityscapes categories in percent (— = undefined)</caption>' +
    `<thead><tr><th scope="col">Category</th><th scope="col" class="num">Category IoU</th>${withIiou ? '<th scope="col" class="num">Category iIoU</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  return { id: 'categories', title: 'Categories', body };
}
