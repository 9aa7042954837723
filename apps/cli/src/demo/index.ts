export { CITYSCAPES_CLASS_NAMES, CITYSCAPES_IGNORE_INDEX } from './cityscapes-classes.js';
export {
  generateSampleDataset,
  type SampleDataset,
  type SampleDatasetOptions,
  sampleName,
  sampleSceneSeed,
} from './generate-sample-dataset.js';
export { type RenderedScene, renderScene } from './render-scene.js';
