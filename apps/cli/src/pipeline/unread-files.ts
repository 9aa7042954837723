import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FindUnreadOptions } from '@segmetrics/io/node';
import { describeUnreadLabelFiles, findUnreadLabelFiles } from '@segmetrics/io/node';

/** How many entries of a folder are looked at for files of another format (an error message's cost). */
const LOOKED_AT = 10_000;

/**
 * The clause a pairing error appends when `dir` holds label maps saved in a format that is not read
 * (`@segmetrics/io`'s `findUnreadLabelFiles` over the folder's first 10,000 entries, recursively):
 * `found pred/a.jpg and 19 more: only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy…)`.
 * Empty when there are none or the folder cannot be listed (best effort, for a message). Loads
 * `@segmetrics/io`'s browser entry only then: runs without a pairing error never do.
 */
export async function unreadFilesClause(dir: string, options: FindUnreadOptions = {}): Promise<string> {
  let names: string[];
  try {
    names = (readdirSync(dir, { recursive: true }) as string[]).slice(0, LOOKED_AT);
  } catch {
    return '';
  }
  const paths = sep === '/' ? names : names.map((name) => name.split(sep).join('/'));
  const found = findUnreadLabelFiles(paths, options);
  return found === null ? '' : `; ${describeUnreadLabelFiles(found, (path) => join(dir, path))}`;
}
