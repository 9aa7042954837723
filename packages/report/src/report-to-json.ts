import type { Report } from './report-model.js';

/**
 * The report as JSON text (the `--format json` contract): NaN and infinities become `null`; objects are
 * indented by two spaces and arrays of numbers (matrix rows, per-class lists) stay on one line.
 * `JSON.parse` of the text gives the same value as of `JSON.stringify(report)`, NaN as `null`.
 */
export function reportToJson(report: Report): string {
  return `${prettyJson(report, '')}\n`;
}

/** {@link reportToJson}'s layout for any JSON-like value (also used for other documents). */
export function prettyJson(value: unknown, indent = ''): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return numberList(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number' || v === null))
      return numberList(value as (number | null)[]);
    return `[\n${value.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** A list of numbers on one line, `[1, 0.5, null]` (non-finite numbers as null); `[]` when empty. */
function numberList(values: ArrayLike<number | null>): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // String(v) is JSON's spelling of a finite number (both are Number::toString; -0 is "0").
    out += `${i === 0 ? '' : ', '}${typeof v === 'number' && Number.isFinite(v) ? String(v) : 'null'}`;
  }
  return `${out}]`;
}
