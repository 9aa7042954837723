import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

function errnoOf(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** The folders to create for `path`, outermost first (none when it exists). */
function missingFolders(path: string, exists: (folder: string) => boolean): string[] {
  const missing: string[] = [];
  for (let at = resolve(path); !exists(at); ) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  return missing;
}

function existsSync(folder: string): boolean {
  try {
    statSync(folder);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Creates `path` and the folders above it that are missing, one at a time: what `mkdir(path, {
 * recursive: true })` does, without its loop on file systems that refuse new folders with ENOENT
 * (`/proc`, `/sys`: Node's recursive mkdir retries there forever). Throws the first error (`ENOENT`,
 * `ENOTDIR`, `EACCES`, ...); a folder that appears meanwhile is fine, a file in its place is `EEXIST`.
 */
export function makeFolderSync(path: string): void {
  for (const folder of missingFolders(path, existsSync)) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}

/** {@link makeFolderSync}, asynchronously. */
export async function makeFolder(path: string): Promise<void> {
  // The walk up is short and synchronous; the creations are not.
  for (const folder of missingFolders(path, existsSync)) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST' || !(await stat(folder)).isDirectory()) throw error;
    }
  }
}
