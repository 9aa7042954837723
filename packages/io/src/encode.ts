// @segmetrics/io/encode — the PNG writers (colour-coded label maps, error maps, label PNGs): browser-safe
// and light (no PNG decoder, glob matcher or `.npy` reader is loaded), for packages that draw pictures.
export { type ColorizeOptions, encodeColorizedPng } from './encode-colorized-png.js';
export { ErrorMapIndex, type ErrorMapOptions, encodeErrorMapPng } from './encode-error-map-png.js';
export { type EncodeLabelPngOptions, encodeLabelPng, type PngFilter } from './encode-label-png.js';
export type { ZlibCompress } from './internal/png-encoder.js';
export type { RgbColor } from './types.js';
export { vocColorMap } from './voc-color-map.js';
