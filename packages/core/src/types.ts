/**
 * A label map as it comes from a decoder or from user code: one integer label per pixel, row-major.
 * Number arrays and float typed arrays are accepted but every value must be an integer.
 */
export type LabelArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | readonly number[];

/** A decoded label map: labels plus the image size. */
export interface LabelMap {
  /** One label per pixel, row-major: `data[y * width + x]`. */
  readonly data: LabelArray;
  readonly width: number;
  readonly height: number;
}

/** Options of one {@link ConfusionMatrix.update} call. */
export interface UpdateOptions {
  /** Image width in pixels: lets errors report x,y; with `height`, checked against the length. */
  width?: number;
  /** Image height in pixels. */
  height?: number;
  /** A unique id of the sample (e.g. its relative path): named in errors; counted at most once. */
  sampleId?: string;
}

/**
 * Label mapping applied to raw label values before counting.
 *
 * Order (mmsegmentation's `LoadAnnotations` order): `reduceZeroLabel` first, then `table`, then the
 * ignore check, then the range check against [0, numClasses).
 */
export interface LabelMapping {
  /**
   * Raw id → mapped id, as an object (`{ "7": 0, "8": 1 }`) or an array indexed by raw id. A mapped
   * value equal to an ignore label (or `-1`/`null`) makes the pixel ignored. Raw ids not in the table
   * pass through unchanged (mmsegmentation's `label_map` rule).
   */
  table?: Readonly<Record<number, number | null>> | readonly (number | null)[];
  /**
   * mmsegmentation's `reduce_zero_label`: raw 0 → ignored, raw k → k − 1, except raw values that are
   * ignore labels, which stay ignored (so 255 stays 255).
   */
  reduceZeroLabel?: boolean;
  /** Which maps the mapping applies to: `'both'` (default) or `'gt'` only (predictions already class ids). */
  applyTo?: 'both' | 'gt';
}

/** Settings of a confusion matrix: two matrices merge only when their settings are equal. */
export interface ConfusionMatrixOptions {
  /** Number of classes C; valid labels are 0 … C − 1. */
  numClasses: number;
  /** Ground-truth values that are not counted (e.g. 255, or [0, 255]). Compared after label mapping. */
  ignoreIndex?: number | readonly number[];
  /** Optional raw → class mapping (lookup table, reduce-zero-label). */
  labelMapping?: LabelMapping;
  /**
   * Keep per-image statistics (per class TP, support, predicted) for imagewise metrics, rankings
   * and bootstrap. Memory: 3 × numClasses × 8 bytes per image (O(images × classes)).
   */
  perImage?: boolean;
}

/** The normalised, comparable settings of a matrix (what `settings` returns and JSON stores). */
export interface ConfusionMatrixSettings {
  /** Number of classes C. */
  readonly numClasses: number;
  /** Sorted, unique. */
  readonly ignoreIndex: readonly number[];
  /** Normalised: `table` as sorted [raw, mapped | null] pairs; absent when no mapping is set. */
  readonly labelMapping: NormalizedLabelMapping | null;
  /** Whether per-image statistics are kept. */
  readonly perImage: boolean;
}

/** A label mapping in normalised form (see {@link normalizeSettings}); compared as is by `merge`. */
export interface NormalizedLabelMapping {
  /** Sorted by raw id; `null` = ignored. */
  readonly table: readonly (readonly [number, number | null])[];
  /** mmsegmentation's reduce-zero-label, applied before the table. */
  readonly reduceZeroLabel: boolean;
  /** `'both'` maps or the ground truth only (`'gt'`). */
  readonly applyTo: 'both' | 'gt';
}

/** Per-image statistics kept when `perImage` is on. FN = support − tp, FP = predicted − tp. */
export interface ImageStats {
  readonly sampleId: string | null;
  /** Per class: pixels predicted correctly. */
  readonly tp: Float64Array;
  /** Per class: ground-truth pixels (including those predicted as an ignore label). */
  readonly support: Float64Array;
  /** Per class: pixels predicted as the class (on non-ignored ground truth). */
  readonly predicted: Float64Array;
  /** Pixels whose ground truth is ignored. */
  readonly ignored: number;
}

/**
 * Per-class counts: the input of every metric. All arrays have length `numClasses`.
 * - `tp`: correctly predicted pixels; `fp`: predicted as the class, ground truth another class;
 * - `fn`: ground truth is the class, predicted otherwise (including predicted as an ignore label);
 * - `tn`: `total − tp − fp − fn`;
 * - `support` = tp + fn (ground-truth pixels); `predicted` = tp + fp.
 */
export interface ClassCounts {
  readonly numClasses: number;
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly fn: Float64Array;
  readonly tn: Float64Array;
  readonly support: Float64Array;
  readonly predicted: Float64Array;
  /** Pixels counted (ground truth not ignored). */
  readonly total: number;
}

/** Schema version written by {@link ConfusionMatrix.toJSON}; `fromJSON` accepts exactly this version. */
export const CONFUSION_MATRIX_SCHEMA_VERSION = 1;
/** The `kind` tag of a serialised confusion matrix. */
export const CONFUSION_MATRIX_KIND = 'segmetrics/confusion-matrix';

/** One image's statistics in JSON (see {@link ImageStats}). */
export interface ImageStatsJSON {
  sampleId: string | null;
  tp: number[];
  support: number[];
  predicted: number[];
  ignored: number;
}

/** The label mapping of {@link ConfusionMatrixSettingsJSON}: {@link NormalizedLabelMapping} as JSON. */
export interface LabelMappingJSON {
  table: [number, number | null][];
  reduceZeroLabel: boolean;
  applyTo: 'both' | 'gt';
}

/** Normalised settings as JSON (same content as {@link ConfusionMatrixSettings}). */
export interface ConfusionMatrixSettingsJSON {
  numClasses: number;
  ignoreIndex: number[];
  labelMapping: LabelMappingJSON | null;
  perImage: boolean;
}

/**
 * The plain-JSON state of a {@link ConfusionMatrix} (what `toJSON` returns and `fromJSON` accepts).
 * All counts are non-negative safe integers. `checksum` is the FNV-1a 64-bit hash (16 hex digits) of
 * the UTF-8 text `JSON.stringify([schemaVersion, kind, [numClasses, ignoreIndex, labelMapping && [table,
 * reduceZeroLabel, applyTo], perImage], counts, predictedIgnore, ignoredPixels, images, sampleIds,
 * imageStats && imageStats.map(s => [sampleId, tp, support, predicted, ignored])])`.
 */
export interface ConfusionMatrixJSON {
  schemaVersion: typeof CONFUSION_MATRIX_SCHEMA_VERSION;
  kind: typeof CONFUSION_MATRIX_KIND;
  settings: ConfusionMatrixSettingsJSON;
  /** C rows (ground truth) of C counts (prediction). */
  counts: number[][];
  predictedIgnore: number[];
  ignoredPixels: number;
  images: number;
  /** In update (and merge) order. */
  sampleIds: string[];
  /** `null` unless `settings.perImage`; in canonical order (see {@link ConfusionMatrix.imageStats}). */
  imageStats: ImageStatsJSON[] | null;
  checksum: string;
}
