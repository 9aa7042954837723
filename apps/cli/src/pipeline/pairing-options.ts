import type { PairingFlags } from './pair-files.js';

/**
 * The options that decide which files are paired, and so what a run counts: the suffixes and patterns
 * that turn file names into pair ids, whether ids are relative paths or file names, and the globs that
 * select ids. Recorded in state files (`source.pairing`) so that a resume or a merge with other pairing
 * options — e.g. `--pred-suffix _B.png` after `_A.png`, two models' files in one folder — is refused
 * instead of mixing two sets of predictions. `null`: not given.
 */
export interface PairingOptions {
  readonly gtSuffix: string | null;
  readonly predSuffix: string | null;
  readonly gtPattern: string | null;
  readonly predPattern: string | null;
  readonly matchBy: 'path' | 'basename';
  /** `--include` globs, sorted (their order does not matter). */
  readonly include: readonly string[];
  /** `--exclude` globs, sorted. */
  readonly exclude: readonly string[];
}

/** Each pairing option's flag, in the order differences are looked for. */
export const PAIRING_FLAGS: Readonly<Record<keyof PairingOptions, string>> = {
  predSuffix: '--pred-suffix',
  gtSuffix: '--gt-suffix',
  predPattern: '--pred-pattern',
  gtPattern: '--gt-pattern',
  matchBy: '--match-by',
  include: '--include',
  exclude: '--exclude',
};

/** The pairing options of `eval` flags, as a state records them. */
export function pairingOptions(flags: Omit<PairingFlags, 'gt' | 'pred'>): PairingOptions {
  return {
    gtSuffix: flags.gtSuffix ?? null,
    predSuffix: flags.predSuffix ?? null,
    gtPattern: flags.gtPattern ?? null,
    predPattern: flags.predPattern ?? null,
    matchBy: flags.matchBy === 'basename' ? 'basename' : 'path',
    include: [...new Set(flags.include ?? [])].sort(),
    exclude: [...new Set(flags.exclude ?? [])].sort(),
  };
}

/** The first pairing option in which two runs differ: its flag, and each run's value as typed. */
export interface PairingDifference {
  /** `--pred-suffix`. */
  readonly option: string;
  /** `"_A.png"`, `not given`, `"a/*", "b/*"`. */
  readonly values: readonly [string, string];
}

function show(value: string | null | readonly string[]): string {
  if (value === null) return 'not given';
  if (typeof value === 'string') return JSON.stringify(value);
  return value.length === 0 ? 'not given' : value.map((glob) => JSON.stringify(glob)).join(', ');
}

/** Compares two runs' pairing options; null when they pair the same way. */
/**
 * The options that decide which prediction file is paired with which ground-truth file. `--include` and
 * `--exclude` are recorded too but not compared: they choose which images are counted, not how files
 * pair (runs split by them merge, and an image is never counted twice: merge and resume check overlaps).
 */
const COMPARED: readonly (keyof PairingOptions)[] = [
  'predSuffix',
  'gtSuffix',
  'predPattern',
  'gtPattern',
  'matchBy',
];

export function pairingDifference(left: PairingOptions, right: PairingOptions): PairingDifference | null {
  for (const key of COMPARED) {
    const a = show(left[key]);
    const b = show(right[key]);
    if (a !== b) return { option: PAIRING_FLAGS[key], values: [a, b] };
  }
  return null;
}
