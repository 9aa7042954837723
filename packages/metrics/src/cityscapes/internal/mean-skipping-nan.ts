/**
 * cityscapesScripts' `getScoreAverage`: the sum, in iteration order from 0, of the values that are not
 * NaN, divided once by their number; NaN when every value is NaN.
 */
export function meanSkippingNaN(values: Iterable<number>): number {
  let sum = 0;
  let n = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    sum += value;
    n++;
  }
  return n === 0 ? Number.NaN : sum / n;
}
