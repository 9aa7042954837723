/** A two-sided interval `[low, high]`. */
export type Interval = readonly [low: number, high: number];

/** numpy's `_lerp`: a + (b − a)·t, computed from b when t ≥ 0.5 (monotone, exact at both ends). */
function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/**
 * The type-7 sample quantile (Hyndman & Fan 1996; R's default, numpy's `method='linear'`) of values
 * sorted ascending: with n values and h = (n − 1)·p, i = ⌊h⌋, the value x[i] + (h − i)·(x[i+1] − x[i]),
 * interpolated as numpy does. NaN for no values; p is clamped to [0, 1].
 *
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75, as np.quantile([1, 2, 3, 4], 0.25)
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const i = Math.floor(h);
  if (i >= n - 1) return sorted[n - 1]!;
  return lerp(sorted[i]!, sorted[i + 1]!, h - i);
}

/**
 * The central `level` percentile interval of the defined (non-NaN) values: low = the type-7 quantile
 * ({@link quantile}) at p = (1 − level)/2, high = the same quantile counted from the top (type 7 at
 * 1 − p), so that negating the values negates the interval exactly. `null` when fewer than half of the
 * values (or none) are defined. Does not modify `values`.
 */
export function percentileInterval(values: ArrayLike<number>, level: number): Interval | null {
  const defined: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) defined.push(v);
  }
  const n = defined.length;
  if (n === 0 || 2 * n < values.length) return null;
  const sorted = Float64Array.from(defined).sort();
  const h = (n - 1) * ((1 - level) / 2);
  const i = Math.floor(h);
  const g = h - i;
  if (i >= n - 1) return [sorted[0]!, sorted[n - 1]!];
  return [lerp(sorted[i]!, sorted[i + 1]!, g), lerp(sorted[n - 1 - i]!, sorted[n - 2 - i]!, g)];
}
