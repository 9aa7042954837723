import { pathIdentity } from '../options/check-output-paths.js';

/**
 * Whether two command-line paths name the same input ({@link pathIdentity} of any kind): existing files
 * and folders by device and inode (so `a.json`, `./a.json`, `dir/../a.json`, a symbolic or hard link to
 * it are the same input), missing ones by their real folder and name (the read then fails naming it).
 */
export async function sameInput(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const [idA, idB] = await Promise.all([pathIdentity(a, 'any'), pathIdentity(b, 'any')]);
  return idA === idB;
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
