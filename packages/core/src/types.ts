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
  /**
   * The image's instance-id map (e.g. Cityscapes' `*_gtFine_instanceIds.png`), the same length as the
   * label maps, any {@link LabelArray} kind, integer values. Required in every update of a matrix created
   * with `instances` set, refused otherwise. Pixels whose id is at least `minInstanceId` belong to the
   * instance of that id, whatever their ground truth; see {@link ImageStats.instances}.
   */
  instances?: LabelArray;
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
  /**
   * What a raw value that is not a table key becomes: `'pass'` (default, mmsegmentation's rule: it
   * passes through unchanged) or `'invalid'` (the value is refused with LABEL_OUT_OF_RANGE, naming it as
   * not in the label mapping table — e.g. a Cityscapes trainId file, with 255, given where labelIds
   * 0–33 are expected). Raw 0 under `reduceZeroLabel` is consumed before the table and stays ignored;
   * ignore labels are not exempt (a raw 255 must be a table key). Needs a non-empty `table`.
   */
  unmapped?: 'pass' | 'invalid';
}

/** Per-instance statistics settings: see {@link ConfusionMatrixOptions.instances}. */
export interface InstanceSettings {
  /**
   * Smallest instance id: pixels whose instance id is at least this value belong to an instance
   * (Cityscapes: 1001, since cityscapesScripts tests `id > 1000`); smaller ids are not instances. A
   * non-negative safe integer.
   */
  readonly minInstanceId: number;
}

/**
 * Boundary IoU settings (Cheng et al., CVPR 2021): see {@link ConfusionMatrixOptions.boundary}.
 */
export interface BoundarySettings {
  /**
   * r: the boundary width as a fraction of the image diagonal. Each image's boundaries are
   * d = max(1, round(r · √(H² + W²))) pixels wide (Python's round: half to even), see
   * {@link boundaryDilation}. A finite number in (0, {@link MAX_DILATION_RATIO}]; the paper uses 0.02
   * (its default) and 0.005 for Cityscapes-sized images.
   */
  readonly dilationRatio: number;
}

/**
 * Per-class Boundary IoU counts of a unit (the dataset, or one image): `tp` = |Gb ∩ Pb|, `support` =
 * |Gb|, `predicted` = |Pb|, where Gb and Pb are the class's ground-truth and predicted boundary pixels
 * with the pixels whose ground truth is ignored left out. The class's boundary union is
 * `support + predicted − tp`; Boundary IoU = tp / union. The same shape as {@link ImageStats}' counts.
 */
export interface BoundaryCounts {
  /** Per class: pixels on both the ground-truth and the predicted boundary of the class. */
  readonly tp: Float64Array;
  /** Per class: pixels on the class's ground-truth boundary. */
  readonly support: Float64Array;
  /** Per class: pixels on the class's predicted boundary (ground truth not ignored). */
  readonly predicted: Float64Array;
}

/** Settings of a confusion matrix: two matrices merge only when their settings are equal. */
export interface ConfusionMatrixOptions {
  /**
   * Number of classes C, an integer in [1, {@link MAX_NUM_CLASSES}] (4096); valid labels are 0 … C − 1.
   */
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
  /**
   * Per-instance statistics (default `null`: off). Every update then needs an instance-id map
   * (`update(pred, gt, { instances })`) and each image's {@link ImageStats.instances} lists its
   * instances with the histogram of their raw predictions. Requires `perImage: true`.
   */
  instances?: InstanceSettings | null;
  /**
   * Split the predicted-as-ignore pixels by raw prediction value (default `false`): see
   * {@link ConfusionMatrix.predictedIgnoreByValue}. Costs nothing when off.
   */
  splitPredictedIgnore?: boolean;
  /**
   * Boundary IoU counting (default `null`: off): `{ dilationRatio }`. Every update then needs `width`
   * and `height`, and the matrix keeps the per-class boundary counts of the dataset
   * ({@link ConfusionMatrix.boundaryCounts}) and of each image ({@link ImageStats.boundary}). Boundaries
   * are those of each class's mask on the mapped labels, as in the paper's reference code.
   */
  boundary?: BoundarySettings | null;
  /**
   * Keep the pixels whose ground truth is ignored as a joint histogram of their RAW ground-truth value
   * and RAW prediction value (default `false`): see {@link ConfusionMatrix.ignoredGroundTruthByValue}.
   * Every prediction value on an ignored ground-truth pixel must then be a safe integer (it is counted
   * by value; any integer is accepted, as the ground truth is ignored). Costs nothing when off; when on,
   * 8-bit maps of at least 2^15 pixels pay a few hundred bin reads per image, other maps one extra pass
   * over the images that hold ignored ground truth.
   */
  splitIgnoredGroundTruth?: boolean;
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
  /** Per-instance statistics settings, or `null` when off. */
  readonly instances: InstanceSettings | null;
  /** Whether predicted-as-ignore pixels are split by raw prediction value. */
  readonly splitPredictedIgnore: boolean;
  /** Boundary IoU settings, or `null` when off. */
  readonly boundary: BoundarySettings | null;
  /** Whether ignored ground-truth pixels are kept by (raw ground-truth value, raw prediction value). */
  readonly splitIgnoredGroundTruth: boolean;
}

