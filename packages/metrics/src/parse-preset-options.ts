import { getPreset } from './get-preset.js';
import { invalidPresetOption, parsePresetOptionText } from './preset-parameter.js';
import type { PresetOptions, PresetOptionValue } from './settings.js';

/**
 * Parses `NAME=VALUE` texts (the CLI's repeatable `--preset-option`, e.g. `labels=0,2,5`,
 * `zero_division=1`, `include_background=false`) into the `presetOptions` of the named preset, each
 * value typed by the parameter (see {@link PresetParameter}). Throws `UNKNOWN_PRESET`, or
 * `INVALID_OPTION` for a malformed text, an unknown parameter (listing the known ones), a bad value or a
 * parameter given twice. Class ids are checked against the class count by `evaluate`.
 */
export function parsePresetOptions(presetName: string, texts: readonly string[]): PresetOptions {
  const preset = getPreset(presetName);
  const out: Record<string, PresetOptionValue> = {};
  for (const text of texts) {
    const eq = text.indexOf('=');
    const name = eq < 0 ? text.trim() : text.slice(0, eq).trim();
    if (eq < 0 || name === '') {
      invalidPresetOption(preset.name, name || '?', text, 'must be written NAME=VALUE');
    }
    const parameter = preset.parameters.find((p) => p.name === name);
    if (parameter === undefined) {
      const known = preset.parameters.map((p) => p.name).join(', ') || 'none';
      invalidPresetOption(preset.name, name, text, `is not a parameter of this preset (known: ${known})`);
    }
    if (Object.hasOwn(out, name)) invalidPresetOption(preset.name, name, text, 'is given twice');
    out[name] = parsePresetOptionText(preset.name, parameter, text.slice(eq + 1));
  }
  return out;
}
