import { invalidOption } from './invalid-option.js';
import type { SettingsTextSource } from './settings-text-source.js';

/**
 * Class names from a text of one name per line (the CLI's `--classes FILE`, the web app's "Class names"
 * field): names are trimmed; blank lines and lines starting with `#` are skipped; `\n` and `\r\n` line
 * ends. Throws `INVALID_OPTION` naming `from` when the text holds no name or gives one name to two
 * classes (names are compared as written: `Sky` and `sky` are two names).
 */
export function parseClassNames(text: string, from: SettingsTextSource): string[] {
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (names.length === 0)
    throw invalidOption(from.option, `${from.source} holds no class names`, from.source);
  const first = new Map<string, number>();
  names.forEach((name, id) => {
    const earlier = first.get(name);
    if (earlier !== undefined) {
      throw invalidOption(
        from.option,
        `${from.source}: the name "${name}" is given to classes ${earlier} and ${id}`,
        from.source,
      );
    }
    first.set(name, id);
  });
  return names;
}
