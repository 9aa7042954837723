import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import {
  CITYSCAPES_INSTANCE_IDS_SUFFIX,
  CITYSCAPES_LABEL_IDS_SUFFIX,
  pairCityscapes,
} from '@segmetrics/io/node';
import { usageError } from '../errors/usage-error.js';
import { checkDirectory } from '../pipeline/check-directory.js';
import {
  globFilters,
  listSome,
  MAX_LISTED,
  type PairedFiles,
  type PairingFlags,
} from '../pipeline/pair-files.js';
import type { FilePair } from '../pipeline/types.js';
import { unreadFilesClause } from '../pipeline/unread-files.js';
import { type CityscapesFlags, isCityscapesRun, wantsInstances } from './cityscapes-options.js';

/** Whether `eval` pairs the Cityscapes way: the preset, and no suffix, pattern or match-by flag. */
export function usesCityscapesPairing(flags: PairingFlags & CityscapesFlags): boolean {
  return (
    isCityscapesRun(flags) &&
    flags.gtSuffix === undefined &&
    flags.predSuffix === undefined &&
    flags.gtPattern === undefined &&
    flags.predPattern === undefined &&
    flags.matchBy === undefined
  );
}

function pairingFailed(message: string, file: string, items: readonly string[]): SegmetricsError {
  return new SegmetricsError(ErrorCode.PAIRING_FAILED, message, {
    context: { file, missing: items.length, first: items.slice(0, MAX_LISTED) },
  });
}

/**
 * Pairs `--gt` and `--pred` as cityscapesScripts does (`pairCityscapes`: each
 * `<city>_<seq>_<frame>_gtFine_labelIds.png` with the prediction whose name starts with
 * `<city>_<seq>_<frame>`, and its `_gtFine_instanceIds.png` beside it or under `--gt-instances`).
 * Images without a prediction, missing instance-id files and an empty dataset are `PAIRING_FAILED`
 * errors listing the first 20; prediction files that match no image are returned for a warning.
 */
export async function pairCityscapesFiles(flags: PairingFlags & CityscapesFlags): Promise<PairedFiles> {
  await checkDirectory('--gt', flags.gt);
  await checkDirectory('--pred', flags.pred);
  if (flags.gtInstances !== undefined) await checkDirectory('--gt-instances', flags.gtInstances);
  const instances = wantsInstances(flags);
  const result = await pairCityscapes({
    gtDir: flags.gt,
    predDir: flags.pred,
    instances: instances ? (flags.gtInstances ?? 'beside') : null,
    ...((flags.include ?? []).length > 0 ? { include: flags.include } : {}),
    ...((flags.exclude ?? []).length > 0 ? { exclude: flags.exclude } : {}),
  });
  const missing = result.missingPredictions;
  if (missing.length > 0) {
    const prefixes = missing.slice(0, MAX_LISTED).map((id) => id.slice(id.lastIndexOf('/') + 1));
    const unread = await unreadFilesClause(flags.pred, { namePrefixes: prefixes });
    throw pairingFailed(
      `${missing.length} image${missing.length === 1 ? ' has' : 's have'} no prediction in ${flags.pred} (a file whose name starts with <city>_<seq>_<frame>): ${listSome(missing)}${unread}`,
      flags.pred,
      missing,
    );
  }
  if (result.pairs.length === 0) {
    const filters = globFilters(flags);
    const kept =
      filters.length === 0
        ? ''
        : ` that ${filters.join(' and ')} keep${filters.length === 1 ? 's' : ''} (globs match Cityscapes ids, <city>_<seq>_<frame> without a folder: e.g. --include 'aachen_*')`;
    throw pairingFailed(`${flags.gt}: no *${CITYSCAPES_LABEL_IDS_SUFFIX} files found${kept}`, flags.gt, []);
  }
  if (result.missingInstances.length > 0) {
    const n = result.missingInstances.length;
    throw pairingFailed(
      `${n} instance-id file${n === 1 ? ' is' : 's are'} missing (iIoU needs *${CITYSCAPES_INSTANCE_IDS_SUFFIX}; point to them with --gt-instances DIR or skip iIoU with --no-instances): ${listSome(result.missingInstances)}`,
      result.missingInstances[0]!,
      result.missingInstances,
    );
  }
  const pairs: FilePair[] = result.pairs.map((p) => ({
    id: p.id,
    gtPath: p.gtPath,
    predPath: p.predPath,
    ...(p.instancesPath === null ? {} : { instancesPath: p.instancesPath }),
  }));
  // `skipped` (dangling links, duplicates, non-files the walk left out) rides along for the caller.
  return { pairs, unmatchedPredictions: result.unmatchedPredictions, skipped: result.skipped } as PairedFiles;
}

/**
 * For a Cityscapes run paired with suffix or pattern flags: each pair's instance-id file beside its
 * ground truth (`…_gtFine_labelIds.png` → `…_gtFine_instanceIds.png`, or the same name under
 * `--gt-instances`). A ground-truth file with another name, or a missing instance file, is an error.
 */
export async function attachInstances(
  paired: PairedFiles,
  flags: PairingFlags & CityscapesFlags,
): Promise<PairedFiles> {
  if (!wantsInstances(flags)) return paired;
  const missing: string[] = [];
  const pairs = await Promise.all(
    paired.pairs.map(async (pair): Promise<FilePair> => {
      const name = pair.gtPath.endsWith(CITYSCAPES_LABEL_IDS_SUFFIX)
        ? pair.gtPath.slice(0, -CITYSCAPES_LABEL_IDS_SUFFIX.length) + CITYSCAPES_INSTANCE_IDS_SUFFIX
        : null;
      if (name === null) {
        throw usageError(
          '--no-instances',
          `${pair.gtPath}: not a *${CITYSCAPES_LABEL_IDS_SUFFIX} file, so its instance ids cannot be found; pair without --gt-suffix/--gt-pattern or give --no-instances`,
        );
      }
      const path = flags.gtInstances === undefined ? name : join(flags.gtInstances, basename(name));
      if (
        !(await stat(path).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        missing.push(path);
      return { ...pair, instancesPath: path };
    }),
  );
  if (missing.length > 0) {
    throw pairingFailed(
      `${missing.length} instance-id file(s) missing (point to them with --gt-instances DIR or skip iIoU with --no-instances): ${listSome(missing)}`,
      missing[0]!,
      missing,
    );
  }
  return { ...paired, pairs };
}
