import { ErrorCode } from '@segmetrics/core';
import { ioError } from './errors.js';

/**
 * The pairing options both `pairDatasets` (Node, folders) and `pairPaths` (browser-safe, path lists)
 * take: how a file's relative path becomes its pairing key, and which keys are kept.
 */
export interface PairingOptions {
  /**
   * Ground-truth file suffix removed to form the key, e.g. `'_gtFine_labelTrainIds.png'`; files without
   * it are not ground truth and are skipped. Default: the key is the path without its extension.
   */
  gtSuffix?: string;
  /** Prediction file suffix, e.g. `'_leftImg8bit.png'`. Same rules as `gtSuffix`. */
  predSuffix?: string;
  /**
   * A regular expression over the relative path (`/` separators) instead of a suffix: files that do not
   * match are skipped; the key is the named group `id`, else the first capture group.
   */
  gtPattern?: RegExp | string;
  /** Prediction counterpart of `gtPattern`. */
  predPattern?: RegExp | string;
  /** Glob patterns over ids: keep only matching pairs (e.g. `['frankfurt/**']`). */
  include?: readonly string[];
  /** Glob patterns over ids: drop matching pairs. */
  exclude?: readonly string[];
  /** File extensions considered (default `['.png', '.npy']`). */
  extensions?: readonly string[];
  /**
   * `'path'` (default): keys are relative paths, so both trees must have the same layout; `'basename'`:
   * keys are file names only (e.g. a flat prediction folder against Cityscapes' per-city ground truth);
   * two files with the same basename on one side are then a `PAIRING_FAILED` error.
   */
  matchBy?: 'path' | 'basename';
}

type KeyFn = (relativePath: string) => string | undefined;

/**
 * Compiles glob patterns into one matcher (picomatch's signature). Passed in by the caller, so that the
 * Node pairing loads picomatch only when `include`/`exclude` are given (≈ 10 ms of start-up otherwise).
 */
export type GlobCompiler = (patterns: string[], options: { dot: boolean }) => (id: string) => boolean;

/** True when `options` filter ids by globs, so a {@link GlobCompiler} is needed. */
export function hasGlobs(options: PairingOptions): boolean {
  return (options.include?.length ?? 0) > 0 || (options.exclude?.length ?? 0) > 0;
}

/** The checked pairing rules: which names are label maps, each side's key, and the id filter. */
export interface PairingRules {
  /** Lower-case extensions with their dot. */
  readonly extensions: readonly string[];
  /** True for a file name with one of the extensions (and more than the extension). */
  readonly wanted: (name: string) => boolean;
  /** The pairing key of a ground-truth file's relative path, or `undefined` when it is not one. */
  readonly gtKey: KeyFn;
  /** The pairing key of a prediction file's relative path, or `undefined` when it is not one. */
  readonly predKey: KeyFn;
  /** True for ids that `include`/`exclude` keep. */
  readonly keep: (id: string) => boolean;
}

/** Code-unit order (what every pairing list is sorted by). */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function keyFunction(
  side: 'gt' | 'pred',
  suffix: string | undefined,
  pattern: RegExp | string | undefined,
  extensions: readonly string[],
): KeyFn {
  if (suffix !== undefined && pattern !== undefined) {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, `give ${side}Suffix or ${side}Pattern, not both`, {
      side,
    });
  }
  if (pattern !== undefined) {
    let regex: RegExp;
    try {
      regex = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
    } catch (error) {
      throw ioError(
        ErrorCode.INVALID_OPTION,
        undefined,
        `invalid ${side}Pattern: ${(error as Error).message}`,
        {
          side,
          value: String(pattern),
        },
      );
    }
    return (path) => {
      regex.lastIndex = 0;
      const match = regex.exec(path);
      if (match === null) return undefined;
      const key = match.groups?.id ?? match[1];
      if (key === undefined) {
        throw ioError(
          ErrorCode.INVALID_OPTION,
          undefined,
          `${side}Pattern ${regex} needs a capture group (or a group named "id") holding the key`,
          { side, value: String(regex) },
        );
      }
      return key;
    };
  }
  if (suffix !== undefined) {
    if (suffix.length === 0)
      throw ioError(ErrorCode.INVALID_OPTION, undefined, `${side}Suffix is empty`, { side });
    return (path) =>
      path.endsWith(suffix) && path.length > suffix.length ? path.slice(0, -suffix.length) : undefined;
  }
  return (path) => {
    const extension = extensions.find((ext) => path.toLowerCase().endsWith(ext));
    return extension === undefined ? undefined : path.slice(0, -extension.length);
  };
}

