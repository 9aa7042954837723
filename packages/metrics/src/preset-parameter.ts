import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { AbsentPolicy, Average, PresetOptionValue } from './settings.js';

/**
 * One parameter of a compatibility preset, named and typed after the library's own parameter (e.g.
 * scikit-learn's `labels`, torchmetrics' `zero_division`, Keras' `target_class_ids`).
 */
export interface PresetParameter {
  /** The library's parameter name, used as the key of `presetOptions` (and `--preset-option NAME=…`). */
  readonly name: string;
  /** What it does, in the library's terms, and what it maps onto. */
  readonly description: string;
  /**
   * `'boolean'`; `'number'` (finite); `'choice'` (one of `choices`); `'class-ids'` (a non-empty list of
   * distinct class ids in [0, C)). With `nullable`, `null` (the library's `None`) is allowed too.
   */
  readonly type: 'boolean' | 'number' | 'choice' | 'class-ids';
  /** The allowed values of a `'choice'` parameter. */
  readonly choices?: readonly (string | number)[];
  readonly nullable: boolean;
  /** The library's default. */
  readonly default: PresetOptionValue;
  /**
   * The first-class option that carries the same value (`average`, `absent`, `beta`): either may be given;
   * when both are, they must agree.
   */
  readonly alias?: 'average' | 'absent' | 'beta';
}

/** Throws INVALID_OPTION naming `presetOptions.<name>`. */
export function invalidPresetOption(preset: string, name: string, value: unknown, message: string): never {
  throw new SegmetricsError(
    ErrorCode.INVALID_OPTION,
    `preset '${preset}': presetOptions.${name} ${message}, got ${describe(value)}`,
    { context: { option: `presetOptions.${name}`, preset, value } },
  );
}

function describe(value: unknown): string {
  // JSON has no NaN or Infinity: it would print them as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Checks a parameter value (class ids against `numClasses`) and returns it normalised (class ids as a new
 * array). Throws INVALID_OPTION naming the parameter otherwise.
 */
export function checkPresetOption(
  preset: string,
  parameter: PresetParameter,
  value: unknown,
  numClasses: number,
): PresetOptionValue {
  const { name } = parameter;
  if (value === null) {
    if (parameter.nullable) return null;
    return invalidPresetOption(preset, name, value, 'may not be null');
  }
  switch (parameter.type) {
    case 'boolean':
      if (typeof value !== 'boolean') invalidPresetOption(preset, name, value, 'must be true or false');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        invalidPresetOption(preset, name, value, 'must be a finite number');
      }
      return value;
    case 'choice': {
      const choices = parameter.choices ?? [];
      if (!(typeof value === 'string' || typeof value === 'number') || !choices.includes(value)) {
        invalidPresetOption(preset, name, value, `must be one of ${choices.map(describe).join(', ')}`);
      }
      return value;
    }
    case 'class-ids': {
      if (!Array.isArray(value) || value.length === 0) {
        invalidPresetOption(preset, name, value, 'must be a non-empty list of class ids');
      }
      const seen = new Set<number>();
      for (const id of value as unknown[]) {
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || id >= numClasses) {
          invalidPresetOption(preset, name, value, `must hold class ids in [0, ${numClasses})`);
        }
        if (seen.has(id)) invalidPresetOption(preset, name, value, `lists class ${id} twice`);
        seen.add(id);
      }
      return [...(value as number[])];
    }
  }
}

/**
 * Parses the text form of a parameter value (the CLI's `--preset-option NAME=TEXT`): `true`/`false`;
 * a number; a choice (numbers written as numbers); class ids as a comma list (`0,2,5`); `none` or `null`
 * for `None`. Returns the value unchecked against the class count (see {@link checkPresetOption}).
 */
export function parsePresetOptionText(
  preset: string,
  parameter: PresetParameter,
  text: string,
): PresetOptionValue {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (parameter.nullable && (lower === 'none' || lower === 'null')) return null;
  switch (parameter.type) {
    case 'boolean':
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      return invalidPresetOption(preset, parameter.name, text, 'must be true or false');
    case 'number': {
      const n = Number(t);
      if (t === '' || !Number.isFinite(n))
        invalidPresetOption(preset, parameter.name, text, 'must be a number');
      return n;
    }
    case 'choice': {
      const match = (parameter.choices ?? []).find((c) => String(c) === t || String(c) === lower);
      if (match === undefined) {
        const choices = (parameter.choices ?? []).map(String).join(', ');
        invalidPresetOption(preset, parameter.name, text, `must be one of ${choices}`);
      }
      return match;
    }
    case 'class-ids': {
      const parts = t.split(',').map((p) => p.trim());
      if (parts.some((p) => !/^\d+$/.test(p))) {
        invalidPresetOption(preset, parameter.name, text, 'must be a comma list of class ids, e.g. 0,2,5');
      }
      return parts.map(Number);
    }
  }
}

/** The parameter value a first-class option stands for (`undefined`: it has none). */
export function aliasToParameter(
  preset: string,
  parameter: PresetParameter,
  option: Average | AbsentPolicy | number,
): PresetOptionValue {
  if (parameter.alias !== 'absent') return option;
  // absent ↔ mmseg's nan_to_num (None | number) or scikit-learn's zero_division ('warn' | 0 | 1 | 'nan').
  const value = option === 'nan' ? Number.NaN : option === 'zero' ? 0 : option === 'one' ? 1 : option;
  if (parameter.type === 'number') return Number.isNaN(value) ? null : value;
  if (Number.isNaN(value)) return 'nan';
  if (parameter.choices?.includes(value as number)) return value;
  return invalidPresetOption(
    preset,
    parameter.name,
    option,
    `(given as absent) must be one of ${(parameter.choices ?? []).map(describe).join(', ')}`,
  );
}
