export { classCounts, fromTotals, imageClassCounts } from './class-counts.js';
export { ConfusionMatrix } from './confusion-matrix.js';
export { ErrorCode, SegmetricsError, type SegmetricsErrorOptions } from './errors/segmetrics-error.js';
export { normalizeSettings, settingsEqual } from './normalize-settings.js';
export type {
  ClassCounts,
  ConfusionMatrixOptions,
  ConfusionMatrixSettings,
  ImageStats,
  LabelArray,
  LabelMap,
  LabelMapping,
  NormalizedLabelMapping,
  UpdateOptions,
} from './types.js';
