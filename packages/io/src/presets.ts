// @segmetrics/io/presets — dataset presets, colour maps and colour-palette helpers: browser-safe and
// light (no PNG decoder or zlib library is loaded), for packages that name classes and colours.
export {
  allocateLabels,
  colorLookup,
  formatColor,
  type MapColorsOptions,
  mapColorsToLabels,
  parseColor,
} from './color-palette.js';
export {
  cityscapesLabelIdToTrainId,
  type DatasetPreset,
  type DatasetPresetName,
  datasetPresets,
  getDatasetPreset,
} from './dataset-presets.js';
export type { ColorPalette, RgbColor } from './types.js';
export { vocColorMap } from './voc-color-map.js';
