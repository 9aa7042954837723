export { checkUnmappedPredictions } from './check-unmapped-predictions.js';
export {
  type CityscapesCategory,
  type CityscapesLabel,
  cityscapesAvgClassSize,
  cityscapesCategories,
  cityscapesLabelIdToTrainId,
  cityscapesLabels,
} from './cityscapes-labels.js';
export {
  CITYSCAPES_MIN_INSTANCE_ID,
  type CityscapesInstance,
  type CityscapesMatrix,
  checkCityscapesMatrix,
} from './cityscapes-matrix.js';
export { type CityscapesResult, cityscapesResult } from './cityscapes-result.js';
export {
  type CityscapesCategoryScore,
  type CityscapesClassScore,
  type CityscapesLabelScores,
  type CityscapesScores,
  cityscapesLabelScores,
  cityscapesScores,
} from './cityscapes-scores.js';
export { firstInvalidCityscapesInstanceId } from './first-invalid-instance-id.js';
export { formatCityscapesResult } from './format-cityscapes-result.js';
