// @segmetrics/io/encode under Node (the `node` export condition): the writers of `encode`, compressing
// with node:zlib by default (several times faster than the portable compressor, which is not loaded).
import { nativeCrc32 } from './node/native-crc32.js';
import { createNodeZlibCompress } from './node/zlib-compress.js';
import { pngWriters } from './png-writers.js';

export type { ColorizeOptions } from './encode-colorized-png.js';
export { ErrorMapIndex, type ErrorMapOptions } from './encode-error-map-png.js';
export type { EncodeLabelPngOptions, PngFilter } from './encode-label-png.js';
export type { PaletteScanlines, PaletteScanlinesOptions } from './encode-palette-scanlines.js';
export type { ZlibCompress } from './internal/png-writer.js';
export type { PngWriters } from './png-writers.js';
export type { RgbColor } from './types.js';
export { vocColorMap } from './voc-color-map.js';

/**
 * The writers with node:zlib's deflate by default (`zlib.deflateSync(data, { level })`'s bytes at
 * levels 1–9): the same images as the portable writers, other file bytes.
 */
export const { encodeColorizedPng, encodeErrorMapPng, encodeLabelPng, encodePaletteScanlines } = pngWriters({
  compress: createNodeZlibCompress(),
  crc32: nativeCrc32,
});
