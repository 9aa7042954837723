import { formatCount, formatPercent, UNDEFINED_VALUE } from '../format-percent.js';
import { nameHtml } from './display-name.js';
import { escapeHtml } from './escape-html.js';

/** A fraction as a percentage with two decimals, `—` for NaN. */
export function pct(value: number | null | undefined): string {
  return formatPercent(value ?? Number.NaN);
}

/** A fraction as a percentage with two decimals and its `%` sign (`25.38%`), `—` alone for NaN. */
export function pctText(value: number | null | undefined): string {
  const text = pct(value);
  return text === UNDEFINED_VALUE ? text : `${text}%`;
}

/** An integer count with thousands separators, `—` for NaN. */
export function count(value: number | null | undefined): string {
  return formatCount(value ?? Number.NaN);
}

/** A number for a `data-v` sort attribute: the value, or empty for NaN (sorted last). */
export function sortValue(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/** A colour swatch (decorative: the class name is always printed beside it). */
export function swatch(color: string): string {
  return `<span class="sw" style="background:${escapeHtml(color)}" aria-hidden="true"></span>`;
}

/**
 * A class name with its colour swatch; the name as {@link nameHtml} shows it (bidirectional controls
 * visible), in a `.cls` span that the stylesheet isolates (`unicode-bidi: isolate`) and lets wrap anywhere.
 */
export function className(name: string, color: string): string {
  return `${swatch(color)}<span class="cls">${nameHtml(name)}</span>`;
}

/** `[low, high]` as `65.10–68.02`, or `—`. */
export function interval(value: readonly (number | null)[] | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const [low, high] = value;
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high))
    return '—';
  return `${pct(low)}–${pct(high)}`;
}
