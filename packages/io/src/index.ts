// @segmetrics/io — browser-safe entry point (no node: imports).
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
export { decodeLabelMap } from './decode-label-map.js';
export { decodeLabelMapAsync } from './decode-label-map-async.js';
export { decodeNpy, hasNpyMagic, type NpyHeader, parseNpyHeader } from './decode-npy.js';
export { decodePng } from './decode-png.js';
export { encodeColorizedPng, encodeErrorMapPng, encodeLabelPng, encodePaletteScanlines } from './encode.js';
export type { ColorizeOptions } from './encode-colorized-png.js';
export { ErrorMapIndex, type ErrorMapOptions } from './encode-error-map-png.js';
export type { EncodeLabelPngOptions, PngFilter } from './encode-label-png.js';
export type { PaletteScanlines, PaletteScanlinesOptions } from './encode-palette-scanlines.js';
export type { PairingOptions } from './internal/pairing-rules.js';
export { hasPngSignature } from './internal/png-structure.js';
export type { ZlibCompress } from './internal/png-writer.js';
export {
  type ArrayLabelMapOptions,
  type IntegerTypedArray,
  labelMapFromArray,
} from './label-map-from-array.js';
export {
  type ImageDataLike,
  type ImageDataOptions,
  labelMapFromImageData,
} from './label-map-from-image-data.js';
export { type PairedPaths, type PairPathsOptions, type PathPair, pairPaths } from './pair-paths.js';
export type { PngWriters } from './png-writers.js';
export {
  labelPaletteConflict,
  type PaletteDifference,
  paletteDifference,
  readPngPalette,
} from './read-png-palette.js';
export { resolveFormat, sniffFormat } from './resolve-format.js';
export {
  type ColorPalette,
  type ColorType,
  DEFAULT_MAX_PIXELS,
  type DecodedLabelMap,
  type DecodeOptions,
  type DecodeSource,
  type LabelData,
  type RgbColor,
} from './types.js';
export {
  describeSkippedGroundTruth,
  describeUnreadLabelFiles,
  type FindUnreadOptions,
  findUnreadLabelFiles,
  type UnreadLabelFiles,
} from './unread-label-files.js';
export { vocColorMap } from './voc-color-map.js';
