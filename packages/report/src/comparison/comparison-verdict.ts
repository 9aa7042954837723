import type { Average, DeltaResult } from '@segmetrics/metrics';
import { formatFixed } from '../format-fixed.js';
import { formatLevel } from '../format-level.js';
import { comparisonDirection } from './comparison-direction.js';
import type { ComparisonVerdict } from './comparison-model.js';

/** A fraction as points with two decimals (`0.0123` → `1.23`), a minus sign as `−`. */
function points(value: number): string {
  const text = formatFixed(value * 100, 2);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/**
 * A p-value as printed: two decimals from 0.1 (`0.62`, `1.00`), three from 0.001 (`0.004`), else one
 * significant digit (`0.0002`). A permutation p-value is never below 1 / (1 + samples).
 */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p >= 0.1) return formatFixed(p, 2);
  if (p >= 0.001) return formatFixed(p, 3);
  return p.toPrecision(1);
}

/**
 * The plain-language line of a comparison for mIoU. "Better" or "worse" only when both tests agree: the
 * paired interval excludes 0 on the side of the estimate and the permutation p-value is at most
 * 1 − level; otherwise "no detectable difference", with the numbers. Never computes a number: it words `delta`. `average` is the class mean
 * the summary's mIoU holds: under `micro` and `weighted` the words say so (`mIoU (weighted mean)`).
 *
 * @example
 * comparisonVerdict(comparison.delta.mIoU, 0.95, 500);
 * // { outcome: 'better', text: 'B is better by 1.20 mIoU points (95% CI 0.40 to 2.00, p = 0.004, 500 images)' }
 */
export function comparisonVerdict(
  delta: DeltaResult,
  level: number,
  images: number,
  average: Average = 'macro',
): ComparisonVerdict {
  // The summary id stays mIoU; the words say which class mean it is.
  const name =
    average === 'macro' ? 'mIoU' : `mIoU (${average === 'micro' ? 'micro: pooled counts' : 'weighted mean'})`;
  const { estimate, ci, pValue } = delta;
  const of = `${images} image${images === 1 ? '' : 's'}`;
  if (!Number.isFinite(estimate) || ci === null || pValue === null) {
    return {
      metric: 'mIoU',
      outcome: 'undefined',
      text: `The ${name} difference is undefined (no class is defined in both models' reports, ${of})`,
    };
  }
  const stats = `${formatLevel(level)} CI`;
  const p = `p = ${formatPValue(pValue)}`;
  const direction = comparisonDirection(estimate, ci, pValue, 1 - level);
  if (direction !== 0) {
    const better = direction > 0;
    const [low, high] = better ? [ci[0], ci[1]] : [-ci[1], -ci[0]];
    return {
      metric: 'mIoU',
      outcome: better ? 'better' : 'worse',
      text: `B is ${better ? 'better' : 'worse'} by ${points(Math.abs(estimate))} ${name} points (${stats} ${points(low)} to ${points(high)}, ${p}, ${of})`,
    };
  }
  const sign = estimate > 0 ? '+' : '';
  return {
    metric: 'mIoU',
    outcome: 'no-detectable-difference',
    text: `No detectable difference in ${name}: B − A = ${sign}${points(estimate)} points (${stats} ${points(ci[0])} to ${points(ci[1])}, ${p}, ${of})`,
  };
}