/**
 * Checks the pairing options (`INVALID_OPTION` for a bad `matchBy`, a suffix and a pattern on one side,
 * an empty suffix or an invalid pattern) and returns the rules: keys are taken from the relative path
 * (`matchBy: 'path'`) or from its file name (`'basename'`). `glob` compiles `include`/`exclude`; it
 * may be left out when there are none ({@link hasGlobs}).
 */
export function pairingRules(options: PairingOptions, glob?: GlobCompiler): PairingRules {
  const extensions = (options.extensions ?? ['.png', '.npy']).map((ext) =>
    (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase(),
  );
  const matchBy = options.matchBy ?? 'path';
  if (matchBy !== 'path' && matchBy !== 'basename') {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, `matchBy must be 'path' or 'basename'`, {
      value: matchBy,
    });
  }
  const byMatch =
    (key: KeyFn): KeyFn =>
    (relative) =>
      key(matchBy === 'basename' ? relative.slice(relative.lastIndexOf('/') + 1) : relative);
  const gtKey = byMatch(keyFunction('gt', options.gtSuffix, options.gtPattern, extensions));
  const predKey = byMatch(keyFunction('pred', options.predSuffix, options.predPattern, extensions));
  // Globs compile on first use, so that folder errors come before glob errors (as they always have).
  let keep: ((id: string) => boolean) | undefined;
  const compile = (patterns: readonly string[]) => {
    if (glob === undefined) throw new Error('pairingRules: include/exclude globs need a glob compiler');
    return glob([...patterns], { dot: true });
  };
  const keepId = (id: string): boolean => {
    if (keep === undefined) {
      const included = options.include?.length ? compile(options.include) : () => true;
      const excluded = options.exclude?.length ? compile(options.exclude) : () => false;
      keep = (key) => included(key) && !excluded(key);
    }
    return keep(id);
  };
  return {
    extensions,
    wanted: (name) => {
      const lower = name.toLowerCase();
      return extensions.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
    },
    gtKey,
    predKey,
    keep: keepId,
  };
}

/**
 * Keys one side's files (relative paths, any order) in code-unit order of their paths; paths without
 * a key are skipped. Two files with one key are `PAIRING_FAILED`, naming `pathOf(relative)` of the
 * second and both relative paths.
 */
export function keyFiles(
  relatives: readonly string[],
  side: 'gt' | 'pred',
  keyOf: (relative: string) => string | undefined,
  pathOf: (relative: string) => string,
): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const relative of [...relatives].sort(byCodeUnit)) {
    const key = keyOf(relative);
    if (key === undefined) continue;
    const existing = byKey.get(key);
    if (existing !== undefined) {
      throw ioError(
        ErrorCode.PAIRING_FAILED,
        pathOf(relative),
        `two ${side} files have the key "${key}": ${existing} and ${relative}`,
        { side, id: key, files: [existing, relative] },
      );
    }
    byKey.set(key, relative);
  }
  return byKey;
}

/** Pairs keyed files: kept ground-truth keys with and without a prediction, and unpaired predictions. */
export function matchKeys(
  gt: ReadonlyMap<string, string>,
  pred: ReadonlyMap<string, string>,
  keep: (id: string) => boolean,
): {
  pairs: { id: string; gt: string; pred: string }[];
  missingPredictions: string[];
  unmatchedPredictions: string[];
} {
  const pairs: { id: string; gt: string; pred: string }[] = [];
  const missingPredictions: string[] = [];
  for (const id of [...gt.keys()].sort(byCodeUnit)) {
    if (!keep(id)) continue;
    const predFile = pred.get(id);
    if (predFile === undefined) missingPredictions.push(id);
    else pairs.push({ id, gt: gt.get(id)!, pred: predFile });
  }
  const unmatchedPredictions = [...pred.keys()].filter((id) => !gt.has(id) && keep(id)).sort(byCodeUnit);
  return { pairs, missingPredictions, unmatchedPredictions };
}
