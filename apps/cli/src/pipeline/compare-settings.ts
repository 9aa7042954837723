import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { displayValue, firstDifference } from '../util/canonical-json.js';
import type { EvaluationSettings } from './evaluation-settings.js';

/** The first setting in which two runs differ, named as the user knows it (`ignoreIndex`, `aggregate`). */
export interface SettingDifference {
  readonly setting: string;
  /** `ignoreIndex: [255] vs [0, 255]`. */
  readonly text: string;
  readonly values: readonly [unknown, unknown];
}

const GROUPS = ['matrixOptions.', 'report.', 'decodeOptions.'];

/** A setting's value in a message: `null` (an option left unset, so its default applies) said so. */
function shown(value: unknown): string {
  return value === null ? 'not set (its default)' : displayValue(value);
}

/** Compares two runs' settings; null when equal (key order does not matter). */

export function settingsDifference(
  left: EvaluationSettings,
  right: EvaluationSettings,
): SettingDifference | null {
  const found = firstDifference(left, right);
  if (found === null) return null;
  let setting = found.path === '' ? 'settings' : found.path;
  for (const group of GROUPS) if (setting.startsWith(group)) setting = setting.slice(group.length);
  return {
    setting,
    text: `${setting}: ${shown(found.left)} vs ${shown(found.right)}`,
    values: [found.left, found.right],
  };
}

const HINTS: Readonly<Record<string, string>> = {
  perImage:
    'per-image statistics are kept with --per-image, --aggregate image, --ci, --report and (since this version) --save-state: count every state with the same version and flags',
};

/**
 * Throws `INCOMPATIBLE_SETTINGS` naming the setting that differs and both files (`merge`), e.g.
 * `b.json was evaluated with different settings than a.json: ignoreIndex: [255] vs [0, 255]` (the first
 * file's value first).
 */
export function assertSameSettings(
  first: { readonly file: string; readonly settings: EvaluationSettings },
  other: { readonly file: string; readonly settings: EvaluationSettings },
): void {
  const difference = settingsDifference(first.settings, other.settings);
  if (difference === null) return;
  const hint = Object.hasOwn(HINTS, difference.setting) ? HINTS[difference.setting] : undefined;
  throw new SegmetricsError(
    ErrorCode.INCOMPATIBLE_SETTINGS,
    `${other.file} was evaluated with different settings than ${first.file}: ${difference.text}`,
    {
      context: {
        file: other.file,
        otherFile: first.file,
        setting: difference.setting,
        values: difference.values,
        ...(hint === undefined ? {} : { hint }),
      },
    },
  );
}
