import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { ErrorCode } from '@segmetrics/core';
import { ioError } from '../internal/errors.js';
import {
  byCodeUnit,
  hasGlobs,
  keyFiles,
  matchKeys,
  type PairingOptions,
  type PairingRules,
  pairingRules,
} from '../internal/pairing-rules.js';
import { findUnreadLabelFiles, type UnreadLabelFiles } from '../unread-label-files.js';
import { type SkipReason, walkFiles } from './walk-files.js';

/** One ground-truth / prediction file pair. */
export interface DatasetPair {
  /** The pairing key: the relative path with the suffix (or extension) removed, `/`-separated. */
  readonly id: string;
  /** Absolute path of the ground-truth file. */
  readonly gtPath: string;
  /** Absolute path of the prediction file. */
  readonly predPath: string;
}

/** Options of {@link pairDatasets}: the two folders and the pairing rules (shared with `pairPaths`). */
export interface PairDatasetsOptions extends PairingOptions {
  gtDir: string;
  predDir: string;
}

/**
 * A folder entry {@link pairDatasets} left out, for the caller to report (the CLI prints a warning):
 * - `'dangling-link'`: a symbolic link whose target does not exist (or a loop of links);
 * - `'duplicate'`: a path to a file or folder already listed under another path (`duplicateOf`), e.g.
 *   `ln -s . gt/loop` or a second link to one file: each real file is read once;
 * - `'not-a-file'`: a FIFO, socket or device (or a link to one) with a label-map name.
 */
export interface SkippedEntry {
  readonly side: 'gt' | 'pred';
  /** Absolute path of the entry as found (not resolved). */
  readonly path: string;
  readonly reason: SkipReason;
  /** For `'duplicate'`: the absolute path under which the same file or folder is listed. */
  readonly duplicateOf?: string;
}

/** The result of {@link pairDatasets}; every list sorted by id (code-unit order). */
export interface PairedDataset {
  readonly pairs: DatasetPair[];
  /** Ids of ground-truth files without a prediction. */
  readonly missingPredictions: string[];
  /** Ids of prediction files without ground truth. */
  readonly unmatchedPredictions: string[];
  /** Entries left out of both folders, sorted by side (`gt` first) then path. */
  readonly skipped: SkippedEntry[];
  /**
   * Ground-truth files of an image format no reader takes (`.jpg`, `.tif`, …; `findUnreadLabelFiles` of
   * the files the walk refused, the first 10,000), or null: skipped, which the caller may want to say.
   */
  readonly unreadGroundTruth: UnreadLabelFiles | null;
}

/**
 * A resolved folder's path ending in the separator: prefixed to a walked relative path, it gives what
 * `resolve(dir, relative)` gives (walked names are never empty, `.` or `..`), without the cost that
 * `resolve` pays per call (≈ 0.3 KB of garbage per path, and most of the pairing time of a large folder).
 */
function folderPrefix(resolvedDir: string): string {
  return resolvedDir.endsWith(sep) ? resolvedDir : resolvedDir + sep;
}

