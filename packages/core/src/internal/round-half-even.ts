/**
 * Python's `round(x)` for a finite float: the nearest integer, a tie (a fraction of exactly 0.5) to the
 * even one — `round(12.5) == 12`, where `Math.round(12.5)` is 13. `x − floor(x)` is exact in float64, so
 * ties are found exactly, as CPython's `float.__round__` finds them.
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
