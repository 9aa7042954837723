export {
  type BootstrapOptions,
  bootstrapConfidence,
  type ConfidenceIntervals,
} from './bootstrap/bootstrap-confidence.js';
export {
  type ClassDelta,
  type CompareOptions,
  type Comparison,
  compareMatrices,
  type DeltaResult,
  type ImageDelta,
} from './bootstrap/compare-matrices.js';
export { type ConfidenceOptions, MAX_BOOTSTRAP_SAMPLES } from './bootstrap/confidence-options.js';
export { holmAdjust } from './bootstrap/holm-adjust.js';
export { type Interval, percentileInterval, quantile } from './bootstrap/quantile.js';
export { boundaryIoU } from './boundary-iou.js';
export {
  CITYSCAPES_MIN_INSTANCE_ID,
  type CityscapesCategory,
  type CityscapesCategoryScore,
  type CityscapesClassScore,
  type CityscapesInstance,
  type CityscapesLabel,
  type CityscapesLabelScores,
  type CityscapesMatrix,
  type CityscapesResult,
  type CityscapesScores,
  checkCityscapesMatrix,
  checkUnmappedPredictions,
  cityscapesAvgClassSize,
  cityscapesCategories,
  cityscapesLabelIdToTrainId,
  cityscapesLabelScores,
  cityscapesLabels,
  cityscapesResult,
  cityscapesScores,
  firstInvalidCityscapesInstanceId,
  formatCityscapesResult,
} from './cityscapes/index.js';
export { cohenKappa, cohenKappaMetric } from './cohen-kappa.js';
export { type ComparePresetsOptions, comparePresets, type PresetOutcome } from './compare-presets.js';
export { computeMetric } from './compute-metric.js';
export { type ConfusedPair, type ConfusedPairsOptions, confusedPairs } from './confused-pairs.js';
export { dice, diceMetric } from './dice.js';
export {
  type EvaluationReport,
  evaluate,
  type ImageClassIoU,
  type PerClassResult,
  type PerImageResult,
  type PerImageSelectionResult,
  type Summary,
} from './evaluate.js';
export { Evaluator, type EvaluatorJSON, type EvaluatorOptions } from './evaluator.js';
export { frequencyWeightedIoU, frequencyWeightedIoUMetric } from './frequency-weighted-iou.js';
export { fscore, fscoreMetric } from './fscore.js';
export { getPreset } from './get-preset.js';
export { iou, iouMetric } from './iou.js';
export { meanDice } from './mean-dice.js';
export { meanIoU } from './mean-iou.js';
export {
  getMetric,
  type MetricId,
  metricRegistry,
  type PerClassMetricId,
  type SummaryId,
} from './metric-registry.js';
export { parsePresetOptions } from './parse-preset-options.js';
export { pixelAccuracy, pixelAccuracyMetric } from './pixel-accuracy.js';
export { precision, precisionMetric } from './precision.js';
export { predicted, predictedMetric } from './predicted.js';
export type { PresetParameter } from './preset-parameter.js';
export { type Preset, type PresetContext, type PresetConventions, presets } from './presets.js';
export { type RankImagesOptions, rankImages } from './rank-images.js';
export { recall, recallMetric } from './recall.js';
export {
  type AbsentPolicy,
  type Aggregate,
  type Average,
  absentValue,
  type EvaluateOptions,
  type EvaluationSettings,
  type ImageReduce,
  type PerImageSelection,
  type PredictedOnlyPolicy,
  type PresetName,
  type PresetOptions,
  type PresetOptionValue,
  type Quirks,
} from './settings.js';
export { specificity, specificityMetric } from './specificity.js';
export { support, supportMetric } from './support.js';
export { tversky, tverskyMetric } from './tversky.js';
export type {
  MetricDescriptor,
  MetricOptions,
  PerClassMetricDescriptor,
  SummaryMetricDescriptor,
} from './types.js';
export { version } from './version.js';
