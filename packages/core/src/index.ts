export { boundaryDilation } from './boundary-dilation.js';
export { classCounts, fromTotals, imageClassCounts } from './class-counts.js';
export { compareSampleIds } from './compare-sample-ids.js';
export { ConfusionMatrix } from './confusion-matrix.js';
export { type ConfusionMatrixTotals, confusionMatrixTotals } from './confusion-matrix-totals.js';
export { ErrorCode, SegmetricsError, type SegmetricsErrorOptions } from './errors/segmetrics-error.js';
export { type CountKernel, lastCountKernel } from './internal/last-count-kernel.js';
export {
  type NormalizeMode,
  type NormalizeOptions,
  normalizeConfusionMatrix,
} from './normalize-confusion-matrix.js';
export { normalizeSettings, settingsEqual } from './normalize-settings.js';
export {
  type BoundaryCounts,
  type BoundaryCountsJSON,
  type BoundarySettings,
  type ClassCounts,
  CONFUSION_MATRIX_KIND,
  CONFUSION_MATRIX_SCHEMA_VERSION,
  type ConfusionMatrixJSON,
  type ConfusionMatrixOptions,
  type ConfusionMatrixSettings,
  type ConfusionMatrixSettingsJSON,
  type ConfusionMatrixTransfer,
  type ImageStats,
  type ImageStatsJSON,
  type InstanceSettings,
  type InstanceStats,
  type InstanceStatsJSON,
  type LabelArray,
  type LabelMap,
  type LabelMapping,
  type LabelMappingJSON,
  MAX_DILATION_RATIO,
  MAX_NUM_CLASSES,
  type NormalizedLabelMapping,
  type UpdateOptions,
} from './types.js';
