import type { ConfusionMatrixSettings, ImageStats } from '@segmetrics/core';
import type { ImageUnit } from '../../internal/engine.js';

/** Per-image, per-class values stored sparsely against a per-image baseline (see {@link ImageTable.sparse}). */
export interface SparseValues {
  /** Entries of image i: `start[i]` … `start[i + 1] − 1`. */
  readonly start: Int32Array;
  readonly classes: Int32Array;
  readonly values: Float64Array;
  /** Per image: index into `baselines` of the value its other classes have, or −1 (they are undefined). */
  readonly group: Int32Array;
  /** The distinct defined baseline values. */
  readonly baselines: Float64Array;
}

/** More distinct baselines than this and every image is stored densely (no baseline). */
const MAX_BASELINES = 8;

/**
 * Per-class values of several metrics side by side on the table's own entries (the classes present in
 * each image), for metrics whose value on every absent (image, class) pair is one number per metric.
 */
export interface FusedValues {
  /** Number of metrics (columns). */
  readonly columns: number;
  /**
   * Per entry e of the table, 2·columns numbers: metric j's value at `[2e·columns + j]` (0 where it is
   * undefined) and 1 or 0 at `[(2e + 1)·columns + j]` (defined or not), so sums need no branch.
   */
  readonly values: Float64Array;
  /** Per metric: its value on every absent (image, class) pair (NaN: undefined). */
  readonly baselines: Float64Array;
}

/**
 * The images of one or more matrices as contiguous arrays, built once per bootstrap: per image the
 * classes present (support or predicted pixels), with their TP, support and predicted counts
 * (compressed rows: the other classes have all three 0 and add nothing to a sum), plus caches of the
 * per-image metric values the engine asks for. The values depend on the evaluation settings, so a
 * table serves one settings object.
 */
export class ImageTable {
  readonly numClasses: number;
  /** Number of images (units). */
  readonly size: number;
  readonly start: Int32Array;
  readonly classes: Int32Array;
  readonly tp: Float64Array;
  readonly support: Float64Array;
  readonly predicted: Float64Array;
  /** The largest number of counted pixels in one image. */
  readonly maxPixels: number;
  readonly #stats: readonly ImageStats[];
  #units: readonly ImageUnit[] | null = null;
  readonly #values = new Map<string, Float64Array[]>();
  readonly #scalars = new Map<string, Float64Array>();
  readonly #pooled = new Map<string, { sum: Float64Array; total: Float64Array }>();
  readonly #sparse = new Map<string, SparseValues>();
  readonly #fusedKeys = new Map<string, number>();
  #fused: FusedValues = { columns: 0, values: new Float64Array(0), baselines: new Float64Array(0) };

  /** The settings of the matrix (or matrices) the images come from. */
  readonly matrixSettings: ConfusionMatrixSettings;

  constructor(stats: readonly ImageStats[], matrixSettings: ConfusionMatrixSettings) {
    const numClasses = matrixSettings.numClasses;
    this.matrixSettings = matrixSettings;
    this.numClasses = numClasses;
    this.size = stats.length;
    this.#stats = stats;
    const c = numClasses;
    let entries = 0;
    for (const s of stats) {
      for (let k = 0; k < c; k++) if (s.support[k] !== 0 || s.predicted[k] !== 0) entries++;
    }
    this.start = new Int32Array(stats.length + 1);
    this.classes = new Int32Array(entries);
    this.tp = new Float64Array(entries);
    this.support = new Float64Array(entries);
    this.predicted = new Float64Array(entries);
    let e = 0;
    let maxPixels = 0;
    stats.forEach((s, i) => {
      let pixels = 0;
      for (let k = 0; k < c; k++) {
        const support = s.support[k]!;
        const predicted = s.predicted[k]!;
        pixels += support;
        if (support === 0 && predicted === 0) continue;
        this.classes[e] = k;
        this.tp[e] = s.tp[k]!;
        this.support[e] = support;
        this.predicted[e] = predicted;
        e++;
      }
      this.start[i + 1] = e;
      maxPixels = Math.max(maxPixels, pixels);
    });
    this.maxPixels = maxPixels;
  }

