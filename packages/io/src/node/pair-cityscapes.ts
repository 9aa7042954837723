import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ErrorCode } from '@segmetrics/core';
import { ioError } from '../internal/errors.js';
import { type DatasetPair, pairDatasets, type SkippedEntry } from './pair-datasets.js';

/** Suffix of Cityscapes ground-truth labelId files. */
export const CITYSCAPES_LABEL_IDS_SUFFIX = '_gtFine_labelIds.png';
/** Suffix of Cityscapes ground-truth instance-id files. */
export const CITYSCAPES_INSTANCE_IDS_SUFFIX = '_gtFine_instanceIds.png';

/**
 * The image key of a Cityscapes file name: its first three `_`-separated fields `<city>_<seq>_<frame>`
 * (the third ends at `_` or `.`), as cityscapesScripts' `getCsFileInfo` parses names.
 */
const PREDICTION_KEY = /^([^_/]+_[^_/]+_[^_./]+)/;

/** One Cityscapes image: labelIds ground truth, its prediction and (unless skipped) its instance ids. */
export interface CityscapesPair extends DatasetPair {
  /** Absolute path of `<key>_gtFine_instanceIds.png`, or `null` when instances are not used. */
  readonly instancesPath: string | null;
}

/** Options of {@link pairCityscapes}. */
export interface PairCityscapesOptions {
  /** Folder searched recursively for `*_gtFine_labelIds.png` (e.g. `gtFine/val`). */
  gtDir: string;
  /** Folder searched recursively for predictions, flat or per city. */
  predDir: string;
  /**
   * Where the `*_gtFine_instanceIds.png` files are: `'beside'` (default: next to each labelIds file),
   * a folder (laid out like `gtDir`, or flat), or `null` to skip instances.
   */
  instances?: 'beside' | string | null;
  /** Glob patterns over ids (`<city>_<seq>_<frame>`): keep only matching images. */
  include?: readonly string[];
  /** Glob patterns over ids: drop matching images. */
  exclude?: readonly string[];
  /** Prediction file extensions considered (default `['.png', '.npy']`). */
  extensions?: readonly string[];
}

/** The result of {@link pairCityscapes}; every list sorted by id. */
export interface PairedCityscapes {
  readonly pairs: CityscapesPair[];
  /** Ids of ground-truth images without a prediction. */
  readonly missingPredictions: string[];
  /** Ids of prediction files that match no ground-truth image. */
  readonly unmatchedPredictions: string[];
  /** Instance-id files that do not exist (empty when instances are skipped). */
  readonly missingInstances: string[];
  /** Folder entries the walk left out (dangling links, duplicates, non-files): see `pairDatasets`. */
  readonly skipped: SkippedEntry[];
}

/**
 * Pairs a Cityscapes ground-truth folder with a prediction folder the way cityscapesScripts'
 * `evalPixelLevelSemanticLabeling.py` does, with no suffix or pattern to give: every
 * `<city>_<seq>_<frame>_gtFine_labelIds.png` (recursively) is paired with the prediction file whose
 * name starts with `<city>_<seq>_<frame>` (recursively; flat or per-city folders; any suffix such as
 * `_leftImg8bit.png`), and with its `<city>_<seq>_<frame>_gtFine_instanceIds.png` beside it (or in the
 * `instances` folder). Ids are `<city>_<seq>_<frame>`. Two prediction (or ground-truth) files for one
 * image are a `PAIRING_FAILED` error naming both; missing predictions, unmatched predictions and missing
 * instance files are reported, not thrown. Walks the folders with {@link pairDatasets}.
 *
 * @example
 * await pairCityscapes({ gtDir: 'gtFine/val', predDir: 'results' });
 */
export async function pairCityscapes(options: PairCityscapesOptions): Promise<PairedCityscapes> {
  const gtDir = resolve(options.gtDir);
  const paired = await pairDatasets({
    gtDir,
    predDir: options.predDir,
    gtSuffix: CITYSCAPES_LABEL_IDS_SUFFIX,
    predPattern: PREDICTION_KEY,
    matchBy: 'basename',
    ...(options.include === undefined ? {} : { include: options.include }),
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    extensions: options.extensions ?? ['.png', '.npy'],
  });
  const instances = options.instances === undefined ? 'beside' : options.instances;
  const instancesDir = instances === null || instances === 'beside' ? null : resolve(instances);
  if (instancesDir !== null) await assertDirectory(instancesDir);
  const missingInstances: string[] = [];
  const pairs = await Promise.all(
    paired.pairs.map(async (pair): Promise<CityscapesPair> => {
      if (instances === null) return withInstances(pair, null);
      const name = `${basename(pair.gtPath).slice(0, -CITYSCAPES_LABEL_IDS_SUFFIX.length)}${CITYSCAPES_INSTANCE_IDS_SUFFIX}`;
      const candidates =
        instancesDir === null
          ? [join(dirname(pair.gtPath), name)]
          : [join(instancesDir, relative(gtDir, dirname(pair.gtPath)), name), join(instancesDir, name)];
      for (const candidate of candidates) {
        if (await isFile(candidate)) return withInstances(pair, candidate);
      }
      missingInstances.push(candidates[0]!);
      return withInstances(pair, candidates[0]!);
    }),
  );
  return {
    pairs,
    missingPredictions: paired.missingPredictions,
    unmatchedPredictions: paired.unmatchedPredictions,
    missingInstances: missingInstances.sort(),
    skipped: paired.skipped,
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function assertDirectory(dir: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw ioError(ErrorCode.IO_FAILED, dir, 'instance-id folder not found', { side: 'instances' }, error);
  }
  if (!isDirectory) {
    throw ioError(ErrorCode.IO_FAILED, dir, 'instance-id path is not a folder', { side: 'instances' });
  }
}

/**
 * A pair with its instance-ids path, property by property: `{ ...pair, instancesPath }` gives each pair
 * a hidden class of its own in Node 20's V8 (kept for the whole run, and slower to read).
 */
function withInstances(pair: DatasetPair, instancesPath: string | null): CityscapesPair {
  return { id: pair.id, gtPath: pair.gtPath, predPath: pair.predPath, instancesPath };
}
