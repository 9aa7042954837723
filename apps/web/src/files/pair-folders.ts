import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import {
  describeSkippedGroundTruth,
  describeUnreadLabelFiles,
  type FindUnreadOptions,
  findUnreadLabelFiles,
  type PairingOptions,
  pairPaths,
} from '@segmetrics/io';
import type { FolderFiles } from './folder-files.js';

/** One image: its ground truth and prediction (and the second prediction when comparing). */
export interface WebPair {
  readonly id: string;
  readonly gt: File;
  /** Shown in messages: the chosen folder's name and the relative path (`gt/a/img_001.png`). */
  readonly gtPath: string;
  readonly pred: File;
  readonly predPath: string;
  readonly predB?: File;
  readonly predBPath?: string;
}

/** Prediction files nothing pairs with, per prediction folder (a warning, as the CLI gives). */
export interface UnmatchedPredictions {
  readonly folder: string;
  readonly ids: readonly string[];
}

/** The pairs (sorted by id) and the unpaired prediction files. */
export interface PairedFolders {
  readonly pairs: readonly WebPair[];
  readonly unmatched: readonly UnmatchedPredictions[];
  /**
   * The warning for ground-truth files of an unread format (`.jpg`, …) left out while others were
   * paired (the CLI's), or null.
   */
  readonly skippedGroundTruth: string | null;
}

/** How many missing files a message lists before summarising the rest (as the CLI). */
export const MAX_LISTED = 20;

/** The first {@link MAX_LISTED} items and the count of the rest (the CLI's wording). */
export function listSome(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown}, … and ${items.length - MAX_LISTED} more` : shown;
}

function withFolder(folder: FolderFiles, relative: string): string {
  return `${folder.name}/${relative}`;
}

/** `; found gt/a.jpg: only PNG (.png) and NumPy (.npy) label maps are read …` (as the CLI), or ''. */
function unreadClause(folder: FolderFiles, options: FindUnreadOptions = {}): string {
  const found = findUnreadLabelFiles([...folder.files.keys()], options);
  return found === null ? '' : `; ${describeUnreadLabelFiles(found, (path) => withFolder(folder, path))}`;
}

/**
 * Pairs a ground-truth folder with one or two prediction folders by @segmetrics/io's rules (`pairPaths`,
 * the key logic of the CLI's `pairDatasets`). As the CLI: a ground-truth file without a prediction is
 * `PAIRING_FAILED` listing the first 20 and the count, an empty dataset is `PAIRING_FAILED` too, and
 * prediction files without ground truth are returned for a warning. With two prediction folders every
 * ground-truth file needs a prediction in both.
 */
export function pairFolders(
  gt: FolderFiles,
  predictions: readonly FolderFiles[],
  options: PairingOptions,
): PairedFolders {
  const gtPaths = [...gt.files.keys()];
  const sides = predictions.map((pred) => {
    const paired = pairPaths(gtPaths, [...pred.files.keys()], options);
    const missing = paired.missingPredictions;
    if (missing.length > 0) {
      throw new SegmetricsError(
        ErrorCode.PAIRING_FAILED,
        `${missing.length} ground-truth file${missing.length === 1 ? ' has' : 's have'} no prediction in ${pred.name}: ${listSome(missing)}${unreadClause(pred, { ids: missing.slice(0, MAX_LISTED), ...(options.matchBy === undefined ? {} : { matchBy: options.matchBy }) })}`,
        { context: { file: pred.name, missing: missing.length, first: missing.slice(0, MAX_LISTED) } },
      );
    }
    return { pred, paired };
  });
  const first = sides[0];
  const filtered = (options.include?.length ?? 0) > 0 || (options.exclude?.length ?? 0) > 0;
  if (first === undefined || first.paired.pairs.length === 0) {
    throw new SegmetricsError(
      ErrorCode.PAIRING_FAILED,
      `${gt.name}: no ground-truth label maps found${filtered ? ' that the include/exclude globs keep' : unreadClause(gt)}`,
      { context: { file: gt.name } },
    );
  }
  const second = sides[1];
  const byId = new Map(second?.paired.pairs.map((pair) => [pair.id, pair]) ?? []);
  const pairs: WebPair[] = first.paired.pairs.map((pair) => {
    const b = byId.get(pair.id);
    return {
      id: pair.id,
      gt: gt.files.get(pair.gtPath)!,
      gtPath: withFolder(gt, pair.gtPath),
      pred: first.pred.files.get(pair.predPath)!,
      predPath: withFolder(first.pred, pair.predPath),
      ...(second === undefined || b === undefined
        ? {}
        : { predB: second.pred.files.get(b.predPath)!, predBPath: withFolder(second.pred, b.predPath) }),
    };
  });
  const skipped = first.paired.unreadGroundTruth;
  return {
    pairs,
    skippedGroundTruth:
      skipped === null ? null : describeSkippedGroundTruth(skipped, (path) => withFolder(gt, path)),
    unmatched: sides
      .filter((side) => side.paired.unmatchedPredictions.length > 0)
      .map((side) => ({ folder: side.pred.name, ids: side.paired.unmatchedPredictions })),
  };
}
