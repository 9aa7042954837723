import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors/usage-error.js';

/** A file named on the command line: one the run writes (`output`) or one it reads (`input`). */
export interface NamedFile {
  /** The option that names it, as the user typed it (`-o`, `--save-state`, `state file`). */
  readonly option: string;
  readonly path: string;
  readonly role: 'output' | 'input';
  /** Files of one group may be the same file (`--resume X --save-state X`). */
  readonly group?: string;
}

/**
 * What a path refers to: an existing regular file is its device and inode (so `./a`, `a`, a symbolic
 * link or a hard link to it are the same file); a missing file is its real folder plus its name;
 * anything else (a device such as `/dev/null`, a FIFO) is null — writing there twice harms nothing.
 */
async function identity(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? `inode:${info.dev}:${info.ino}` : null;
  } catch {
    return `path:${await realMissingPath(resolve(path))}`;
  }
}

async function realMissingPath(path: string): Promise<string> {
  const parent = dirname(path);
  if (parent === path) return path;
  try {
    return join(await realpath(parent), basename(path));
  } catch {
    return join(await realMissingPath(parent), basename(path));
  }
}

/**
 * Refuses (usage error, exit code 2) a command line where an output names the same file as another
 * output or as an input — `--save-state X -o X`, `--per-image X -o X`, `merge a.json -o a.json`,
 * `-o labels.json --label-map labels.json` — comparing real files, not strings. Nothing is written
 * before this check, so accumulated results are never overwritten by a report.
 */
export async function checkOutputPaths(files: readonly NamedFile[]): Promise<void> {
  const known = files.filter((f) => f.path !== '');
  const ids = await Promise.all(known.map((f) => identity(f.path)));
  for (let i = 0; i < known.length; i++) {
    for (let j = i + 1; j < known.length; j++) {
      const a = known[i]!;
      const b = known[j]!;
      if (ids[i] === null || ids[i] !== ids[j] || (a.role === 'input' && b.role === 'input')) continue;
      if (a.group !== undefined && a.group === b.group) continue;
      const [output, other] = a.role === 'output' ? [a, b] : [b, a];
      const what = other.role === 'input' ? 'which this run reads' : 'which this run also writes';
      throw usageError(
        output.option,
        `${output.path} is the same file as ${other.option} ${other.path}, ${what}; choose another file`,
        output.path,
      );
    }
  }
}
