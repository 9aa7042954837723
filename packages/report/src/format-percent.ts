import { formatFixed } from './format-fixed.js';

/** What the human-readable views print for an undefined (0/0, NaN) value. */
export const UNDEFINED_VALUE = '—';

/**
 * A fraction as a percentage with `digits` decimals (default 2), an exact tie rounded to the even digit
 * as Python prints it ({@link formatFixed}: 25/32 → `78.12`); NaN (0/0) as an em dash.
 */
export function formatPercent(value: number, digits = 2): string {
  return Number.isFinite(value) ? formatFixed(value * 100, digits) : UNDEFINED_VALUE;
}

/**
 * An integer with en-US thousands separators, `1234567` → `1,234,567`: what `toLocaleString('en-US')`
 * prints for integers, without ICU (whose first use costs ≈ 25 ms of set-up in a fresh process).
 */
export function groupThousands(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) >= 1e21) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return value < 0 || Object.is(value, -0) ? `-${out}` : out;
}

/** An integer count with thousands separators; NaN as an em dash. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? groupThousands(Math.round(value)) : UNDEFINED_VALUE;
}

/** A confidence interval of fractions as percentages, `[61.7, 72.6]` (1 decimal by default); `null` as —. */
export function formatInterval(interval: readonly [number, number] | null | undefined, digits = 1): string {
  if (interval === null || interval === undefined) return UNDEFINED_VALUE;
  return `[${formatPercent(interval[0], digits)}, ${formatPercent(interval[1], digits)}]`;
}
