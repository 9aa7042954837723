import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Whether two command-line paths name the same input: for existing files and folders their device and
 * inode (so `a.json`, `./a.json`, `dir/../a.json`, a symbolic or hard link to it are the same input);
 * when either is missing, their absolute paths (the read then fails naming the path).
 */
export async function sameInput(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const [infoA, infoB] = await Promise.all([statOrNull(a), statOrNull(b)]);
  if (infoA === null || infoB === null) return resolve(a) === resolve(b);
  return infoA.dev === infoB.dev && infoA.ino === infoB.ino;
}

async function statOrNull(path: string): Promise<{ dev: number; ino: number } | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/**
 * The first pair of paths, one from `a` and one from `b`, that name the same input (see
 * {@link sameInput}), or null.
 */
export async function firstSharedInput(
  a: readonly string[],
  b: readonly string[],
): Promise<readonly [a: string, b: string] | null> {
  for (const pathA of a) {
    for (const pathB of b) if (await sameInput(pathA, pathB)) return [pathA, pathB];
  }
  return null;
}