  /** The images as the engine's units, built once by `build` (on first use: image aggregation only). */
  units(build: (stats: readonly ImageStats[]) => readonly ImageUnit[]): readonly ImageUnit[] {
    this.#units ??= build(this.#stats);
    return this.#units;
  }

  /** Per class, 1 when the table stores image i's counts of the class (it has TP, support or predicted pixels). */
  #storedClasses(i: number, out: Uint8Array): Uint8Array {
    out.fill(0);
    for (let e = this.start[i]!; e < this.start[i + 1]!; e++) out[this.classes[e]!] = 1;
    return out;
  }

  /** Per-image per-class values under `key`, computed once. */
  values(key: string, compute: () => Float64Array[]): Float64Array[] {
    let values = this.#values.get(key);
    if (values === undefined) {
      values = compute();
      this.#values.set(key, values);
    }
    return values;
  }

  /** One value per image under `key`, computed once. */
  scalars(key: string, value: (image: number) => number): Float64Array {
    let out = this.#scalars.get(key);
    if (out === undefined) {
      out = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) out[i] = value(i);
      this.#scalars.set(key, out);
    }
    return out;
  }

  /** Per image: Σ_k weight·value and Σ_k weight over its defined pairs of nonzero weight, computed once. */
  pooled(
    key: string,
    values: readonly Float64Array[],
    weight: (image: number, k: number) => number,
  ): { sum: Float64Array; total: Float64Array } {
    let out = this.#pooled.get(key);
    if (out === undefined) {
      const sum = new Float64Array(this.size);
      const total = new Float64Array(this.size);
      values.forEach((v, i) => {
        let s = 0;
        let t = 0;
        for (let k = 0; k < v.length; k++) {
          if (Number.isNaN(v[k]!)) continue;
          const w = weight(i, k);
          if (w === 0) continue;
          s += w * v[k]!;
          t += w;
        }
        sum[i] = s;
        total[i] = t;
      });
      out = { sum, total };
      this.#pooled.set(key, out);
    }
    return out;
  }

  /**
   * `values` (one array per image) stored against a baseline, computed once per `key`: an image's
   * baseline is the value of its first class the table does not store (neither in its ground truth nor
   * predicted; in practice every such class has that value: IoU's 0/0 policy value, specificity's 1);
   * only the classes whose value differs from it are stored. Nothing is assumed: a class whose value differs is
   * simply stored. A weighted per-class mean then costs O(stored entries + baselines × classes).
   */
  sparse(key: string, values: readonly Float64Array[]): SparseValues {
    let out = this.#sparse.get(key);
    if (out !== undefined) return out;
    const c = this.numClasses;
    const baselineOf = new Float64Array(this.size).fill(Number.NaN);
    const distinct = new Map<number, number>();
    const inTable = new Uint8Array(c);
    values.forEach((v, i) => {
      this.#storedClasses(i, inTable);
      for (let k = 0; k < c; k++) {
        if (inTable[k] === 1) continue;
        const b = v[k]!;
        baselineOf[i] = b;
        if (!Number.isNaN(b) && !distinct.has(b)) distinct.set(b, distinct.size);
        break;
      }
    });
    const dense = distinct.size > MAX_BASELINES;
    if (dense) {
      baselineOf.fill(Number.NaN);
      distinct.clear();
    }
    const same = (x: number, b: number) => x === b || (Number.isNaN(x) && Number.isNaN(b));
    let entries = 0;
    values.forEach((v, i) => {
      const b = baselineOf[i]!;
      for (let k = 0; k < c; k++) if (!same(v[k]!, b)) entries++;
    });
    const start = new Int32Array(this.size + 1);
    const classes = new Int32Array(entries);
    const stored = new Float64Array(entries);
    const group = new Int32Array(this.size).fill(-1);
    let e = 0;
    values.forEach((v, i) => {
      const b = baselineOf[i]!;
      if (!Number.isNaN(b)) group[i] = distinct.get(b)!;
      for (let k = 0; k < c; k++) {
        if (same(v[k]!, b)) continue;
        classes[e] = k;
        stored[e] = v[k]!;
        e++;
      }
      start[i + 1] = e;
    });
    out = { start, classes, values: stored, group, baselines: Float64Array.from(distinct.keys()) };
    this.#sparse.set(key, out);
    return out;
  }

  /** The fused per-class values of every metric accepted so far (see {@link ImageTable.fusedColumn}). */
  get fused(): FusedValues {
    return this.#fused;
  }

  /**
   * The column of `values` in {@link ImageTable.fused}, adding it on first use; −1 when the metric's
   * value differs between two (image, class) pairs the table does not store (then
   * {@link ImageTable.sparse} serves it). Checked, not assumed: every such pair is compared with the
   * first, so per-image values computed from adjusted counts (a preset's treatment of ignored
   * predictions, say) are still summed exactly as given.
   */
  fusedColumn(key: string, values: readonly Float64Array[]): number {
    const known = this.#fusedKeys.get(key);
    if (known !== undefined) return known;
    const c = this.numClasses;
    let baseline: number | undefined;
    let uniform = true;
    const stored = new Uint8Array(c);
    values.forEach((v, i) => {
      // The classes this table does not store for image i (no TP, support or predicted pixels): the
      // fused sums give them the baseline, so every one of them must have it.
      this.#storedClasses(i, stored);
      for (let k = 0; k < c && uniform; k++) {
        if (stored[k] === 1) continue;
        const b = v[k]!;
        if (baseline === undefined) baseline = b;
        else if (!(b === baseline || (Number.isNaN(b) && Number.isNaN(baseline)))) uniform = false;
      }
    });
    if (!uniform) {
      this.#fusedKeys.set(key, -1);
      return -1;
    }
    const entries = this.classes.length;
    const column = new Float64Array(entries);
    values.forEach((v, i) => {
      for (let e = this.start[i]!; e < this.start[i + 1]!; e++) column[e] = v[this.classes[e]!]!;
    });
    const b = baseline ?? Number.NaN;
    const old = this.#fused;
    // A metric equal to one already fused on every entry and absent pair (e.g. F1, Tversky 0.5 and
    // Dice) shares its column.
    for (let j = 0; j < old.columns; j++) {
      if (!Object.is(old.baselines[j], b) && !(Number.isNaN(b) && Number.isNaN(old.baselines[j]!))) continue;
      let equal = true;
      for (let e = 0; e < entries && equal; e++) {
        const x = column[e]!;
        const y = old.values[2 * e * old.columns + j]!;
        const defined = old.values[(2 * e + 1) * old.columns + j] === 1;
        equal = defined ? x === y : Number.isNaN(x);
      }
      if (equal) {
        this.#fusedKeys.set(key, j);
        return j;
      }
    }
    const columns = old.columns + 1;
    const fusedValues = new Float64Array(2 * entries * columns);
    for (let e = 0; e < entries; e++) {
      for (let j = 0; j < old.columns; j++) {
        fusedValues[2 * e * columns + j] = old.values[2 * e * old.columns + j]!;
        fusedValues[(2 * e + 1) * columns + j] = old.values[(2 * e + 1) * old.columns + j]!;
      }
      const x = column[e]!;
      const defined = !Number.isNaN(x);
      fusedValues[2 * e * columns + old.columns] = defined ? x : 0;
      fusedValues[(2 * e + 1) * columns + old.columns] = defined ? 1 : 0;
    }
    const baselines = new Float64Array(columns);
    baselines.set(old.baselines);
    baselines[old.columns] = b;
    this.#fused = { columns, values: fusedValues, baselines };
    this.#fusedKeys.set(key, old.columns);
    return old.columns;
  }
}
