import { formatFixed } from './format-fixed.js';
import { formatPercent, UNDEFINED_VALUE } from './format-percent.js';

/** Summary values that are coefficients (Cohen's κ in [−1, 1]), not shares: never shown as percentages. */
const COEFFICIENTS: ReadonlySet<string> = new Set(['kappa']);

/** Whether the views print summary value `id` as a coefficient rather than a percentage. */
export function isCoefficient(id: string): boolean {
  return COEFFICIENTS.has(id);
}

/**
 * A summary value as the views print it: a percentage with two decimals (`66.64`), or, for a
 * coefficient (`kappa`), the value itself with four decimals (`0.9300`); — for NaN.
 */
export function formatSummaryValue(id: string, value: number): string {
  if (!isCoefficient(id)) return formatPercent(value);
  return Number.isFinite(value) ? formatFixed(value, 4) : UNDEFINED_VALUE;
}

/** A summary value's interval as the views print it (see {@link formatSummaryValue}); — when undefined. */
export function formatSummaryInterval(
  id: string,
  interval: readonly [number, number] | null | undefined,
): string {
  if (interval === null || interval === undefined) return UNDEFINED_VALUE;
  if (!isCoefficient(id)) return `[${formatPercent(interval[0], 1)}, ${formatPercent(interval[1], 1)}]`;
  return `[${formatSummaryValue(id, interval[0])}, ${formatSummaryValue(id, interval[1])}]`;
}
