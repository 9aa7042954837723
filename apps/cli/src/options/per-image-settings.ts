import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { getPreset } from '@segmetrics/metrics';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { loadState } from '../pipeline/state-file.js';
import type { ConfidenceRequest } from './confidence-flags.js';

/** The flags of an `eval` run that need per-image statistics besides `--per-image` and `--aggregate image`. */
export interface PerImageFlags {
  readonly report?: string;
  readonly saveState?: string;
  readonly resume?: string;
}

/**
 * The settings of an `eval` run with per-image statistics turned on where the run needs them: `--ci` (the
 * bootstrap resamples images), `--report` (the HTML report ranks the worst images) and `--save-state` /
 * `--resume` (a state keeps them, so that `compare` and `merge --ci` work from states). They never
 * change a number of the report. When resuming a state counted without them (by an earlier version),
 * the state's settings are kept (a resumed run must match its state): the HTML report then lists no
 * worst images, and `--ci` is an error naming the state file.
 */
export async function perImageSettings(
  settings: EvaluationSettings,
  flags: PerImageFlags,
  confidence: ConfidenceRequest | null,
): Promise<EvaluationSettings> {
  if (settings.matrixOptions.perImage === true) return settings;
  const wanted =
    confidence !== null ||
    flags.report !== undefined ||
    flags.saveState !== undefined ||
    flags.resume !== undefined;
  if (!wanted) return settings;
  if (flags.resume !== undefined) {
    const { state } = await loadState(flags.resume);
    if (state.settings.matrixOptions.perImage !== true) {
      if (confidence !== null) throw withoutPerImage(flags.resume, '--ci');
      return settings;
    }
  }
  return { ...settings, matrixOptions: { ...settings.matrixOptions, perImage: true } };
}

/**
 * PER_IMAGE_DISABLED naming a state file counted without per-image statistics and what needs them
 * (`--ci`, `compare`).
 */
export function withoutPerImage(file: string, what: string): SegmetricsError {
  return new SegmetricsError(
    ErrorCode.PER_IMAGE_DISABLED,
    `${file}: the state was counted without per-image statistics, which ${what} needs (it resamples images)`,
    {
      context: {
        file,
        hint: 'count it again with this version of segmetrics (--save-state keeps per-image statistics), or with --per-image',
      },
    },
  );
}

/**
 * Whether a run over states with these settings asked for per-image statistics itself: `--per-image`,
 * `--aggregate image` (given or the preset's) or Cityscapes instances, as `resolveSettings` decides. Per-image
 * statistics kept only for `--ci`, `--report` or the state leave imagewise presets out of `libraries`,
 * so that `merge` prints what one `eval` over all images prints.
 */
export function perImageRequested(settings: EvaluationSettings, perImageFlag: boolean): boolean {
  const aggregate =
    settings.report.aggregate ??
    (settings.report.preset === null ? undefined : getPreset(settings.report.preset).aggregate);
  return perImageFlag || aggregate === 'image' || (settings.matrixOptions.instances ?? null) !== null;
}
