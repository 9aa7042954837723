/** What the human-readable views print for an undefined (0/0, NaN) value. */
export const UNDEFINED_VALUE = '—';

/** A fraction as a percentage with `digits` decimals (default 2); NaN (0/0) as an em dash. */
export function formatPercent(value: number, digits = 2): string {
  return Number.isFinite(value) ? (value * 100).toFixed(digits) : UNDEFINED_VALUE;
}

/** An integer count with thousands separators; NaN as an em dash. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : UNDEFINED_VALUE;
}

/** A confidence interval of fractions as percentages, `[61.7, 72.6]` (1 decimal by default); `null` as —. */
export function formatInterval(interval: readonly [number, number] | null | undefined, digits = 1): string {
  if (interval === null || interval === undefined) return UNDEFINED_VALUE;
  return `[${formatPercent(interval[0], digits)}, ${formatPercent(interval[1], digits)}]`;
}
