declare const __SEGMETRICS_METRICS_VERSION__: string | undefined;

/**
 * The version of @segmetrics/metrics that produced a report: package.json's version, injected at build
 * time (tsup `define`; vitest defines it too). `'0.0.0-dev'` if the source is run without either.
 */
export const version: string =
  typeof __SEGMETRICS_METRICS_VERSION__ === 'string' ? __SEGMETRICS_METRICS_VERSION__ : '0.0.0-dev';
