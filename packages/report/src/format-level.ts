/**
 * A confidence level as a percentage without trailing zeros, to ten significant digits — more when a
 * level below 1 would otherwise round to 100: 0.95 → `95%`, 0.975 → `97.5%`, 0.9999999 → `99.99999%`,
 * 0.99999999999 → `99.999999999%` (never `100%` for a level below 1).
 */
export function formatLevel(level: number): string {
  const percent = level * 100;
  let digits = 10;
  while (digits < 17 && level < 1 && Number(percent.toPrecision(digits)) >= 100) digits++;
  return `${Number(percent.toPrecision(digits))}%`;
}
