import type { Command, Option } from 'commander';

/** The option parsers that collect every occurrence: their options may be repeated. */
const collectors = new WeakSet<(value: string, previous: string[]) => string[]>();

/** Argument parser of a repeatable option: every occurrence's value, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
collectors.add(collect);

/** True when `option` may be given more than once: a flag without a value, or a collecting option. */
function repeatable(option: Option): boolean {
  if (!option.required && !option.optional) return true;
  const parse = option.parseArg as ((value: string, previous: string[]) => string[]) | undefined;
  return parse !== undefined && collectors.has(parse);
}

/** An occurrence's value as the error shows it. */
function shown(value: string | null | undefined): string {
  return value === undefined || value === null ? 'without a value' : JSON.stringify(value);
}

/**
 * Makes `command` refuse a value option given twice (`-n 4 --num-classes 5`, `--pred a --pred b` to
 * `eval`) with a usage error naming the option and both values, instead of keeping the last value
 * silently: a second `--pred` to `eval` is not a comparison, and a second `--ci` is not a second
 * interval. Repeatable options ({@link collect}) and flags are left alone. Commander reports the error
 * (exit code 2 through the program's `exitOverride`).
 */
export function rejectRepeatedOptions(command: Command): void {
  // The values seen, per parse: commander gives each parse of a command a fresh option-values object.
  const seenIn = new WeakMap<object, Map<string, string | null | undefined>>();
  for (const option of command.options) {
    if (repeatable(option)) continue;
    const name = option.name();
    command.on(`option:${name}`, (value: string | null | undefined) => {
      const values = command.opts();
      let seen = seenIn.get(values);
      if (seen === undefined) {
        seen = new Map();
        seenIn.set(values, seen);
      }
      if (seen.has(name)) {
        const flag = option.long ?? option.flags;
        command.error(
          `error: option '${option.flags}' given twice (${shown(seen.get(name))}, then ${shown(value)}): give ${flag} once`,
          { code: 'segmetrics.repeatedOption', exitCode: 2 },
        );
      }
      seen.set(name, value);
    });
  }
}
