/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): numbers as they are (NaN and infinities as an empty cell), `null` and
 * `undefined` as an empty cell, text quoted when it holds a quote, comma or line break. Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return, e.g. a
 * file or class name) is prefixed with `'` so it stays text.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of fields. */
export function csvLine(fields: readonly unknown[]): string {
  return fields.map(csvField).join(',');
}
