import type { ConfusionMatrixSettings, InstanceStats, LabelArray, UpdateOptions } from '../types.js';
import { invalidLabel } from './count-image.js';

/**
 * Dense (instance, raw prediction) pair counts of one image: instances and prediction values get dense
 * indices in order of appearance; `cells[instance * predCap + value]` counts pixels. Grows by doubling.
 */
class PairCounts {
  readonly ids: number[] = [];
  readonly values: number[] = [];
  predCap = 8;
  cells = new Float64Array(8 * 8);

  /** Dense index of a new instance id. */
  addInstance(id: number): number {
    const index = this.ids.length;
    this.ids.push(id);
    const needed = (index + 1) * this.predCap;
    if (needed > this.cells.length) {
      const grown = new Float64Array(Math.max(needed, this.cells.length * 2));
      grown.set(this.cells);
      this.cells = grown;
    }
    return index;
  }

  /** Dense index of a new raw prediction value (re-lays the rows out when they are full). */
  addValue(value: number): number {
    const index = this.values.length;
    this.values.push(value);
    if (index >= this.predCap) {
      const cap = this.predCap * 2;
      const rows = Math.max(1, this.ids.length);
      const grown = new Float64Array(Math.max(rows * cap, 8 * cap));
      for (let r = 0; r < this.ids.length; r++) {
        grown.set(this.cells.subarray(r * this.predCap, (r + 1) * this.predCap), r * cap);
      }
      this.cells = grown;
      this.predCap = cap;
    }
    return index;
  }

  /** The instances sorted by id, each with its prediction histogram sorted by raw value. */
  toStats(): InstanceStats[] {
    const order = this.ids.map((id, index) => ({ id, index })).sort((a, b) => a.id - b.id);
    const valueOrder = this.values
      .map((value, index) => ({ value: value === 0 ? 0 : value, index }))
      .sort((a, b) => a.value - b.value);
    return order.map(({ id, index }) => {
      const predictions: [number, number][] = [];
      let pixels = 0;
      for (const { value, index: v } of valueOrder) {
        const count = this.cells[index * this.predCap + v]!;
        if (count !== 0) {
          predictions.push([value, count]);
          pixels += count;
        }
      }
      return { id: id === 0 ? 0 : id, pixels, predictions };
    });
  }
}

/** value → dense index + 1 (0: not seen in this image), for 8- and 16-bit maps; reset after each image. */
let idScratch: Int32Array | null = null;
let valueScratch: Int32Array | null = null;

function isSmallUnsigned(data: LabelArray): data is Uint8Array | Uint8ClampedArray | Uint16Array {
  return data instanceof Uint8Array || data instanceof Uint8ClampedArray || data instanceof Uint16Array;
}

/** Typed arrays whose elements are integers by construction (no per-value check needed). */
function isIntegerKind(data: LabelArray): boolean {
  return !(Array.isArray(data) || data instanceof Float32Array || data instanceof Float64Array);
}

/**
 * Per-instance statistics of one image: every pixel whose instance id is at least `minInstanceId`
 * belongs to instance `id` (whatever its ground truth) and adds its RAW prediction value to the
 * instance's histogram. One pass over the pixels; runs of identical (id, prediction) pairs are looked up
 * once, through 65,536-entry typed tables for 8/16-bit maps and `Map`s otherwise (per run, not per pixel). Throws LABEL_NOT_INTEGER
 * (side `'instances'`) for a non-integer instance id anywhere, or (side `'prediction'`) for a
 * non-integer prediction on an instance pixel.
 */
export function countInstances(
  settings: ConfusionMatrixSettings,
  ids: LabelArray,
  prediction: LabelArray,
  minInstanceId: number,
  options: UpdateOptions,
): InstanceStats[] {
  const counts = new PairCounts();
  if (isSmallUnsigned(ids) && isSmallUnsigned(prediction)) {
    countSmall(ids, prediction, minInstanceId, counts);
  } else {
    countGeneral(settings, ids, prediction, minInstanceId, options, counts);
  }
  return counts.toStats();
}

/**
 * The 8/16-bit case (Cityscapes' 16-bit instance PNGs): non-instance pixels are skipped in a tight loop,
 * then each run of identical (id, prediction) pairs is scanned in another and added at once.
 */
function countSmall(
  ids: Uint8Array | Uint8ClampedArray | Uint16Array,
  pred: Uint8Array | Uint8ClampedArray | Uint16Array,
  min: number,
  counts: PairCounts,
): void {
  idScratch ??= new Int32Array(65536);
  valueScratch ??= new Int32Array(65536);
  const idIndex = idScratch;
  const valueIndex = valueScratch;
  const n = ids.length;
  let i = 0;
  while (i < n) {
    while (i < n && ids[i]! < min) i++;
    if (i >= n) break;
    const id = ids[i]!;
    const p = pred[i]!;
    let end = i + 1;
    while (end < n && ids[end] === id && pred[end] === p) end++;
    let a = idIndex[id]! - 1;
    if (a < 0) {
      a = counts.addInstance(id);
      idIndex[id] = a + 1;
    }
    let b = valueIndex[p]! - 1;
    if (b < 0) {
      b = counts.addValue(p);
      valueIndex[p] = b + 1;
    }
    counts.cells[a * counts.predCap + b]! += end - i;
    i = end;
  }
  // nothing above can throw: the tables are clean for the next image
  for (const id of counts.ids) idIndex[id] = 0;
  for (const value of counts.values) valueIndex[value] = 0;
}

/**
 * Any other kinds: each run of one instance id is found first (its id checked once, when the kind can
 * hold non-integers), then the runs of prediction values inside it; ids and values get dense indices
 * through `Map`s, looked up once per run.
 */
function countGeneral(
  settings: ConfusionMatrixSettings,
  ids: LabelArray,
  pred: LabelArray,
  min: number,
  options: UpdateOptions,
  counts: PairCounts,
): void {
  const checkIds = !isIntegerKind(ids);
  const checkValues = !isIntegerKind(pred);
  const idIndex = new Map<number, number>();
  const valueIndex = new Map<number, number>();
  const n = ids.length;
  let i = 0;
  while (i < n) {
    const id = ids[i]!;
    let end = i + 1;
    // NaN never equals itself: a NaN run is one pixel long, and checked
    while (end < n && ids[end] === id) end++;
    if (checkIds && (typeof id !== 'number' || !Number.isInteger(id))) {
      invalidLabel(settings, 'instances', id, i, options);
    }
    if (id >= min) {
      let a = idIndex.get(id);
      if (a === undefined) {
        a = counts.addInstance(id);
        idIndex.set(id, a);
      }
      let k = i;
      while (k < end) {
        const p = pred[k]!;
        let stop = k + 1;
        while (stop < end && pred[stop] === p) stop++;
        let b = valueIndex.get(p);
        if (b === undefined) {
          if (checkValues && (typeof p !== 'number' || !Number.isInteger(p))) {
            invalidLabel(settings, 'prediction', p, k, options);
          }
          b = counts.addValue(p);
          valueIndex.set(p, b);
        }
        counts.cells[a * counts.predCap + b]! += stop - k;
        k = stop;
      }
    }
    i = end;
  }
}
