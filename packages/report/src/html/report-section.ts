import { escapeHtml } from './escape-html.js';
import type { HtmlContext } from './html-context.js';

/** One section of the HTML report: its anchor id, its heading (also the navigation entry) and body. */
export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** The section's content after its `<h2>` heading. */
  readonly body: string;
  /**
   * True when `body` holds the section's `<h2 id="<id>-title">` itself (e.g. inside a `<figure>` that
   * the heading names); default false: {@link sectionHtml} writes the heading.
   */
  readonly ownHeading?: boolean;
}

/**
 * Renders one section from the report, or `null` when the report has nothing for it (an optional
 * field the run did not compute). Adding a section = one renderer in its own file plus one line in
 * {@link renderHtmlReport}'s list.
 */
export type SectionRenderer = (context: HtmlContext) => ReportSection | null;

/** A section as HTML: `<section id>` with an `<h2>` that labels it. */
export function sectionHtml(section: ReportSection): string {
  const id = escapeHtml(section.id);
  return (
    `<section id="${id}" aria-labelledby="${id}-title">\n` +
    `${section.ownHeading === true ? '' : `<h2 id="${id}-title">${escapeHtml(section.title)}</h2>\n`}${section.body}\n</section>`
  );
}
