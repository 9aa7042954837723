/**
 * A confidence level as a percentage without trailing zeros, to ten significant digits: 0.95 → `95%`,
 * 0.975 → `97.5%`, 0.9999999 → `99.99999%` (never rounded up to `100%`).
 */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toPrecision(10))}%`;
}
