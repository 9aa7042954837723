import type { Dirent, Stats } from 'node:fs';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ErrorCode } from '@segmetrics/core';
import { ioError } from '../internal/errors.js';
import { hasUnreadImageExtension } from '../unread-label-files.js';

/** Why a folder entry was not listed as a file. */
export type SkipReason = 'dangling-link' | 'duplicate' | 'not-a-file';

/** A file found by {@link walkFiles}. */
export interface WalkedFile {
  /** Path relative to the root, `/`-separated. */
  readonly relative: string;
  /** The file's real path (symbolic links resolved). */
  readonly real: string;
}

/** An entry {@link walkFiles} did not list, and why. */
export interface WalkSkip {
  /** Path relative to the root, `/`-separated. */
  readonly relative: string;
  readonly reason: SkipReason;
  /** For `'duplicate'`: the relative path (`''` = the root) under which the same file or folder is listed. */
  readonly duplicateOf?: string;
  /** For `'duplicate'`: true when the entry is a folder (its files are listed once, under `duplicateOf`). */
  readonly directory?: boolean;
}

/** The result of {@link walkFiles}: files in walk order, skipped entries in the order met. */
export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: WalkSkip[];
  /**
   * Regular files (not followed links, not hidden) that `wanted` refused and whose extension is an
   * image format no reader takes (`hasUnreadImageExtension`), relative paths in walk order: the first
   * {@link MAX_UNWANTED} only (for a warning about files of another format).
   */
  readonly unwanted: string[];
}

/** How many refused file names a walk keeps ({@link WalkResult.unwanted}). */
export const MAX_UNWANTED = 10_000;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `dev:ino` identity of a folder (catches symbolic-link loops and bind mounts alike). */
const folderId = (stats: Stats) => `${stats.dev}:${stats.ino}`;

