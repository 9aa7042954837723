import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ErrorCode } from '@segmetrics/core';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { ioError } from '../internal/errors.js';

/** One ground-truth / prediction file pair. */
export interface DatasetPair {
  /** The pairing key: the relative path with the suffix (or extension) removed, `/`-separated. */
  readonly id: string;
  /** Absolute path of the ground-truth file. */
  readonly gtPath: string;
  /** Absolute path of the prediction file. */
  readonly predPath: string;
}

/** Options of {@link pairDatasets}. */
export interface PairDatasetsOptions {
  gtDir: string;
  predDir: string;
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

/** The result of {@link pairDatasets}; every list sorted by id (code-unit order). */
export interface PairedDataset {
  readonly pairs: DatasetPair[];
  /** Ids of ground-truth files without a prediction. */
  readonly missingPredictions: string[];
  /** Ids of prediction files without ground truth. */
  readonly unmatchedPredictions: string[];
}

type KeyFn = (relativePath: string) => string | undefined;

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

async function assertDirectory(dir: string, side: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw ioError(ErrorCode.IO_FAILED, dir, `${side} directory not found`, { side }, error);
  }
  if (!isDirectory) throw ioError(ErrorCode.IO_FAILED, dir, `${side} path is not a directory`, { side });
}

async function collect(
  dir: string,
  side: 'gt' | 'pred',
  keyOf: KeyFn,
  extensions: readonly string[],
  matchBy: 'path' | 'basename',
): Promise<Map<string, string>> {
  await assertDirectory(dir, side === 'gt' ? 'ground-truth' : 'prediction');
  const files = await glob(
    extensions.map((ext) => `**/*${ext}`),
    { cwd: dir, onlyFiles: true, caseSensitiveMatch: false, followSymbolicLinks: true },
  );
  const byKey = new Map<string, string>();
  for (const file of files.sort()) {
    const relative = file.replaceAll('\\', '/');
    const name = matchBy === 'basename' ? relative.slice(relative.lastIndexOf('/') + 1) : relative;
    const key = keyOf(name);
    if (key === undefined) continue;
    const existing = byKey.get(key);
    if (existing !== undefined) {
      throw ioError(
        ErrorCode.PAIRING_FAILED,
        resolve(dir, relative),
        `two ${side} files have the key "${key}": ${existing} and ${relative}`,
        { side, id: key, files: [existing, relative] },
      );
    }
    byKey.set(key, relative);
  }
  return byKey;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pairs ground-truth and prediction files across two folders (recursively) by key: the relative path
 * with the side's suffix, pattern or extension removed. Deterministic: every list is sorted by id.
 * `include`/`exclude` globs filter ids before pairing. Throws `IO_FAILED` when a folder is missing,
 * `PAIRING_FAILED` when two files of one side share a key, `INVALID_OPTION` for bad options; missing and
 * unmatched files are reported, not thrown.
 *
 * @example Cityscapes
 * await pairDatasets({ gtDir: 'gtFine/val', predDir: 'results', gtSuffix: '_gtFine_labelTrainIds.png',
 *   predSuffix: '_leftImg8bit.png' });
 */
export async function pairDatasets(options: PairDatasetsOptions): Promise<PairedDataset> {
  const extensions = (options.extensions ?? ['.png', '.npy']).map((ext) =>
    (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase(),
  );
  const matchBy = options.matchBy ?? 'path';
  if (matchBy !== 'path' && matchBy !== 'basename') {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, `matchBy must be 'path' or 'basename'`, {
      value: matchBy,
    });
  }
  const gtKey = keyFunction('gt', options.gtSuffix, options.gtPattern, extensions);
  const predKey = keyFunction('pred', options.predSuffix, options.predPattern, extensions);
  const gtDir = resolve(options.gtDir);
  const predDir = resolve(options.predDir);
  const [gt, pred] = await Promise.all([
    collect(gtDir, 'gt', gtKey, extensions, matchBy),
    collect(predDir, 'pred', predKey, extensions, matchBy),
  ]);
  const included = options.include?.length ? picomatch([...options.include], { dot: true }) : () => true;
  const excluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : () => false;
  const keep = (id: string) => included(id) && !excluded(id);
  const pairs: DatasetPair[] = [];
  const missingPredictions: string[] = [];
  for (const id of [...gt.keys()].sort(byCodeUnit)) {
    if (!keep(id)) continue;
    const predFile = pred.get(id);
    if (predFile === undefined) missingPredictions.push(id);
    else pairs.push({ id, gtPath: resolve(gtDir, gt.get(id)!), predPath: resolve(predDir, predFile) });
  }
  const unmatchedPredictions = [...pred.keys()].filter((id) => !gt.has(id) && keep(id)).sort(byCodeUnit);
  return { pairs, missingPredictions, unmatchedPredictions };
}
