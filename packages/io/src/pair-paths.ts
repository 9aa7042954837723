import picomatch from 'picomatch';
import {
  byCodeUnit,
  keyFiles,
  matchKeys,
  type PairingOptions,
  pairingRules,
} from './internal/pairing-rules.js';
import { findUnreadLabelFiles, type UnreadLabelFiles } from './unread-label-files.js';

/** Options of {@link pairPaths}: the pairing rules of `pairDatasets` (suffixes, patterns, globs, ...). */
export type PairPathsOptions = PairingOptions;

/** One ground-truth / prediction pair of {@link pairPaths}. */
export interface PathPair {
  /** The pairing key: the relative path with the suffix (or extension) removed, `/`-separated. */
  readonly id: string;
  /** The ground-truth file's relative path, as given. */
  readonly gtPath: string;
  /** The prediction file's relative path, as given. */
  readonly predPath: string;
}

/** The result of {@link pairPaths}; every list sorted by id (code-unit order). */
export interface PairedPaths {
  readonly pairs: PathPair[];
  /** Ids of ground-truth files without a prediction. */
  readonly missingPredictions: string[];
  /** Ids of prediction files without ground truth. */
  readonly unmatchedPredictions: string[];
  /**
   * Ground-truth files of an image format no reader takes (`.jpg`, `.tif`, …) that are not the images
   * beside a label map (`<id>.jpg` by `<id>_mask.png`), or null: left out, which a caller may want to say
   * (`describeSkippedGroundTruth`). As `pairDatasets`' `unreadGroundTruth`.
   */
  readonly unreadGroundTruth: UnreadLabelFiles | null;
}

/** True when a segment of the path (a folder or the file) starts with `.`: the folder walk skips those. */
function hidden(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.'));
}

/**
 * Pairs two lists of relative file paths (`/`-separated, relative to the ground-truth and prediction
 * folders: a browser's `webkitRelativePath` without the chosen folder, or a zip listing) by the rules
 * of the Node `pairDatasets`, which shares this key logic: the key is the relative path (or, with
 * `matchBy: 'basename'`, the file name) with the side's suffix, pattern or extension removed; only files
 * with one of the `extensions` (default `.png`, `.npy`, any case) count, and paths with a folder or
 * file name starting with `.` are left out, as the folder walk leaves them out; `include`/`exclude`
 * globs filter ids. Pure and browser-safe: no file is read.
 *
 * Throws `PAIRING_FAILED` when two files of one side share a key (naming both), `INVALID_OPTION` for
 * bad options. Missing and unmatched files are reported, not thrown.
 *
 * @example
 * pairPaths(['a.png', 'sub/b.png'], ['a.png', 'c.png']);
 * // { pairs: [{ id: 'a', gtPath: 'a.png', predPath: 'a.png' }], missingPredictions: ['sub/b'],
 * //   unmatchedPredictions: ['c'] }
 */
export function pairPaths(
  gtPaths: readonly string[],
  predPaths: readonly string[],
  options: PairPathsOptions = {},
): PairedPaths {
  const rules = pairingRules(options, picomatch);
  const files = (paths: readonly string[]) =>
    paths.filter((path) => !hidden(path) && rules.wanted(path.slice(path.lastIndexOf('/') + 1)));
  const same = (path: string) => path;
  const gt = keyFiles(files(gtPaths), 'gt', rules.gtKey, same);
  const pred = keyFiles(files(predPaths), 'pred', rules.predKey, same);
  const matched = matchKeys(gt, pred, rules.keep);
  return {
    pairs: matched.pairs.map((pair) => ({ id: pair.id, gtPath: pair.gt, predPath: pair.pred })),
    missingPredictions: matched.missingPredictions,
    unmatchedPredictions: matched.unmatchedPredictions,
    unreadGroundTruth: findUnreadLabelFiles([...gtPaths].sort(byCodeUnit), {
      pairedIds: [...gt.keys()],
      ...(options.matchBy === undefined ? {} : { matchBy: options.matchBy }),
    }),
  };
}
