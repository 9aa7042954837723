declare const __SEGMETRICS_METRICS_VERSION__: string;

/** The version of @segmetrics/metrics that produced a report (injected from package.json at build). */
export const version: string = __SEGMETRICS_METRICS_VERSION__;
