declare const __SEGMETRICS_VERSION__: string | undefined;

/**
 * The version written into reports: the `segmetrics` release this page is built with (vite `define`),
 * so that the page's JSON report is byte-identical to the CLI's. `'0.0.0-dev'` when run from source.
 */
export const VERSION: string =
  typeof __SEGMETRICS_VERSION__ === 'string' ? __SEGMETRICS_VERSION__ : '0.0.0-dev';
