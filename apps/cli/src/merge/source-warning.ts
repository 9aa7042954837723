import { basename, isAbsolute, resolve } from 'node:path';
import type { LoadedState } from '../pipeline/state-file.js';

/**
 * A warning when the states were counted from different folders: merged, they would mix two models or two
 * ground truths. States of this version record absolute real paths, which are compared when both states
 * have them (so shards run from different working folders, or naming one folder by other spellings or
 * links, are compared by the folders themselves); states of older versions hold the paths as typed,
 * possibly relative, so only the folders' own names are compared with them. Shards counted on other
 * machines may reach the same data by other paths: a warning, not an error. `keys` says which folders
 * must agree (default both; `compare` checks the ground truth across its two models); `consequence` says
 * what a difference does (default: the merged counts mix them).
 */
export function sourceWarning(
  states: readonly LoadedState[],
  keys: readonly ('pred' | 'gt')[] = ['pred', 'gt'],
  consequence = 'the merged counts mix them',
): string | null {
  for (const key of keys) {
    const named = states.flatMap((s) => {
      const path = s.state.source[key];
      const recorded = s.state.source.pairing !== undefined;
      return path === null ? [] : [{ file: s.file, path, name: basename(resolve(path)), recorded }];
    });
    const first = named[0];
    if (first === undefined) continue;
    const what = key === 'pred' ? 'prediction' : 'ground-truth';
    for (const other of named.slice(1)) {
      // Real folders were recorded by states of this version (they record the pairing too); older states
      // hold the folders as typed, which only their names can be compared by.
      const real = (s: { path: string; recorded: boolean }) => s.recorded && isAbsolute(s.path);
      if (real(first) && real(other)) {
        if (first.path === other.path) continue;
        return `the states were counted from different ${what} folders (${first.path} in ${first.file}, ${other.path} in ${other.file}): ${consequence} unless they hold the same files (e.g. one folder mounted at two paths)`;
      }
      if (other.name !== first.name) {
        return `the states were counted from differently named ${what} folders (${first.name} in ${first.file}, ${other.name} in ${other.file}): ${consequence} unless they hold the same files`;
      }
    }
  }
  return null;
}
