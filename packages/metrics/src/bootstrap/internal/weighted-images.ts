import type { ImageStats } from '@segmetrics/core';
import type { ImageUnit } from '../../internal/engine.js';
import type { ImageReducer, Totals } from '../../internal/image-reducer.js';
import type { ImageTable } from './image-table.js';

/**
 * A multiset of a table's images: image `active[a]` counted `weight[a]` times for a < `count` (a
 * bootstrap resample, or one side of a permutation). It gives the engine the summed counts
 * ({@link WeightedImages.totals}) and the imagewise reductions with those multiplicities, so
 * the engine computes every metric of the multiset as `evaluate` would on a matrix holding each image
 * `weight` times. Dataset sums are exact integers (the caller keeps them below 2^53); imagewise means
 * are weighted sums, equal to repeated sums up to rounding.
 */
export class WeightedImages implements ImageReducer {
  readonly table: ImageTable;
  /** Indices of the images in the multiset, ascending (canonical order). */
  readonly active: Int32Array;
  /** Multiplicity of `active[a]`, ≥ 1. */
  readonly weight: Int32Array;
  /** How many entries of `active` / `weight` are in use. */
  #count = 0;
  /** Bumped by every {@link WeightedImages.commit}: results cached for an older multiset are stale. */
  #generation = 0;
  readonly #fusedMemo = {
    generation: -1,
    columns: 0,
    sum: new Float64Array(0),
    n: new Float64Array(0),
    present: new Float64Array(0),
  };
  readonly #tp: Float64Array;
  readonly #support: Float64Array;
  readonly #predicted: Float64Array;
  #groupClass = new Float64Array(0);

  constructor(table: ImageTable) {
    this.table = table;
    this.active = new Int32Array(table.size);
    this.weight = new Int32Array(table.size);
    this.#tp = new Float64Array(table.numClasses);
    this.#support = new Float64Array(table.numClasses);
    this.#predicted = new Float64Array(table.numClasses);
  }

  /** Number of images in the multiset (entries of `active` / `weight` in use). */
  get count(): number {
    return this.#count;
  }

  /** Takes the first `count` entries of `active` / `weight` as the new multiset. */
  commit(count: number): void {
    this.#count = count;
    this.#generation++;
  }

  units(build: (stats: readonly ImageStats[]) => readonly ImageUnit[]): readonly ImageUnit[] {
    return this.table.units(build);
  }

  /**
   * Σ weight · (TP, support, predicted) per class over the multiset. The three arrays are reused by the
   * next call: use the result before calling again.
   */
  totals(): Totals {
    const { start, classes, tp, support, predicted } = this.table;
    const sumTp = this.#tp.fill(0);
    const sumSupport = this.#support.fill(0);
    const sumPredicted = this.#predicted.fill(0);
    for (let a = 0; a < this.#count; a++) {
      const i = this.active[a]!;
      const w = this.weight[a]!;
      for (let e = start[i]!, end = start[i + 1]!; e < end; e++) {
        const k = classes[e]!;
        sumTp[k]! += w * tp[e]!;
        sumSupport[k]! += w * support[e]!;
        sumPredicted[k]! += w * predicted[e]!;
      }
    }
    return { tp: sumTp, support: sumSupport, predicted: sumPredicted };
  }

  values(key: string, compute: () => Float64Array[]): Float64Array[] {
    return this.table.values(key, compute);
  }

  mean(key: string, value: (image: number) => number, empty: number): number {
    const values = this.table.scalars(key, value);
    let sum = 0;
    let n = 0;
    for (let a = 0; a < this.#count; a++) {
      const v = values[this.active[a]!]!;
      if (Number.isNaN(v)) continue;
      const w = this.weight[a]!;
      sum += w * v;
      n += w;
    }
    return n === 0 ? empty : sum / n;
  }

  perClassMean(key: string, values: readonly Float64Array[], c: number, empty: number): Float64Array {
    const column = this.table.fusedColumn(key, values);
    if (column >= 0) {
      const { sum, n, columns } = this.#fusedSums();
      const out = new Float64Array(c);
      for (let k = 0; k < c; k++) {
        const i = k * columns + column;
        out[k] = n[i] === 0 ? empty : sum[i]! / n[i]!;
      }
      return out;
    }
    return this.#sparseMean(key, values, c, empty);
  }

  /**
   * Per class and fused metric: Σ weight·value and Σ weight over the multiset's images where the value
   * is defined, all metrics in one pass over the present (image, class) entries; absent pairs add
   * their metric's baseline times their weight (an exact integer), once per class.
   */
  #fusedSums(): { sum: Float64Array; n: Float64Array; columns: number } {
    const { columns, values, baselines } = this.table.fused;
    const memo = this.#fusedMemo;
    if (memo.generation === this.#generation && memo.columns === columns) return memo;
    const c = this.table.numClasses;
    const { start, classes } = this.table;
    if (memo.sum.length !== c * columns) {
      memo.sum = new Float64Array(c * columns);
      memo.n = new Float64Array(c * columns);
      memo.present = new Float64Array(c);
    }
    const { sum, n, present } = memo;
    sum.fill(0);
    n.fill(0);
    present.fill(0);
    let all = 0;
    for (let a = 0; a < this.#count; a++) {
      const i = this.active[a]!;
      const w = this.weight[a]!;
      all += w;
      for (let e = start[i]!, end = start[i + 1]!; e < end; e++) {
        const k = classes[e]!;
        present[k]! += w;
        const row = 2 * e * columns;
        const out = k * columns;
        for (let j = 0; j < columns; j++) {
          sum[out + j]! += w * values[row + j]!;
          n[out + j]! += w * values[row + columns + j]!;
        }
      }
    }
    for (let k = 0; k < c; k++) {
      const absent = all - present[k]!;
      if (absent === 0) continue;
      for (let j = 0; j < columns; j++) {
        const b = baselines[j]!;
        if (Number.isNaN(b)) continue;
        sum[k * columns + j]! += absent * b;
        n[k * columns + j]! += absent;
      }
    }
    memo.generation = this.#generation;
    memo.columns = columns;
    return memo;
  }

  #sparseMean(key: string, values: readonly Float64Array[], c: number, empty: number): Float64Array {
    const { start, classes, values: stored, group, baselines } = this.table.sparse(key, values);
    const groups = baselines.length;
    const sum = new Float64Array(c);
    const n = new Float64Array(c);
    // Per group g: groupClass[g·(c + 1) + k] = weight of its images that store class k; [.. + c] = all.
    const stride = c + 1;
    if (this.#groupClass.length < groups * stride) this.#groupClass = new Float64Array(groups * stride);
    const groupClass = this.#groupClass.fill(0, 0, groups * stride);
    for (let a = 0; a < this.#count; a++) {
      const i = this.active[a]!;
      const w = this.weight[a]!;
      const g = group[i]!;
      for (let e = start[i]!, end = start[i + 1]!; e < end; e++) {
        const k = classes[e]!;
        const v = stored[e]!;
        if (!Number.isNaN(v)) {
          sum[k]! += w * v;
          n[k]! += w;
        }
        if (g >= 0) groupClass[g * stride + k]! += w;
      }
      if (g >= 0) groupClass[g * stride + c]! += w;
    }
    for (let g = 0; g < groups; g++) {
      const b = baselines[g]!;
      const all = groupClass[g * stride + c]!;
      for (let k = 0; k < c; k++) {
        const w = all - groupClass[g * stride + k]!;
        if (w === 0) continue;
        sum[k]! += w * b;
        n[k]! += w;
      }
    }
    const out = new Float64Array(c);
    for (let k = 0; k < c; k++) out[k] = n[k] === 0 ? empty : sum[k]! / n[k]!;
    return out;
  }

  pooledMean(
    key: string,
    values: readonly Float64Array[],
    weight: (image: number, k: number) => number,
    empty: number,
  ): number {
    const pooled = this.table.pooled(key, values, weight);
    let sum = 0;
    let total = 0;
    for (let a = 0; a < this.#count; a++) {
      const i = this.active[a]!;
      const w = this.weight[a]!;
      sum += w * pooled.sum[i]!;
      total += w * pooled.total[i]!;
    }
    return total === 0 ? empty : sum / total;
  }
}
