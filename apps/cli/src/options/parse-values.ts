import type { AbsentPolicy } from '@segmetrics/metrics';
import { usageError } from '../errors/usage-error.js';
import { ABSENT_RANGE, LABEL_VALUE_RANGE, MAX_BETA, MAX_DILATION_RATIO } from './limits.js';

/** The absent-class policy, `@segmetrics/metrics`' type (re-exported for the report views). */
export type { AbsentPolicy } from '@segmetrics/metrics';

/** Inclusive bounds of an integer option and what to call the upper one in messages. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
  /** Why the maximum is what it is, e.g. `4 × 2 available cores`; shown when the value is above it. */
  readonly maxReason?: string;
}

const DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function rangeText(range: IntegerRange): string {
  return `from ${range.min} to ${range.max}`;
}

function checkRange(option: string, text: string, digits: string, range: IntegerRange): number {
  // BigInt compares exactly where Number() would round (20-digit values).
  const exact = BigInt(digits);
  if (exact > BigInt(range.max)) {
    const why = range.maxReason === undefined ? '' : ` (${range.maxReason})`;
    throw usageError(option, `at most ${range.max}${why}, got ${text.trim()}`, text);
  }
  if (exact < BigInt(range.min)) {
    throw usageError(option, `expected a whole number ${rangeText(range)}, got ${text.trim()}`, text);
  }
  const value = Number(exact);
  return value === 0 ? 0 : value;
}

/**
 * Parses a whole-number option (`--workers 2`, `--num-classes 19`) in `[min, max]`. Deliberate syntax:
 * decimal digits only, surrounding white space ignored, leading zeros allowed (`08` is 8). Rejected, as
 * a usage error (`INVALID_OPTION`, exit code 2) naming the option and the range: signs (`-0`, `+5`),
 * exponents (`1e3`), other bases (`0x10`), fractions (`1.5`), trailing text (`5abc`), empty text.
 */
export function parseInteger(option: string, text: string, range: IntegerRange): number {
  const trimmed = text.trim();
  if (!DIGITS.test(trimmed)) {
    throw usageError(
      option,
      `expected a whole number ${rangeText(range)} in decimal digits, got ${JSON.stringify(text)}`,
      text,
    );
  }
  return checkRange(option, text, trimmed, range);
}

/**
 * Like {@link parseInteger} but allows a leading minus sign (`-1`). A minus sign on zero (`-0`, `-00`) is
 * refused as in the unsigned options: it is more likely a slip than a label.
 */
export function parseSignedInteger(option: string, text: string, range: IntegerRange): number {
  const trimmed = text.trim();
  if (/^-0+$/.test(trimmed)) {
    throw usageError(option, `got ${JSON.stringify(text)}: write 0 (a minus sign on 0 is refused)`, text);
  }
  if (!SIGNED_DIGITS.test(trimmed)) {
    throw usageError(
      option,
      `expected a whole number ${rangeText(range)} in decimal digits, got ${JSON.stringify(text)}`,
      text,
    );
  }
  return checkRange(option, text, trimmed, range);
}

/**
 * Parses a decimal number (`0.5`, `2`, `1e-3`; surrounding white space ignored) in `[min, max]`;
 * `min` itself is excluded when `exclusiveMin`. Hexadecimal, `Infinity`, `NaN` and trailing text are
 * usage errors.
 */
export function parseDecimal(
  option: string,
  text: string,
  range: { min: number; max: number; exclusiveMin?: boolean },
): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  const low = range.exclusiveMin === true ? value <= range.min : value < range.min;
  if (!DECIMAL.test(trimmed) || !Number.isFinite(value) || low || value > range.max) {
    const lower = range.exclusiveMin === true ? `above ${range.min}` : `from ${range.min}`;
    const upper = range.exclusiveMin === true ? `at most ${range.max}` : `to ${range.max}`;
    throw usageError(
      option,
      `expected a decimal number ${lower} ${upper}, got ${JSON.stringify(text)}`,
      text,
    );
  }
  return value === 0 ? 0 : value;
}

/**
 * Parses ignore labels: each occurrence may be one value or a comma list (`--ignore-index 0,255`
 * or `--ignore-index 0 --ignore-index 255`), each a label value in [-2^31, 2^32 − 1]. Returns the values
 * sorted and unique.
 */
export function parseIgnoreIndex(values: readonly string[]): number[] {
  const out = new Set<number>();
  const [min, max] = LABEL_VALUE_RANGE;
  for (const part of parseList(values, '--ignore-index')) {
    out.add(parseSignedInteger('--ignore-index', part, { min, max, maxReason: 'a uint32 label value' }));
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses `--absent nan|zero|one|<number in [-1, 1]>` (policy names in any case). */
export function parseAbsent(text: string): AbsentPolicy {
  const lower = text.trim().toLowerCase();
  if (lower === 'nan' || lower === 'zero' || lower === 'one') return lower;
  const [min, max] = ABSENT_RANGE;
  if (!DECIMAL.test(lower)) {
    throw usageError(
      '--absent',
      `expected nan, zero, one or a number from ${min} to ${max}, got ${JSON.stringify(text)}`,
      text,
    );
  }
  return parseDecimal('--absent', lower, { min, max });
}

/** Parses `--beta`: a decimal number in (0, 1000]. */
export function parseBeta(text: string): number {
  return parseDecimal('--beta', text, { min: 0, max: MAX_BETA, exclusiveMin: true });
}

/**
 * Parses `--boundary-dilation-ratio`: a decimal fraction of the image diagonal in (0, 1] (e.g. 0.02). A
 * percentage (`2`), 0, a negative value or text is a usage error naming the option and the value.
 */
export function parseDilationRatio(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!DECIMAL.test(trimmed) || !Number.isFinite(value) || value <= 0 || value > MAX_DILATION_RATIO) {
    throw usageError(
      '--boundary-dilation-ratio',
      `expected a fraction of the image diagonal above 0 and at most ${MAX_DILATION_RATIO} (e.g. 0.02, or 0.005 as the paper uses for Cityscapes), got ${JSON.stringify(text)}`,
      text,
    );
  }
  return value;
}

/**
 * Splits a comma list option (`--metrics iou,dice`, each occurrence one value or a list) into trimmed
 * items. An empty item (`--metrics ''`, `--ignore-index 0,`, `a,,b`) is a usage error naming `option`:
 * dropped silently, `--ignore-index ,` would mean no ignore label at all.
 */
export function parseList(values: readonly string[], option: string): string[] {
  const items = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  const at = items.indexOf('');
  if (at >= 0) {
    throw usageError(
      option,
      `expected a comma list without empty items, got ${JSON.stringify(values.join(' '))}`,
      values.join(' '),
    );
  }
  return items;
}
