export { checkCityscapesFlags } from './check-cityscapes-flags.js';
export {
  addCityscapesOptions,
  CITYSCAPES_DATASET,
  type CityscapesFlags,
  isCityscapesRun,
  wantsInstances,
} from './cityscapes-options.js';
export { cityscapesResultText } from './cityscapes-result-text.js';
export { withCityscapesSettings } from './cityscapes-settings.js';
export { explainCityscapesLabelError } from './explain-label-error.js';
export { attachInstances, pairCityscapesFiles, usesCityscapesPairing } from './pair-cityscapes-files.js';
export { checkInstanceIds, readInstanceIds } from './read-instance-ids.js';
export { trainIdWarning } from './train-id-warning.js';
