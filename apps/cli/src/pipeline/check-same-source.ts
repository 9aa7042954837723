import { isAbsolute, resolve } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { pairingDifference } from './pairing-options.js';
import { realFolder, type StateSource } from './state-source.js';

/** The hint of every refused resume (the generic one speaks of shards). */
export const RESUME_HINT =
  'a resumed run must read the same folders, with the same options and shard, as the run that saved the state; or count into a new state with --save-state';

function refuse(file: string, message: string, setting: string, values: readonly unknown[]): never {
  throw new SegmetricsError(ErrorCode.INCOMPATIBLE_SETTINGS, `${file}: ${message}`, {
    context: { file, setting, values, hint: RESUME_HINT },
  });
}

/** `pred` (as typed) and, when it differs, the real folder it names: `pred (/data/run/pred)`. */
function shown(typed: string, real: string): string {
  return typed === real ? typed : `${typed} (${real})`;
}

/**
 * Refuses to resume a state counted from other folders, or paired otherwise, than this run: the result
 * would mix two models' predictions (or two ground truths) under one set of counts.
 *
 * - Folders (`--gt`, `--pred`, `--gt-instances`) are compared as real paths, so another spelling of the
 *   same folder (relative, absolute, through a link) is the same. This version records absolute real
 *   paths; a state of an older version may hold a relative path, which is taken relative to the current
 *   folder (the folder its run was started in is not recorded), and the message says so.
 * - Pairing options (`--pred-suffix`, `--gt-suffix`, `--pred-pattern`, `--gt-pattern`, `--match-by`,
 *   not `--include`/`--exclude`, which choose images) must be equal, when the state records them (older
 *   states do not).
 *
 * `INCOMPATIBLE_SETTINGS` naming the file, the option and both values.
 */
export async function checkSameSource(file: string, state: StateSource, run: StateSource): Promise<void> {
  // States that record their pairing also record --gt-instances whenever it was given.
  const current = state.pairing !== undefined;
  for (const [key, option] of [
    ['pred', '--pred'],
    ['gt', '--gt'],
    ['gtInstances', '--gt-instances'],
  ] as const) {
    const was = state[key] ?? null;
    const now = run[key] ?? null;
    if (key === 'gtInstances' && current && (was === null) !== (now === null)) {
      refuse(
        file,
        `the state read Cityscapes instance ids from ${was === null ? 'beside the ground truth' : `--gt-instances ${was}`}, this run from ${now === null ? 'beside the ground truth' : `--gt-instances ${now}`}; the counts would mix both. Resume with the first run's --gt-instances, or count into a new state`,
        `source.${key}`,
        [was, now],
      );
    }
    if (was === null || now === null) continue;
    const real = await realFolder(now);
    if (isAbsolute(was)) {
      if ((await realFolder(was)) === real) continue;
      refuse(
        file,
        `the state was counted from ${option} ${was}, this run reads ${option} ${shown(now, real)}; the counts would mix both folders. Resume with ${option} ${was}, or count into a new state`,
        `source.${key}`,
        [was, now],
      );
    }
    // An older state: the folder as typed, relative to a working folder it does not record.
    const then = await realFolder(was);
    if (then === real) continue;
    refuse(
      file,
      `the state was counted from ${option} ${was}, a relative path (a state of an older segmetrics version does not record the folder it was relative to), taken relative to the current folder: ${resolve(was)}; this run reads ${option} ${shown(now, real)}, so the counts would mix both folders. Resume from the folder the first run was started in with ${option} ${was}, or count into a new state`,
      `source.${key}`,
      [was, now],
    );
  }
  if (state.pairing === undefined || run.pairing === undefined) return;
  const difference = pairingDifference(state.pairing, run.pairing);
  if (difference === null) return;
  const [was, now] = difference.values;
  refuse(
    file,
    `the state paired its files with ${difference.option} ${was}, this run with ${difference.option} ${now}; the counts would mix two pairings (e.g. two models' files in one folder). Resume with ${difference.option} ${was}, or count into a new state`,
    `source.pairing.${difference.option.slice(2)}`,
    difference.values,
  );
}
