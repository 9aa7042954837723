/**
 * Stream errors already reported as a `SegmetricsError` by `writeToStream`: the bin's `'error'`
 * listener on stdout leaves these alone instead of printing them a second time. In a file of its own so
 * that the bin loads it without `@segmetrics/core`.
 */
export const reportedStreamErrors: WeakSet<object> = new WeakSet();
