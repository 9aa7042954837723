import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { loadState } from '../pipeline/state-file.js';

/**
 * The settings of an `eval` run with `--report`: per-image statistics on (the HTML report ranks the
 * worst images from them). When resuming a state counted without them, the state's settings are kept
 * (a resumed run must match its state) and the report lists no worst images.
 */
export async function reportSettings(
  settings: EvaluationSettings,
  flags: { report?: string; resume?: string },
): Promise<EvaluationSettings> {
  if (flags.report === undefined || settings.matrixOptions.perImage === true) return settings;
  if (flags.resume !== undefined) {
    const { state } = await loadState(flags.resume);
    if (state.settings.matrixOptions.perImage !== true) return settings;
  }
  return { ...settings, matrixOptions: { ...settings.matrixOptions, perImage: true } };
}
