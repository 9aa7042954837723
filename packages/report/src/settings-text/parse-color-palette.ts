import { type ColorPalette, colorLookup } from '@segmetrics/io/presets';
import { invalidOption } from './invalid-option.js';
import { parseSettingsJson } from './parse-settings-json.js';
import type { SettingsTextSource } from './settings-text-source.js';

/** The largest id a palette colour may decode to: labels of colour masks are 16-bit at most. */
export const MAX_PALETTE_ID = 65_535;

/**
 * A colour palette from its JSON text (the CLI's `--palette FILE`, the web app's "Colour palette"
 * field): an object `{"#rrggbb": id}` or an array of `[r, g, b]` (or null) indexed by id, checked with
 * @segmetrics/io's `colorLookup`. Throws `INVALID_OPTION` naming `from` for text that is not JSON, a
 * colour written twice (JSON would keep the last silently), ids that are not whole numbers from 0 to
 * {@link MAX_PALETTE_ID}, malformed colours, a colour given two ids, and a palette without a colour.
 */
export function parseColorPalette(text: string, from: SettingsTextSource): ColorPalette {
  const { option, source } = from;
  const data = parseSettingsJson(text, from, 'the colour');
  if (typeof data !== 'object' || data === null) {
    throw invalidOption(
      option,
      `${source}: expected an object {"#rrggbb": id} or an array of [r, g, b]`,
      source,
    );
  }
  const ids: unknown[] = Array.isArray(data)
    ? data.map((_, id) => id)
    : Object.values(data as Record<string, unknown>);
  for (const id of ids) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_PALETTE_ID) {
      throw invalidOption(
        option,
        `${source}: class id ${JSON.stringify(id)} is not a whole number from 0 to ${MAX_PALETTE_ID}`,
        source,
      );
    }
  }
  try {
    if (colorLookup(data as ColorPalette).size === 0) throw new Error('the palette holds no colour');
  } catch (error) {
    throw invalidOption(
      option,
      `${source}: ${error instanceof Error ? error.message : String(error)}`,
      source,
    );
  }
  return data as ColorPalette;
}
