import { invalidOption } from './invalid-option.js';
import { repeatedJsonKey } from './repeated-json-key.js';
import type { SettingsTextSource } from './settings-text-source.js';

/**
 * The value of a settings file's JSON text, refusing (`INVALID_OPTION` naming `from`) text that is not JSON
 * and a top-level key written twice, which `JSON.parse` would keep the last of without a word; a leading
 * byte order mark is skipped. `keyName`
 * says what a key is in messages (`the colour "#800000" is given twice`).
 */
export function parseSettingsJson(raw: string, from: SettingsTextSource, keyName: string): unknown {
  // A byte order mark (an editor's, or PowerShell's Out-File) is not part of the JSON.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalidOption(from.option, `${from.source} is not valid JSON`, from.source);
  }
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) {
    throw invalidOption(from.option, `${from.source}: ${keyName} "${repeated}" is given twice`, from.source);
  }
  return data;
}
