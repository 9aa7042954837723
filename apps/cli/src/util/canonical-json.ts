/**
 * JSON text of `value` with object keys sorted at every level, so that two values that are equal as
 * data give the same text whatever order their keys were written in (a state file read back, settings
 * built by this run). `undefined` members are dropped, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = sortKeys(member);
  }
  return out;
}

/** The first place where two JSON-like values differ: a dotted path (`matrixOptions.ignoreIndex`) and both values. */
export interface ValueDifference {
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

/**
 * Finds the first difference between two JSON-like values (keys in sorted order, arrays compared as a
 * whole so that `[255]` vs `[0, 255]` is reported as one difference), or null when they are equal as
 * {@link canonicalJson} sees them.
 */
export function firstDifference(left: unknown, right: unknown, path = ''): ValueDifference | null {
  if (canonicalJson(left) === canonicalJson(right)) return null;
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(left) && isRecord(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    for (const key of keys) {
      const found = firstDifference(left[key], right[key], path === '' ? key : `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return { path, left, right };
}

/** Short display of a JSON-like value in a message: `[0, 255]`, `"mmseg"`, `null`, `(none)` for undefined. */
export function displayValue(value: unknown, limit = 80): string {
  if (value === undefined) return '(none)';
  const text = (JSON.stringify(value) ?? String(value)).replace(/,(?=\S)/g, ', ');
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
