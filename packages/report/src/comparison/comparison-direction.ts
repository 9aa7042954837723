/**
 * How far above `alpha` a p-value may lie and still count as at most `alpha`: `alpha` is `1 − level`
 * computed in binary floating point (1 − 0.9 = 0.09999999999999998), and a p-value exactly at the
 * threshold (k / (B + 1), e.g. 1 / 10 with 9 resamples) must not be decided by that rounding. Far
 * below the spacing of p-values (1 / (B + 1) ≥ 1e-5 at the largest B allowed, 100,000).
 */
const ALPHA_TOLERANCE = 1e-12;

/**
 * Which way a difference B − A points when the evidence agrees, else 0: 1 (B better) when the paired
 * interval lies above 0 and so does the estimate, −1 (B worse) when both lie below, and, when
 * `pValue` and `alpha` are given, only when the p-value is at most `alpha` too (within
 * {@link ALPHA_TOLERANCE}, so that p = 1 − level counts at every level). A percentile interval need not
 * hold its estimate: an interval on the other side of 0 than the estimate is no evidence either way.
 * The one rule of the verdict, the per-class chart and every colouring of a difference.
 */
export function comparisonDirection(
  estimate: number,
  ci: readonly [number, number] | null,
  pValue: number | null = null,
  alpha: number | null = null,
): 1 | -1 | 0 {
  if (ci === null || !Number.isFinite(estimate)) return 0;
  if (alpha !== null && (pValue === null || pValue > alpha + ALPHA_TOLERANCE)) return 0;
  const side = ci[0] > 0 ? 1 : ci[1] < 0 ? -1 : 0;
  return side !== 0 && Math.sign(estimate) === side ? side : 0;
}
