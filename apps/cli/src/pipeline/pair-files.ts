import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { pairDatasets, type SkippedEntry, type UnreadLabelFiles } from '@segmetrics/io/node';
import { usageError } from '../errors/usage-error.js';
import { checkDirectory } from './check-directory.js';
import type { FilePair } from './types.js';
import { unreadFilesClause } from './unread-files.js';

/** Pairing flags of `eval` (`--gt-suffix`, `--pred-pattern`, `--include`, ...). */
export interface PairingFlags {
  gt: string;
  pred: string;
  gtSuffix?: string;
  predSuffix?: string;
  gtPattern?: string;
  predPattern?: string;
  include?: string[];
  exclude?: string[];
  matchBy?: string;
}

/** The pairs of a dataset, sorted by id, and the prediction files nothing pairs with. */
export interface PairedFiles {
  readonly pairs: readonly FilePair[];
  readonly unmatchedPredictions: readonly string[];
  /** Folder entries the walk left out (dangling links, duplicates, non-files), for a warning. */
  readonly skipped: readonly SkippedEntry[];
  /** Ground-truth files of an unread image format the walk left out (absent: not looked for). */
  readonly unreadGroundTruth?: UnreadLabelFiles | null;
}

/** How many missing files an error lists before summarising the rest. */
export const MAX_LISTED = 20;

function describe(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    for (const key of ['gtPath', 'path', 'predPath', 'id']) {
      if (typeof record[key] === 'string') return record[key] as string;
    }
  }
  return String(item);
}

/** Lists the first {@link MAX_LISTED} items and the count of the rest. */
export function listSome(items: readonly unknown[]): string {
  const shown = items.slice(0, MAX_LISTED).map(describe).join(', ');
  return items.length > MAX_LISTED ? `${shown}, … and ${items.length - MAX_LISTED} more` : shown;
}

function regex(option: string, source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source);
  } catch (error) {
    throw usageError(option, `invalid regular expression: ${(error as Error).message}`, source);
  }
}

/** The `--include`/`--exclude` globs as the user gave them (`--include "a/*"`), for messages. */
export function globFilters(flags: Pick<PairingFlags, 'include' | 'exclude'>): string[] {
  return [
    ...(flags.include ?? []).map((glob) => `--include ${JSON.stringify(glob)}`),
    ...(flags.exclude ?? []).map((glob) => `--exclude ${JSON.stringify(glob)}`),
  ];
}

/**
 * Returns `text` flattened: paths built by `path.resolve` are ropes of many small pieces (~3× the
 * memory of the characters); reading a character makes V8 flatten the rope in place, so the pair list
 * the run keeps for its whole length costs ~250 bytes per pair instead of ~1 KB.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * Pairs the ground-truth and prediction folders with `@segmetrics/io`. A ground-truth file without a
 * prediction is an error (`PAIRING_FAILED`) listing the first 20 and the count; an empty dataset is
 * an error too; prediction files without ground truth are returned for a warning.
 */
export async function pairFiles(flags: PairingFlags): Promise<PairedFiles> {
  await checkDirectory('--gt', flags.gt);
  await checkDirectory('--pred', flags.pred);
  const gtPattern = regex('--gt-pattern', flags.gtPattern);
  const predPattern = regex('--pred-pattern', flags.predPattern);
  const result = await pairDatasets({
    gtDir: flags.gt,
    predDir: flags.pred,
    ...(flags.gtSuffix === undefined ? {} : { gtSuffix: flags.gtSuffix }),
    ...(flags.predSuffix === undefined ? {} : { predSuffix: flags.predSuffix }),
    ...(gtPattern === undefined ? {} : { gtPattern }),
    ...(predPattern === undefined ? {} : { predPattern }),
    ...((flags.include ?? []).length > 0 ? { include: flags.include } : {}),
    ...((flags.exclude ?? []).length > 0 ? { exclude: flags.exclude } : {}),
    ...(flags.matchBy === undefined ? {} : { matchBy: flags.matchBy as 'path' | 'basename' }),
  });
  const missing = result.missingPredictions as readonly unknown[];
  if (missing.length > 0) {
    const unread = await unreadFilesClause(flags.pred, {
      ids: missing.slice(0, MAX_LISTED).map(describe),
      ...(flags.matchBy === 'basename' ? { matchBy: 'basename' as const } : {}),
    });
    throw new SegmetricsError(
      ErrorCode.PAIRING_FAILED,
      `${missing.length} ground-truth file${missing.length === 1 ? ' has' : 's have'} no prediction in ${flags.pred}: ${listSome(missing)}${unread}`,
      {
        context: {
          file: flags.pred,
          missing: missing.length,
          first: missing.slice(0, MAX_LISTED).map(describe),
        },
      },
    );
  }
  if (result.pairs.length === 0) {
    const filters = globFilters(flags);
    const unread = filters.length === 0 ? await unreadFilesClause(flags.gt) : '';
    throw new SegmetricsError(
      ErrorCode.PAIRING_FAILED,
      `${flags.gt}: no ground-truth label maps found${filters.length === 0 ? '' : ` that ${filters.join(' and ')} keep${filters.length === 1 ? 's' : ''} (globs match ids: relative paths without the suffix)`}${unread}`,
      { context: { file: flags.gt } },
    );
  }
  const pairs = result.pairs
    .map((p) => ({ id: flat(p.id), gtPath: flat(p.gtPath), predPath: flat(p.predPath) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    pairs,
    unmatchedPredictions: (result.unmatchedPredictions as readonly unknown[]).map(describe),
    skipped: result.skipped,
    unreadGroundTruth: result.unreadGroundTruth,
  };
}
