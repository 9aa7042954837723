import type { LabelMap } from '@segmetrics/core';

/** Integer label arrays produced by the readers. */
export type LabelData = Uint8Array | Uint16Array | Int32Array;

/** An RGB colour, each channel 0 … 255. */
export type RgbColor = readonly [number, number, number];

/**
 * Colour → class id table for colour-coded (RGB/RGBA) masks.
 *
 * - an array indexed by class id (`palette[id] = [r, g, b]`; `null`/holes = no colour), as in the
 *   `colors` of a {@link DatasetPreset};
 * - or a record keyed by hex colour (`{ '#804080': 0, '#f423e8': 1 }`, case-insensitive).
 *
 * Two ids with the same colour are an `INVALID_OPTION` error.
 */
export type ColorPalette = readonly (RgbColor | null | undefined)[] | Readonly<Record<string, number>>;

/** What kind of pixels the source held. */
export type ColorType = 'gray' | 'palette' | 'rgb' | 'rgba' | 'gray-alpha' | 'npy' | 'raw';

/** Which decoder produced a label map. */
export type DecodeSource = 'fast-png' | 'fast-path' | 'npy' | 'image-data' | 'array';

/**
 * A decoded label map: core's {@link LabelMap} plus what the decoder found.
 * `data` is row-major, one integer label per pixel, `width × height` long.
 */
export interface DecodedLabelMap extends LabelMap {
  readonly data: LabelData;
  readonly width: number;
  readonly height: number;
  /** PNG bit depth per sample (1, 2, 4, 8, 16); for `.npy` the element size in bits. */
  readonly bitDepth: number;
  readonly colorType: ColorType;
  /** PNG `PLTE` entries as `[r, g, b]` or `[r, g, b, a]` (alpha from `tRNS`), when present. */
  readonly palette?: readonly (readonly number[])[];
  /** NumPy dtype string (e.g. `'<i8'`), for `.npy` input. */
  readonly dtype?: string;
  /** True when a `.npy` float score array was reduced to labels by argmax. */
  readonly argmax?: boolean;
  readonly source?: DecodeSource;
}

/** Options shared by every decoder. */
export interface DecodeOptions {
  /** File name reported in errors (`context.file`). */
  file?: string;
  /** Refuse images with more pixels than this, before allocating (default 2^28). */
  maxPixels?: number;
  /**
   * Colour → id table, required for RGB/RGBA colour-coded masks. Ignored for gray PNGs. Palette PNGs
   * keep their indices as labels unless every index the image uses is drawn in a colour of this table
   * and one of them in a colour it gives another id j (which the file draws in another colour): such a
   * file is a colour-coded mask saved in its own palette order, and is read by colour like an RGB mask
   * (so its classes are not silently permuted).
   */
  colorPalette?: ColorPalette;
  /**
   * What to do with a colour missing from `colorPalette`: `'error'` (default: `UNKNOWN_COLOR` naming the
   * colour and the first pixel) or the id to give such pixels (e.g. an ignore index such as 255).
   */
  unknownColor?: 'error' | number;
  /** Input format; `'auto'` (default) sniffs the PNG signature or the `.npy` magic string. */
  format?: 'png' | 'npy' | 'auto';
  /**
   * Layout of 3-D float score arrays in `.npy` files: `'chw'` (classes, height, width) or `'hwc'`.
   * Default: inferred when the class axis is the strictly smallest of the first and last axes,
   * otherwise an `INVALID_OPTION` error asks for it.
   */
  scoresLayout?: 'chw' | 'hwc';
  /** Verify chunk CRCs of PNG files (default true). */
  checkCrc?: boolean;
}

/** Default pixel limit: 2^28 pixels (a 16384 × 16384 image). */
export const DEFAULT_MAX_PIXELS = 2 ** 28;
