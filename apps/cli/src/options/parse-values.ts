import type { AbsentPolicy } from '@segmetrics/metrics';
import { usageError } from '../errors/usage-error.js';

/**
 * Parses a whole number option (`--num-classes 19`, `--workers 2`): digits only, at least `min`.
 * Throws a usage error (`INVALID_OPTION`, exit code 2) naming the option otherwise.
 */
export function parseInteger(option: string, text: string, min = 0): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) throw usageError(option, `expected an integer, got "${text}"`, text);
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < min) {
    throw usageError(option, `expected an integer >= ${min}, got ${text}`, text);
  }
  return value;
}

/**
 * Parses ignore labels: each occurrence may be one value or a comma list (`--ignore-index 0,255`
 * or `--ignore-index 0 --ignore-index 255`). Returns the values sorted and unique.
 */
export function parseIgnoreIndex(values: readonly string[]): number[] {
  const out = new Set<number>();
  for (const value of values) {
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      const v = Number(part.trim());
      if (!/^-?\d+$/.test(part.trim()) || !Number.isSafeInteger(v)) {
        throw usageError('--ignore-index', `expected integers, got "${value}"`, value);
      }
      out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses `--absent nan|zero|one|<number>`. */
export function parseAbsent(text: string): AbsentPolicy {
  const lower = text.trim().toLowerCase();
  if (lower === 'nan' || lower === 'zero' || lower === 'one') return lower;
  const value = Number(lower);
  if (lower === '' || !Number.isFinite(value)) {
    throw usageError('--absent', `expected nan, zero, one or a number, got "${text}"`, text);
  }
  return value;
}

/** Parses `--beta`: a positive finite number. */
export function parseBeta(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw usageError('--beta', `expected a positive number, got "${text}"`, text);
  }
  return value;
}

/** Splits a comma list option (`--metrics iou,dice`), dropping empty items. */
export function parseList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Resolves class references (`--exclude-classes 0,sky`) to class ids: each item is a class id in
 * [0, numClasses) or a class name from the class names (case-insensitive).
 */
export function resolveClassList(
  items: readonly string[],
  numClasses: number,
  classNames: readonly string[],
  option = '--exclude-classes',
): number[] {
  const ids = new Set<number>();
  for (const item of items) {
    if (/^\d+$/.test(item)) {
      const id = Number(item);
      if (id >= numClasses) {
        throw usageError(option, `class id ${id} is outside [0, ${numClasses})`, item);
      }
      ids.add(id);
      continue;
    }
    const index = classNames.findIndex((name) => name.toLowerCase() === item.toLowerCase());
    if (index < 0) throw usageError(option, `unknown class "${item}" (use an id or a class name)`, item);
    ids.add(index);
  }
  return [...ids].sort((a, b) => a - b);
}