/** A walked relative path (`/`-separated) with the platform's separator. */
function nativeSeparators(relative: string): string {
  return sep === '/' ? relative : relative.replaceAll('/', sep);
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

/** A left-out entry with the keys it would have had (to refuse ones that would have been paired). */
interface SideSkip {
  readonly relative: string;
  readonly reason: SkipReason;
  readonly duplicateOf?: string;
  /** Keys the entry would have contributed, with the key listed instead (for duplicates). */
  readonly keys: readonly { key: string; listedAs?: string | undefined }[];
}

interface SideListing {
  readonly byKey: Map<string, string>;
  readonly skipped: SideSkip[];
  /** Files the walk refused (see `WalkResult.unwanted`). */
  readonly unwanted: readonly string[];
}

async function collect(dir: string, side: 'gt' | 'pred', rules: PairingRules): Promise<SideListing> {
  await assertDirectory(dir, side === 'gt' ? 'ground-truth' : 'prediction');
  const walked = await walkFiles(dir, rules.wanted);
  const keyFor = side === 'gt' ? rules.gtKey : rules.predKey;
  const byKey = keyFiles(
    walked.files.map((file) => file.relative),
    side,
    keyFor,
    (relative) => resolve(dir, relative),
  );
  const skipped: SideSkip[] = walked.skipped.map((entry) => {
    const { relative, reason, duplicateOf } = entry;
    let keys: { key: string; listedAs?: string | undefined }[] = [];
    if (entry.directory && duplicateOf !== undefined) {
      // The files the folder would have listed again, under its own path.
      const prefix = duplicateOf === '' ? '' : `${duplicateOf}/`;
      keys = walked.files
        .filter((file) => file.relative.startsWith(prefix))
        .flatMap((file) => {
          const key = keyFor(`${relative}/${file.relative.slice(prefix.length)}`);
          return key === undefined ? [] : [{ key, listedAs: keyFor(file.relative) }];
        });
    } else {
      const key = keyFor(relative);
      if (key !== undefined)
        keys = [{ key, listedAs: duplicateOf === undefined ? undefined : keyFor(duplicateOf) }];
    }
    return { relative, reason, ...(duplicateOf === undefined ? {} : { duplicateOf }), keys };
  });
  return { byKey, skipped, unwanted: walked.unwanted };
}

/**
 * Refuses a left-out entry that would have been part of a pair (its key is listed on the other side):
 * reading around it would silently change what is evaluated. A duplicate whose key equals the key it
 * is listed under changes nothing and passes.
 */
function checkSkipped(
  dir: string,
  side: 'gt' | 'pred',
  listing: SideListing,
  other: SideListing,
  keep: (id: string) => boolean,
): void {
  for (const entry of listing.skipped) {
    for (const { key, listedAs } of entry.keys) {
      if (key === listedAs || !keep(key) || !other.byKey.has(key)) continue;
      const path = resolve(dir, entry.relative);
      const context = { side, id: key, reason: entry.reason };
      if (entry.reason === 'duplicate') {
        throw ioError(
          ErrorCode.PAIRING_FAILED,
          path,
          `is the same ${side} file as ${resolve(dir, entry.duplicateOf!)} (through a symbolic link), already listed as "${listedAs}"; pairing it again as "${key}" would count it twice: replace the link by a copy, or exclude "${key}"`,
          { ...context, duplicateOf: resolve(dir, entry.duplicateOf!) },
        );
      }
      throw ioError(
        ErrorCode.IO_FAILED,
        path,
        entry.reason === 'dangling-link'
          ? `is a broken symbolic link (its target is missing, or links loop), but "${key}" has a ${side === 'gt' ? 'prediction' : 'ground-truth file'}`
          : `is not a regular file (a FIFO, socket or device), but "${key}" has a ${side === 'gt' ? 'prediction' : 'ground-truth file'}`,
        context,
      );
    }
  }
}

/**
 * Pairs ground-truth and prediction files across two folders (recursively) by key: the relative path
 * with the side's suffix, pattern or extension removed. Deterministic: every list is sorted by id.
 * `include`/`exclude` globs filter ids before pairing. Missing and unmatched files are reported, not
 * thrown.
 *
 * Folders are walked with symbolic links followed and real-path de-duplication: each real folder and
 * file is listed once (the physical path first, then links in sorted order), so `ln -s . gt/loop`
 * cannot count an image twice. Entries left out — broken links, second paths to a listed file or
 * folder, FIFOs/sockets/devices with a label-map name — are returned in `skipped`; one that would have
 * been part of a pair (its key is listed on the other side) is an error instead: `IO_FAILED` for a
 * broken link or a non-regular file, `PAIRING_FAILED` for a second path to one file under another key.
 * Names starting with `.` are ignored.
 *
 * Throws `IO_FAILED` when a folder is missing or unreadable, `PAIRING_FAILED` when two files of one
 * side share a key, `INVALID_OPTION` for bad options.
 *
 * @example Cityscapes
 * await pairDatasets({ gtDir: 'gtFine/val', predDir: 'results', gtSuffix: '_gtFine_labelTrainIds.png',
 *   predSuffix: '_leftImg8bit.png' });
 */
export async function pairDatasets(options: PairDatasetsOptions): Promise<PairedDataset> {
  // picomatch is loaded only for runs that filter ids by globs.
  const glob = hasGlobs(options) ? (await import('picomatch')).default : undefined;
  const rules = pairingRules(options, glob);
  const gtDir = resolve(options.gtDir);
  const predDir = resolve(options.predDir);
  const [gtListing, predListing] = await Promise.all([
    collect(gtDir, 'gt', rules),
    collect(predDir, 'pred', rules),
  ]);
  checkSkipped(gtDir, 'gt', gtListing, predListing, rules.keep);
  checkSkipped(predDir, 'pred', predListing, gtListing, rules.keep);
  const matched = matchKeys(gtListing.byKey, predListing.byKey, rules.keep);
  const gtPrefix = folderPrefix(gtDir);
  const predPrefix = folderPrefix(predDir);
  const pairs: DatasetPair[] = matched.pairs.map((pair) => ({
    id: pair.id,
    gtPath: gtPrefix + nativeSeparators(pair.gt),
    predPath: predPrefix + nativeSeparators(pair.pred),
  }));
  const { missingPredictions, unmatchedPredictions } = matched;
  const skipped: SkippedEntry[] = [];
  for (const [side, dir, listing] of [
    ['gt', gtDir, gtListing],
    ['pred', predDir, predListing],
  ] as const) {
    const entries = listing.skipped.map((entry) => ({
      side,
      path: resolve(dir, entry.relative),
      reason: entry.reason,
      ...(entry.duplicateOf === undefined ? {} : { duplicateOf: resolve(dir, entry.duplicateOf) }),
    }));
    skipped.push(...entries.sort((a, b) => byCodeUnit(a.path, b.path)));
  }
  const unwanted = [...gtListing.unwanted].sort(byCodeUnit);
  return {
    pairs,
    missingPredictions,
    unmatchedPredictions,
    skipped,
    // Not the images beside the label maps (`<id>.jpg` next to `<id>_mask.png` under a suffix).
    unreadGroundTruth: findUnreadLabelFiles(unwanted, {
      pairedIds: [...gtListing.byKey.keys()],
      ...(options.matchBy === undefined ? {} : { matchBy: options.matchBy }),
    }),
  };
}
