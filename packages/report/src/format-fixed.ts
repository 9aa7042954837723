/**
 * `value` with `digits` decimals (0 … 20) as Python prints it (`format(value, '.2f')`; numpy's `round`,
 * behind mmsegmentation's tables, also sends these ties to the even digit): the float's exact value
 * rounded to the nearest, and an exact tie to the even last digit (`78.125` → `78.12`, `0.375` → `0.38`). `toFixed` rounds the same value except at an
 * exact tie, which it rounds away from zero (`78.13`). Otherwise as `toFixed` (`-0` prints unsigned).
 */
export function formatFixed(value: number, digits: number): string {
  const rounded = value.toFixed(digits);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return rounded;
  // A tie is |value| · 10^digits = k + ½ exactly; the product below is within 2^-52 of it relatively,
  // so anything farther from ½ than this margin is no tie.
  const scaled = Math.abs(value) * 10 ** digits;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-9 * Math.max(1, scaled)) return rounded;
  // The exact decimal expansion: every float of magnitude ≥ 2^-48 has at most 100 fraction digits, and
  // a smaller one is no tie at 20 digits or fewer.
  const exact = value.toFixed(100);
  const point = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(point + 1 + digits))) return rounded;
  const truncated = exact.slice(0, digits === 0 ? point : point + 1 + digits);
  return Number(truncated[truncated.length - 1]) % 2 === 0 ? truncated : rounded;
}
