import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { SkippedEntry, UnreadLabelFiles } from '@segmetrics/io/node';
import {
  attachInstances,
  type CityscapesFlags,
  pairCityscapesFiles,
  usesCityscapesPairing,
} from '../cityscapes/index.js';
import { usageError } from '../errors/usage-error.js';
import { listSome, type PairingFlags, pairFiles } from '../pipeline/pair-files.js';
import type { FilePair } from '../pipeline/types.js';
import { sameInput } from './same-input.js';

/** The pairs of a comparison: each ground truth with A's prediction and B's (`otherPredPaths[0]`). */
export interface ComparedPairs {
  readonly pairs: readonly FilePair[];
  /** Prediction files of A and of B that no ground truth pairs with. */
  readonly unmatched: readonly [readonly string[], readonly string[]];
  /** Folder entries either walk left out (dangling links, duplicates, non-files), each once. */
  readonly skipped: readonly SkippedEntry[];
  /** Ground-truth files of an unread image format that pairing left out (see `PairedFiles`). */
  readonly unreadGroundTruth: UnreadLabelFiles | null;
}

/**
 * Pairs the ground truth with both prediction folders by the same rules as `eval` (each ground-truth
 * file must have a prediction in both; the error names the folder), and joins the two pair lists: one
 * pair per ground-truth image carrying both predictions, so the ground truth is read once. The same
 * folder given for both models (however spelled: `pred`, `./pred`, a link to it) is a usage error.
 */
export async function pairPredictions(
  flags: Omit<PairingFlags, 'pred'> & CityscapesFlags,
  predictions: readonly [string, string],
): Promise<ComparedPairs> {
  if (await sameInput(predictions[0], predictions[1])) {
    const named =
      predictions[0] === predictions[1]
        ? `${predictions[0]} is given twice`
        : `${predictions[0]} (A) and ${predictions[1]} (B) are the same folder`;
    throw usageError('--pred', `${named}: compare two different prediction folders`, predictions[1]);
  }
  const sides = [];
  for (const pred of predictions) {
    const side = { ...flags, pred };
    sides.push(
      usesCityscapesPairing(side)
        ? await pairCityscapesFiles(side)
        : await attachInstances(await pairFiles(side), side),
    );
  }
  const [a, b] = sides as [(typeof sides)[number], (typeof sides)[number]];
  const byId = new Map(b.pairs.map((p) => [p.id, p]));
  const onlyA = a.pairs.filter((p) => !byId.has(p.id)).map((p) => p.id);
  const ids = new Set(a.pairs.map((p) => p.id));
  const onlyB = b.pairs.filter((p) => !ids.has(p.id)).map((p) => p.id);
  if (onlyA.length > 0 || onlyB.length > 0) {
    throw new SegmetricsError(
      ErrorCode.PAIRING_FAILED,
      `the prediction folders pair differently with ${flags.gt}: ${onlyA.length > 0 ? `only ${predictions[0]} has ${listSome(onlyA)}` : ''}${onlyA.length > 0 && onlyB.length > 0 ? '; ' : ''}${onlyB.length > 0 ? `only ${predictions[1]} has ${listSome(onlyB)}` : ''}`,
      { context: { file: flags.gt, onlyInA: onlyA.slice(0, 20), onlyInB: onlyB.slice(0, 20) } },
    );
  }
  const pairs = a.pairs.map((p) => ({ ...p, otherPredPaths: [byId.get(p.id)!.predPath] }));
  const seen = new Set<string>();
  const skipped = [...a.skipped, ...b.skipped].filter(
    (entry) => !seen.has(entry.path) && seen.add(entry.path),
  );
  return {
    pairs,
    unmatched: [a.unmatchedPredictions, b.unmatchedPredictions],
    skipped,
    unreadGroundTruth: a.unreadGroundTruth ?? null,
  };
}
