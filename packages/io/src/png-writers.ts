import type { LabelArray, LabelMap } from '@segmetrics/core';
import { type ColorizeOptions, colorizedPng } from './encode-colorized-png.js';
import { type ErrorMapOptions, errorMapPng } from './encode-error-map-png.js';
import { type EncodeLabelPngOptions, labelPng } from './encode-label-png.js';
import {
  type PaletteScanlines,
  type PaletteScanlinesOptions,
  paletteScanlinesPng,
} from './encode-palette-scanlines.js';
import type { PngCodec } from './internal/png-writer.js';
import type { RgbColor } from './types.js';

/** The PNG writers, each compressing with the compressor of its entry point unless told otherwise. */
export interface PngWriters {
  /**
   * Renders a label map as a colour PNG for reports: each label k gets `palette[k]`. Labels in
   * [0, 255] give a palette PNG whose **indices are the labels** (so the image still decodes to the same
   * labels); larger labels give an RGB PNG. Labels without a colour get `fallbackColor`, or the VOC colour
   * map's colour for that id (distinct and stable). Negative or non-integer labels are errors.
   */
  readonly encodeColorizedPng: (
    labelMap: LabelMap,
    palette: readonly (RgbColor | null | undefined)[],
    options?: ColorizeOptions,
  ) => Uint8Array;
  /**
   * Renders where a prediction is right or wrong, as a 3-entry palette PNG: index 0 = correct
   * (prediction equals ground truth), 1 = wrong (including a prediction equal to an ignore value on a
   * valid pixel), 2 = ignored (ground truth is an ignore value). Labels are compared as given: apply any
   * label mapping first. `SHAPE_MISMATCH` when either array is not width × height long.
   */
  readonly encodeErrorMapPng: (pred: LabelArray, gt: LabelArray, options: ErrorMapOptions) => Uint8Array;
  /**
   * Encodes labels as a grayscale PNG (8- or 16-bit), the format label maps are usually stored in.
   * Labels must be integers in [0, 255] (8-bit) or [0, 65535] (16-bit): `LABEL_OUT_OF_RANGE` otherwise.
   * Decoding the result with `decodeLabelMap` returns the same labels.
   */
  readonly encodeLabelPng: (
    data: LabelArray,
    width: number,
    height: number,
    options?: EncodeLabelPngOptions,
  ) => Uint8Array;
  /**
   * Writes an 8-bit palette PNG around image data already filtered (per row: its filter type byte, then
   * the row's palette indices filtered by it), as given: for a caller that filters while it produces the
   * indices (the HTML report's thumbnails), so that no pass over the pixels is left to the writer. The
   * size, the filter types and the palette size (1 … 256) are checked; that every index has a colour is
   * the caller's to ensure (a decoder may refuse the image otherwise).
   */
  readonly encodePaletteScanlines: (
    scanlines: PaletteScanlines,
    palette: readonly RgbColor[],
    options?: PaletteScanlinesOptions,
  ) => Uint8Array;
}

/**
 * The writers with `codec`'s compressor as their default and its CRC-32 for the chunks. Each entry point
 * binds its own (fflate's and the package's CRC table in `@segmetrics/io` and in browsers, node:zlib's
 * deflate and native CRC-32 under Node's `@segmetrics/io/encode` and the file writers), so a caller
 * that brings a compressor loads no other.
 */
export function pngWriters(codec: PngCodec): PngWriters {
  return {
    encodeColorizedPng: (labelMap, palette, options = {}) => colorizedPng(labelMap, palette, options, codec),
    encodeErrorMapPng: (pred, gt, options) => errorMapPng(pred, gt, options, codec),
    encodeLabelPng: (data, width, height, options = {}) => labelPng(data, width, height, options, codec),
    encodePaletteScanlines: (scanlines, palette, options = {}) =>
      paletteScanlinesPng(scanlines, palette, options, codec),
  };
}
