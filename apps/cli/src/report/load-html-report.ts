/** The HTML report's module (it brings the PNG encoder, which other outputs do not need). */
type HtmlReportModule = typeof import('./html-report.js');

let loading: Promise<HtmlReportModule> | undefined;

/**
 * Loads the HTML report's module once: `--report` runs start loading it before counting (see
 * {@link preloadHtmlReport}), so that reading and compiling its files overlaps the counting instead
 * of following it (25–50 ms of a 500-pair run's end, measured).
 */
export function loadHtmlReport(): Promise<HtmlReportModule> {
  loading ??= import('./html-report.js');
  return loading;
}

/** Starts {@link loadHtmlReport} without waiting; a failure surfaces where the report is written. */
export function preloadHtmlReport(): void {
  loadHtmlReport().catch(() => undefined);
}
