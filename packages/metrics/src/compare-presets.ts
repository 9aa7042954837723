import type { ConfusionMatrix } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { evaluateSummary, type Summary } from './evaluate.js';
import { sharedStacks } from './internal/shared-stacks.js';
import type { StackCache } from './internal/stacked-units.js';
import { presets } from './presets.js';
import type { PresetName } from './settings.js';

/** What one compatibility preset reports on a matrix (see {@link comparePresets}). */
export interface PresetOutcome {
  readonly preset: PresetName;
  /** The preset's one-line description: the library, its function and the convention that differs. */
  readonly description: string;
  /** The summary under the preset, or `null` when the matrix cannot give it (`reason` says why). */
  readonly summary: Summary | null;
  /** Why `summary` is `null` (e.g. the preset is imagewise and the matrix has no per-image statistics). */
  readonly reason: string | null;
}

/** Options of {@link comparePresets}. */
export interface ComparePresetsOptions {
  /** One name per class (passed to every evaluation); default the ids. */
  readonly classNames?: readonly string[];
  /**
   * Whether presets may use the matrix's per-image statistics (default true). `false` gives what the
   * same counts kept without them give: imagewise presets report `summary: null` with the reason, and
   * cost nothing (for callers that kept per-image statistics for another purpose, such as a report's
   * worst images, and must report the presets as without them).
   */
  readonly perImage?: boolean;
}

/**
 * The same counts evaluated under every compatibility preset, in the order of `presets`: what each
 * library would report for this matrix. A preset that needs something the matrix lacks (per-image
 * statistics for an imagewise preset, or a single ignore label when predictions of several were counted
 * together) gives `summary: null` and a `reason`; any other error is thrown.
 * Each value is exactly what `evaluate(matrix, { preset })` returns.
 *
 * @example
 * comparePresets(matrix).map((p) => [p.preset, p.summary?.mIoU]);
 * // [['mmseg', 0.71], ['torchmetrics-jaccard', 0.71], ['sklearn', 0.66], ...]
 */
export function comparePresets(
  matrix: ConfusionMatrix,
  options: ComparePresetsOptions = {},
): PresetOutcome[] {
  const out: PresetOutcome[] = [];
  // The imagewise presets stack the same per-image counts: built once for all of them (and shared with
  // an `evaluate` of the same matrix just before, as a report runs them).
  const stacks: StackCache = sharedStacks(matrix);
  for (const name of Object.keys(presets) as PresetName[]) {
    const preset = presets[name];
    try {
      const summary = evaluateSummary(
        matrix,
        {
          preset: name,
          ...(options.classNames === undefined ? {} : { classNames: options.classNames }),
        },
        stacks,
        options.perImage ?? true,
      );
      out.push({ preset: name, description: preset.description, summary, reason: null });
    } catch (error) {
      let reason: string;
      if (SegmetricsError.isInstance(error, ErrorCode.PER_IMAGE_DISABLED)) {
        reason = 'computed per image: needs per-image statistics (perImage: true)';
      } else if (
        SegmetricsError.isInstance(error, ErrorCode.INVALID_OPTION) &&
        error.context.option === 'ignoreIndex'
      ) {
        // Predictions of several ignore labels were counted together: the library never saw these counts.
        reason = error.message;
      } else {
        throw error;
      }
      out.push({ preset: name, description: preset.description, summary: null, reason });
    }
  }
  return out;
}
