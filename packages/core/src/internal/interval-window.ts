/*
 * The vertical half of the Boundary IoU erosion, on interval lists.
 *
 * A row's "horizontal interiors" S(y) are the class runs of the row (runs of one class, at least
 * L = 2d + 1 pixels long) shrunk by d pixels at both ends: tagged intervals [start, end) with the class as
 * tag, sorted and disjoint, two of them at least 2d pixels apart. A pixel (x, y) is interior (not on its
 * class's boundary) exactly when x lies in an interval of the same tag in each of S(y − d) … S(y + d):
 * the interior of row y is the tagged intersection of those 2d + 1 lists.
 *
 * The sliding intersection is van Herk / Gil-Werman's sliding minimum over rows, with interval lists as
 * values and tagged intersection as the minimum: rows are cut into blocks of L; within a block the lists
 * keep running prefix intersections P and, once the block is complete, suffix intersections Q; the window
 * [s, s + L − 1] is Q(s) ∩ P(s + L − 1) (or P alone when s starts a block). Three intersections per row,
 * whatever d is, each linear in the (short) lists: the cost per row is O(W / L) after the run scan.
 *
 * Every list of the window has at most (W + 2d) / L intervals: two pieces of an intersection lie in
 * different intervals of some S(y') (otherwise they would be one piece), so they too are at least 2d
 * apart. Lists live in one Int32Array, `capacity` intervals of 3 ints (start, end, tag) each.
 */

/** Sliding tagged intersection of interval lists over 2d + 1 rows; see the header comment. */
export class IntervalWindow {
  /** Interval lists: list `i` holds `lengths[i]` intervals from `i * stride`, 3 ints each. */
  readonly lists: Int32Array;
  readonly lengths: Int32Array;
  /** Ints per list: 3 × the capacity in intervals. */
  readonly stride: number;
  readonly #span: number;
  /** Index of the list holding P (running prefix intersection of the current block). */
  #prefix: number;
  #spare: number;
  readonly #window: number;
  #row = 0;

  /** A window over rows of `width` pixels and boundary width `d` (2d + 1 ≤ width). */
  constructor(width: number, d: number) {
    const span = 2 * d + 1;
    this.#span = span;
    this.stride = 3 * (Math.floor((width + 2 * d) / span) + 2);
    // lists 0 … L−1: S of the current block's rows; L … 2L−1: Q of the previous block; then P, its
    // spare, and the window.
    const count = 2 * span + 3;
    this.lists = new Int32Array(count * this.stride);
    this.lengths = new Int32Array(count);
    this.#prefix = 2 * span;
    this.#spare = 2 * span + 1;
    this.#window = 2 * span + 2;
  }

  /** Starts over at row 0. */
  reset(): void {
    this.#row = 0;
  }

  /** The list the caller fills with S of the next row (then calls {@link IntervalWindow.push}). */
  get next(): number {
    return this.#row % this.#span;
  }

  /**
   * Adds the row whose S the caller wrote into list {@link IntervalWindow.next} (its length in
   * `lengths`). Returns the list holding the interior of row `row − d` once 2d + 1 rows are in (that
   * row's window is complete), otherwise −1. The returned list is valid until the next push.
   */
  push(): number {
    const span = this.#span;
    const e = this.#row++;
    const slot = e % span;
    if (slot === 0) {
      this.#copy(slot, this.#prefix);
    } else {
      intersect(this.lists, this.lengths, this.stride, this.#prefix, slot, this.#spare);
      const p = this.#prefix;
      this.#prefix = this.#spare;
      this.#spare = p;
    }
    let result = -1;
    if (e >= span - 1) {
      const s = e - span + 1;
      if (s % span === 0) {
        result = this.#prefix;
      } else {
        intersect(this.lists, this.lengths, this.stride, span + (s % span), this.#prefix, this.#window);
        result = this.#window;
      }
    }
    if (slot === span - 1) {
      // the block is complete: its suffix intersections, for the windows that start inside it
      this.#copy(slot, span + slot);
      for (let j = slot - 1; j >= 0; j--) {
        intersect(this.lists, this.lengths, this.stride, j, span + j + 1, span + j);
      }
    }
    return result;
  }

  #copy(from: number, to: number): void {
    const stride = this.stride;
    const n = this.lengths[from]!;
    this.lists.copyWithin(to * stride, from * stride, from * stride + 3 * n);
    this.lengths[to] = n;
  }
}

/** Tagged intersection of lists `a` and `b` into list `out` (distinct lists). */
function intersect(
  lists: Int32Array,
  lengths: Int32Array,
  stride: number,
  a: number,
  b: number,
  out: number,
): void {
  let i = a * stride;
  const iEnd = i + 3 * lengths[a]!;
  let j = b * stride;
  const jEnd = j + 3 * lengths[b]!;
  const start = out * stride;
  let o = start;
  while (i < iEnd && j < jEnd) {
    const aEnd = lists[i + 1]!;
    const bEnd = lists[j + 1]!;
    const lo = Math.max(lists[i]!, lists[j]!);
    const hi = Math.min(aEnd, bEnd);
    if (lo < hi && lists[i + 2] === lists[j + 2]) {
      lists[o] = lo;
      lists[o + 1] = hi;
      lists[o + 2] = lists[i + 2]!;
      o += 3;
    }
    if (aEnd <= bEnd) i += 3;
    else j += 3;
  }
  lengths[out] = (o - start) / 3;
}
