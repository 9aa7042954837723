import { invalidOption } from './invalid-option.js';

const DIGITS = /^\d+$/;

/**
 * Class ids from a list of ids and class names (the CLI's `--exclude-classes`, the web app's "Exclude
 * classes"): an id is a whole number below `numClasses`; a name is matched against `classNames` ignoring
 * case. Returns the ids sorted, each once. Throws `INVALID_OPTION` naming `option` for an id out of range,
 * an unknown name, and a name that (ignoring case) names two classes.
 */
export function resolveClassList(
  items: readonly string[],
  numClasses: number,
  classNames: readonly string[],
  option: string,
): number[] {
  const ids = new Set<number>();
  for (const item of items) {
    if (DIGITS.test(item)) {
      const id = Number(item);
      if (id >= numClasses) {
        throw invalidOption(option, `at most ${numClasses - 1} (${numClasses} classes), got ${item}`, item);
      }
      ids.add(id);
      continue;
    }
    const matches = classNames.flatMap((name, id) => (name.toLowerCase() === item.toLowerCase() ? [id] : []));
    if (matches.length === 0)
      throw invalidOption(option, `unknown class "${item}" (use an id or a class name)`, item);
    if (matches.length > 1) {
      throw invalidOption(
        option,
        `class name "${item}" names classes ${matches.join(' and ')}: use the id`,
        item,
      );
    }
    ids.add(matches[0]!);
  }
  return [...ids].sort((a, b) => a - b);
}
