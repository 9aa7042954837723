import type { SkippedEntry } from '@segmetrics/io/node';
import { listSome } from './pair-files.js';

const REASONS: Readonly<Record<SkippedEntry['reason'], string>> = {
  'dangling-link': 'symbolic link to nothing, or a loop of links',
  duplicate: 'already listed',
  'not-a-file': 'not a regular file',
};

function describeEntry(entry: SkippedEntry): string {
  const why = REASONS[entry.reason];
  return entry.duplicateOf === undefined
    ? `${entry.path} (${why})`
    : `${entry.path} (${why} as ${entry.duplicateOf})`;
}

/**
 * The warning for the folder entries the dataset walk left out (dangling links, files or folders met a
 * second time through a link, FIFOs and devices with an image's name), or `null` when there are none.
 * They are never counted; the warning says so, so that nothing goes missing silently.
 */
export function skippedWarning(skipped: readonly SkippedEntry[]): string | null {
  if (skipped.length === 0) return null;
  const n = skipped.length;
  return `${n} folder entr${n === 1 ? 'y was' : 'ies were'} skipped and not evaluated: ${listSome(skipped.map(describeEntry))}`;
}