/** A file name's bytes as text: ASCII as it is, every other byte as `\xNN`. */
function escapedName(raw: Uint8Array): string {
  return Array.from(raw, (b) =>
    b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`,
  ).join('');
}

/**
 * The names in `folder` that are not valid UTF-8, by the lossy text Node gives for them (with U+FFFD
 * where a byte could not be decoded), with their bytes escaped: such a file cannot be opened by that text.
 */
function invalidUtf8Names(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of readdirSync(folder, { encoding: 'buffer' })) {
    const text = raw.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(raw)) out.set(text, escapedName(raw));
  }
  return out;
}

function walkError(error: unknown, path: string, what: string) {
  const code = (error as { code?: string }).code ?? null;
  return ioError(ErrorCode.IO_FAILED, path, `cannot ${what}`, { errno: code }, error);
}

/**
 * Lists the regular files under `root` recursively, each real file and folder once, in a
 * deterministic order whatever the order the file system returns:
 * 1. the physical tree first (folders and files reached without a symbolic link), depth first, names
 *    sorted in code-unit order;
 * 2. then symbolic links, in the order they were met (sorted), each followed once: a link to a folder
 *    walks it like step 1 (its own links join the queue), a link to a file lists it.
 *
 * A folder already walked (by `dev:ino`: `ln -s . loop`, a second link to one folder, a bind mount)
 * or a file already listed (by real path) is skipped as `'duplicate'` naming the path that was
 * listed. Links whose target does not exist (or loops of links) are `'dangling-link'`; FIFOs, sockets
 * and devices (or links to them) whose name `wanted` accepts are `'not-a-file'`. Names starting with
 * `.` are ignored. An unreadable folder is an `IO_FAILED` error (its files cannot silently go missing).
 * `wanted(name)` says which file names matter; only those are listed or reported.
 *
 * The walk uses synchronous file-system calls (about twice as fast as awaiting each folder, a few
 * microseconds per file): it blocks the event loop while it lists.
 */
export async function walkFiles(root: string, wanted: (name: string) => boolean): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const skipped: WalkSkip[] = [];
  const unwanted: string[] = [];
  const folders = new Map<string, string>(); // dev:ino → relative path
  // Real path → relative path, built when the links are followed: until then every file comes from a
  // real folder walked once (folders are de-duplicated), so no two share a real path, and a large
  // folder without links needs no map of its files.
  let seenFiles: Map<string, string> | undefined;
  const links: string[] = [];

  const addFile = (relative: string, real: string) => {
    if (seenFiles === undefined) {
      files.push({ relative, real });
      return;
    }
    const first = seenFiles.get(real);
    if (first !== undefined) skipped.push({ relative, reason: 'duplicate', duplicateOf: first });
    else {
      seenFiles.set(real, relative);
      files.push({ relative, real });
    }
  };

  /** Walks one folder reached as `relative` (physically below it), queueing the links it holds. */
  const walkFolder = async (relative: string, real: string, stats: Stats): Promise<void> => {
    const base = real.endsWith(sep) ? real : real + sep;
    const id = folderId(stats);
    const first = folders.get(id);
    if (first !== undefined) {
      skipped.push({ relative, reason: 'duplicate', duplicateOf: first, directory: true });
      return;
    }
    folders.set(id, relative);
    const path = join(root, relative);
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      throw walkError(error, path, 'read folder');
    }
    entries.sort((a, b) => byCodeUnit(a.name, b.name));
    // Names that are not UTF-8 (Latin-1 names from an old archive, say) reach us as text that names no
    // file: a label file or folder among them is an error naming its bytes, not a file "not found" later.
    const invalid = entries.some((e) => e.name.includes('\uFFFD')) ? invalidUtf8Names(path) : null;
    const found: string[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      const child = relative === '' ? name : `${relative}/${name}`;
      let kind: 'dir' | 'file' | 'link' | 'other';
      if (entry.isDirectory()) kind = 'dir';
      else if (entry.isFile()) kind = 'file';
      else if (entry.isSymbolicLink()) kind = 'link';
      else if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice())
        kind = 'other';
      else {
        // DT_UNKNOWN on some file systems: ask lstat.
        let info: Stats;
        try {
          info = lstatSync(join(path, name));
        } catch (error) {
          throw walkError(error, join(path, name), 'inspect');
        }
        kind = info.isDirectory() ? 'dir' : info.isFile() ? 'file' : info.isSymbolicLink() ? 'link' : 'other';
      }
      const escaped = invalid?.get(name);
      // A link is refused too: its target cannot be reached by that name (it would read as dangling).
      if (escaped !== undefined && (kind === 'dir' || kind === 'link' || wanted(name))) {
        const what = kind === 'dir' ? 'folder' : kind === 'link' ? 'link' : 'file';
        throw ioError(
          ErrorCode.IO_FAILED,
          join(path, escaped),
          `the ${what} name is not valid UTF-8 (its bytes are shown as \\xNN)`,
          {
            errno: null,
            hint: 'rename it (e.g. with convmv): segmetrics reads file and folder names as UTF-8',
          },
        );
      }
      if (kind === 'dir') {
        const childPath = join(path, name);
        let info: Stats;
        try {
          info = statSync(childPath);
        } catch (error) {
          throw walkError(error, childPath, 'inspect');
        }
        await walkFolder(child, base + name, info);
      } else if (kind === 'file') {
        if (wanted(name)) addFile(child, base + name);
        else if (unwanted.length < MAX_UNWANTED && hasUnreadImageExtension(name)) unwanted.push(child);
      } else if (kind === 'link') {
        found.push(child);
      } else if (wanted(name)) {
        skipped.push({ relative: child, reason: 'not-a-file' });
      }
    }
    links.push(...found);
  };

  let rootReal: string;
  let rootStats: Stats;
  try {
    rootReal = realpathSync(root);
    rootStats = statSync(rootReal);
  } catch (error) {
    throw walkError(error, root, 'read folder');
  }
  await walkFolder('', rootReal, rootStats);
  if (links.length > 0) seenFiles = new Map(files.map((file) => [file.real, file.relative]));
  for (let next = 0; next < links.length; next++) {
    const relative = links[next]!;
    const path = join(root, relative);
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    let info: Stats;
    let real: string;
    try {
      info = statSync(path);
      real = realpathSync(path);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') {
        skipped.push({ relative, reason: 'dangling-link' });
        continue;
      }
      throw walkError(error, path, 'follow symbolic link');
    }
    if (info.isDirectory()) await walkFolder(relative, real, info);
    else if (!wanted(name)) continue;
    else if (info.isFile()) addFile(relative, real);
    else skipped.push({ relative, reason: 'not-a-file' });
  }
  return { files, skipped, unwanted };
}