/** A label mapping in normalised form (see {@link normalizeSettings}); compared as is by `merge`. */
export interface NormalizedLabelMapping {
  /** Sorted by raw id; `null` = ignored. */
  readonly table: readonly (readonly [number, number | null])[];
  /** mmsegmentation's reduce-zero-label, applied before the table. */
  readonly reduceZeroLabel: boolean;
  /** `'both'` maps or the ground truth only (`'gt'`). */
  readonly applyTo: 'both' | 'gt';
  /** Raw values that are not table keys: `'pass'` through unchanged or are `'invalid'`. */
  readonly unmapped: 'pass' | 'invalid';
}

/**
 * One instance of one image (see {@link ImageStats.instances}): its id, its pixel count and the
 * histogram of the RAW prediction values (before any label mapping) over its pixels, as
 * `[rawValue, count]` pairs sorted by value, each count ≥ 1; the counts sum to `pixels`.
 */
export interface InstanceStats {
  /** The instance id (≥ `settings.instances.minInstanceId`). */
  readonly id: number;
  /** Pixels of the instance (all of them, whatever their ground truth). */
  readonly pixels: number;
  /** Raw prediction value → pixels, sorted by value. */
  readonly predictions: readonly (readonly [rawValue: number, count: number])[];
}

/**
 * Per-image statistics kept when `perImage` is on. FN = support − tp, FP = predicted − tp. The three count
 * arrays are read-only views, several images' into one buffer (`byteOffset` may be non-zero): copy them
 * (`slice()`) before moving their `buffer` to another thread.
 */
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
  /**
   * The image's instances sorted by id (possibly none), present exactly when the matrix was created
   * with `instances` set (absent otherwise). An instance is every pixel whose instance id is that id
   * (≥ `minInstanceId`), ground truth ignored or not.
   */
  readonly instances?: readonly InstanceStats[];
  /**
   * The image's Boundary IoU counts, present exactly when the matrix was created with `boundary` set
   * (absent otherwise).
   */
  readonly boundary?: BoundaryCounts;
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

/**
 * Schema version written by {@link ConfusionMatrix.toJSON}; `fromJSON` also reads version 1 states
 * (written by @segmetrics/core 0.1), upgrading them.
 */
export const CONFUSION_MATRIX_SCHEMA_VERSION = 2;
/**
 * The largest `numClasses` a matrix accepts: 4096 = 2^12. A C × C float64 matrix of that size is
 * 128 MiB (the counting scratch as much again, the 16-bit kernel's slot histogram 64 MiB more), and its
 * JSON state (up to 16.8 million counts of up to 16 digits) stays below the longest string JavaScript
 * engines can build (V8: 2^29 − 24 characters), so every matrix can be saved, shipped and merged.
 * Per-image statistics cost 3 × C float64 per image (96 KiB at 4096 classes). The largest semantic
 * segmentation label sets in use (ADE20K-full: 3,688 classes) fit.
 */
export const MAX_NUM_CLASSES = 4096;
/**
 * The largest Boundary IoU `dilationRatio`: 1 (a boundary as wide as the image diagonal). From
 * 1 / (2√2) ≈ 0.354 on, no image has an interior pixel, so every mask is all boundary; a larger value is
 * almost certainly a percentage (2 for 0.02).
 */
export const MAX_DILATION_RATIO = 1;
/** The `kind` tag of a serialised confusion matrix. */
export const CONFUSION_MATRIX_KIND = 'segmetrics/confusion-matrix';

/** One instance in JSON (see {@link InstanceStats}). */
export interface InstanceStatsJSON {
  id: number;
  pixels: number;
  /** `[rawValue, count]` pairs sorted by value. */
  predictions: [number, number][];
}

/** One image's statistics in JSON (see {@link ImageStats}). */
export interface ImageStatsJSON {
  sampleId: string | null;
  tp: number[];
  support: number[];
  predicted: number[];
  ignored: number;
  /** Present exactly when `settings.instances` is set. */
  instances?: InstanceStatsJSON[];
  /** Present exactly when `settings.boundary` is set. */
  boundary?: BoundaryCountsJSON;
}

/** {@link BoundaryCounts} as JSON. */
export interface BoundaryCountsJSON {
  tp: number[];
  support: number[];
  predicted: number[];
}

