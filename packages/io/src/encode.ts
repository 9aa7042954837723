// @segmetrics/io/encode — the PNG writers (colour-coded label maps, error maps, label PNGs): browser-safe
// and light (no PNG decoder, glob matcher or `.npy` reader is loaded), for packages that draw pictures.
// Node resolves this entry to `encode-node` (the same writers, node:zlib's compressor by default).
import { PORTABLE_CODEC } from './internal/png-encoder.js';
import { pngWriters } from './png-writers.js';

export type { ColorizeOptions } from './encode-colorized-png.js';
export { ErrorMapIndex, type ErrorMapOptions } from './encode-error-map-png.js';
export type { EncodeLabelPngOptions, PngFilter } from './encode-label-png.js';
export type { PaletteScanlines, PaletteScanlinesOptions } from './encode-palette-scanlines.js';
export type { ZlibCompress } from './internal/png-writer.js';
export type { PngWriters } from './png-writers.js';
export type { RgbColor } from './types.js';
export { vocColorMap } from './voc-color-map.js';

/** The writers with fflate's compressor by default (portable: browsers, workers, any runtime). */
export const { encodeColorizedPng, encodeErrorMapPng, encodeLabelPng, encodePaletteScanlines } =
  pngWriters(PORTABLE_CODEC);
