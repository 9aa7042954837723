import type { ConfusionMatrixSettings, ImageStats } from '@segmetrics/core';
import type { ImageUnit } from './engine.js';

/**
 * How an engine reduces per-image values over the images. {@link evaluate} counts each image once
 * ({@link UnitReducer}); the bootstrap counts image i `w_i` times (its multiplicity in a resample).
 * `key` names the per-image values (e.g. `'iou'`, `'unitMean:iou'`): a reducer serves one engine
 * settings, so values under one key never change and an implementation may cache them.
 */
export interface ImageReducer {
  /**
   * The images in canonical order as the engine's units, built once by `build` from the images'
   * statistics in canonical order (the units depend on the settings, so the engine builds them).
   */
  units(build: (stats: readonly ImageStats[]) => readonly ImageUnit[]): readonly ImageUnit[];
  /** Per image, per class values of a metric (`compute` gives them; cached by `key`). */
  values(key: string, compute: () => Float64Array[]): Float64Array[];
  /** The mean of `value(i)` over the images where it is defined (not NaN); `empty` if none is. */
  mean(key: string, value: (image: number) => number, empty: number): number;
  /** Per class k < `numClasses`: the mean of `values[i][k]` over the images where it is defined; `empty` if none is. */
  perClassMean(key: string, values: readonly Float64Array[], numClasses: number, empty: number): Float64Array;
  /**
   * Σ weight(i, k)·values[i][k] / Σ weight(i, k) over every (image, class) pair whose value is defined
   * and whose weight is not 0; `empty` if there is none.
   */
  pooledMean(
    key: string,
    values: readonly Float64Array[],
    weight: (image: number, k: number) => number,
    empty: number,
  ): number;
}

/** Per-class pixel totals: TP, support (ground truth) and predicted pixels. */
export interface Totals {
  readonly tp: Float64Array;
  readonly support: Float64Array;
  readonly predicted: Float64Array;
}

/** What an engine evaluates when it is not a matrix: summed counts and the images behind them. */
export interface EngineInput {
  /** The settings of the matrix the images come from (ignore labels, label mapping). */
  readonly matrixSettings: ConfusionMatrixSettings;
  /** The images' summed counts (each image as often as the reducer counts it). */
  readonly totals: Totals;
  /** The images, or `null` without per-image statistics. */
  readonly images: ImageReducer | null;
}

/** The mean of the non-NaN values, `empty` when there is none. */
export function meanSkippingNaN(values: Iterable<number>, empty: number): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? empty : sum / n;
}

/** Each image once, summed in canonical order (what {@link evaluate} reports). */
export class UnitReducer implements ImageReducer {
  readonly #stats: readonly ImageStats[];
  #units: readonly ImageUnit[] | null = null;
  readonly #values = new Map<string, Float64Array[]>();

  /** Over the images' statistics in canonical order. */
  constructor(stats: readonly ImageStats[]) {
    this.#stats = stats;
  }

  units(build: (stats: readonly ImageStats[]) => readonly ImageUnit[]): readonly ImageUnit[] {
    this.#units ??= build(this.#stats);
    return this.#units;
  }

  values(key: string, compute: () => Float64Array[]): Float64Array[] {
    let values = this.#values.get(key);
    if (values === undefined) {
      values = compute();
      this.#values.set(key, values);
    }
    return values;
  }

  mean(_key: string, value: (image: number) => number, empty: number): number {
    return meanSkippingNaN(
      this.#stats.map((_, i) => value(i)),
      empty,
    );
  }

  perClassMean(_key: string, values: readonly Float64Array[], c: number, empty: number): Float64Array {
    return this.perClassMeanOf((i) => values[i]!, c, empty);
  }

  /**
   * {@link perClassMean} of the values `valueAt(i)` gives for each image, asked for once per image in
   * canonical order (so that they can be computed a block of images at a time and not kept). Per class,
   * the defined values are summed in image order, as {@link meanSkippingNaN} sums them.
   */
  perClassMeanOf(valueAt: (image: number) => Float64Array, c: number, empty: number): Float64Array {
    const sum = new Float64Array(c);
    const n = new Float64Array(c);
    for (let i = 0; i < this.#stats.length; i++) {
      const v = valueAt(i);
      for (let k = 0; k < c; k++) {
        const x = v[k]!;
        if (Number.isNaN(x)) continue;
        sum[k]! += x;
        n[k]!++;
      }
    }
    const out = new Float64Array(c);
    for (let k = 0; k < c; k++) out[k] = n[k] === 0 ? empty : sum[k]! / n[k]!;
    return out;
  }

  pooledMean(
    _key: string,
    values: readonly Float64Array[],
    weight: (image: number, k: number) => number,
    empty: number,
  ): number {
    return this.pooledMeanOf((i) => values[i]!, weight, empty);
  }

  /** {@link pooledMean} of the values `valueAt(i)` gives, asked for once per image in canonical order. */
  pooledMeanOf(
    valueAt: (image: number) => Float64Array,
    weight: (image: number, k: number) => number,
    empty: number,
  ): number {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < this.#stats.length; i++) {
      const v = valueAt(i);
      for (let k = 0; k < v.length; k++) {
        if (Number.isNaN(v[k]!)) continue;
        const w = weight(i, k);
        if (w === 0) continue;
        sum += w * v[k]!;
        total += w;
      }
    }
    return total === 0 ? empty : sum / total;
  }
}