/** The label mapping of {@link ConfusionMatrixSettingsJSON}: {@link NormalizedLabelMapping} as JSON. */
export interface LabelMappingJSON {
  table: [number, number | null][];
  reduceZeroLabel: boolean;
  applyTo: 'both' | 'gt';
  unmapped: 'pass' | 'invalid';
}

/** Normalised settings as JSON (same content as {@link ConfusionMatrixSettings}). */
export interface ConfusionMatrixSettingsJSON {
  numClasses: number;
  ignoreIndex: number[];
  labelMapping: LabelMappingJSON | null;
  perImage: boolean;
  instances: { minInstanceId: number } | null;
  splitPredictedIgnore: boolean;
  /** Written by every version that counts boundaries; states written before may lack it (off). */
  boundary?: { dilationRatio: number } | null;
  /** Written only when `true` (absent: off, as in states written before the option existed). */
  splitIgnoredGroundTruth?: true;
}

/**
 * The plain-JSON state of a {@link ConfusionMatrix} (what `toJSON` returns and `fromJSON` accepts),
 * schema version 2. All counts are non-negative safe integers. `checksum` is the FNV-1a 64-bit hash
 * (16 hex digits) of the UTF-8 text `JSON.stringify(state)` of the state without its `checksum`, keys in
 * the order `toJSON` writes them (the order of this interface); `fromJSON` recomputes it from the
 * validated content, so the key order of a file does not matter.
 */
export interface ConfusionMatrixJSON {
  schemaVersion: typeof CONFUSION_MATRIX_SCHEMA_VERSION;
  kind: typeof CONFUSION_MATRIX_KIND;
  settings: ConfusionMatrixSettingsJSON;
  /** C rows (ground truth) of C counts (prediction). */
  counts: number[][];
  predictedIgnore: number[];
  /**
   * `null` unless `settings.splitPredictedIgnore`; otherwise `[rawValue, counts per ground-truth class]`
   * for every raw prediction value that was counted as predicted-as-ignore, sorted by value.
   */
  predictedIgnoreByValue: [number, number[]][] | null;
  /**
   * `null` unless `settings.boundary`; otherwise the dataset's Boundary IoU counts. States written
   * before Boundary IoU lack the field (off).
   */
  boundaryCounts?: BoundaryCountsJSON | null;
  ignoredPixels: number;
  /**
   * Present exactly when `settings.splitIgnoredGroundTruth`: `[rawGroundTruthValue, [rawPredictionValue,
   * pixels][]]` for every ignored ground-truth value counted, both levels sorted by value, every count
   * ≥ 1; the counts sum to `ignoredPixels`.
   */
  ignoredGroundTruthByValue?: [number, [number, number][]][];
  images: number;
  /** In update (and merge) order. */
  sampleIds: string[];
  /** `null` unless `settings.perImage`; in canonical order (see {@link ConfusionMatrix.imageStats}). */
  imageStats: ImageStatsJSON[] | null;
  checksum: string;
}

/** The `kind` of a {@link ConfusionMatrixTransfer}. */
export const CONFUSION_MATRIX_TRANSFER_KIND = 'segmetrics/confusion-matrix-transfer';

/**
 * A matrix's whole state for another thread (`postMessage`, structured clone): what
 * `ConfusionMatrix#toTransfer` returns and `ConfusionMatrix.fromTransfer` reads. Typed arrays and plain
 * values: no JSON text, no checksum, none of the consistency checks of `fromJSON` (for a state made by
 * this version's `toTransfer`, e.g. in a worker thread). Not a file format: state files use `toJSON`.
 */
export interface ConfusionMatrixTransfer {
  readonly kind: typeof CONFUSION_MATRIX_TRANSFER_KIND;
  /** The matrix's options (its normalised settings as options). */
  readonly options: ConfusionMatrixOptions;
  /** C × C counts, row-major (rows = ground truth). */
  readonly counts: Float64Array;
  readonly predictedIgnore: Float64Array;
  /** `[rawValue, counts per ground-truth class]`, exactly when `splitPredictedIgnore`. */
  readonly predictedIgnoreByValue: readonly (readonly [number, Float64Array])[] | null;
  /** Exactly when `boundary` is set. */
  readonly boundaryCounts: BoundaryCounts | null;
  /** `[rawGroundTruthValue, [rawPredictionValue, pixels][]]`, exactly when `splitIgnoredGroundTruth`. */
  readonly ignoredGroundTruthByValue:
    | readonly (readonly [number, readonly (readonly [number, number])[]])[]
    | null;
  readonly ignoredPixels: number;
  readonly images: number;
  /** Counted pixels (ground truth not ignored). */
  readonly pixels: number;
  /** Sample ids in update order. */
  readonly sampleIds: readonly string[];
  /** Per-image statistics (empty without `perImage`). */
  readonly imageStats: readonly ImageStats[];
}
