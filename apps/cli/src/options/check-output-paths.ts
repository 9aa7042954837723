import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors/usage-error.js';
import type { FilePair } from '../pipeline/types.js';

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
 * anything else (a device such as `/dev/null`, a FIFO) is null — writing there twice harms nothing —
 * unless `kinds` is `'any'` (inputs: folders and devices are their device and inode too).
 */
export async function pathIdentity(path: string, kinds: 'files' | 'any' = 'files'): Promise<string | null> {
  try {
    const info = await stat(path);
    return kinds === 'any' || info.isFile() ? `inode:${info.dev}:${info.ino}` : null;
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
 * Refuses (usage error, exit code 2) a file option given as an empty string (`-o ''`): it names no file,
 * and would otherwise be taken for the option not given, or for the working folder.
 */
export function checkNoEmptyPaths(
  options: readonly (readonly [option: string, path: string | undefined])[],
): void {
  for (const [option, path] of options) {
    if (path !== undefined && path.trim() === '')
      throw usageError(option, 'needs a file name, got an empty one', path);
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
  const ids = await Promise.all(known.map((f) => pathIdentity(f.path)));
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

/** Every file a pair reads: ground truth, prediction(s) and instance ids. */
function pairFilesOf(pair: FilePair): string[] {
  return [
    pair.gtPath,
    pair.predPath,
    ...(pair.otherPredPaths ?? []),
    ...(pair.instancesPath === undefined ? [] : [pair.instancesPath]),
  ];
}

/**
 * Refuses (usage error, exit code 2) an output that is one of the label maps the run reads —
 * `-o gt/a.png`, `--save-state pred/b.png`, or a link to one — before anything is written, so that a
 * report never replaces an input. Only outputs that exist can be inputs: each is compared, by device
 * and inode, with the input files of the same name as the file it really is (a symbolic link to an
 * input resolves to the input's name), found in the pair list without touching the other files.
 * Not caught: a hard link or a link among the inputs under another name.
 */
export async function checkOutputsAreNotInputs(
  outputs: readonly NamedFile[],
  pairs: readonly FilePair[],
): Promise<void> {
  const existing: { file: NamedFile; id: string; name: string }[] = [];
  for (const file of outputs) {
    if (file.role !== 'output' || file.path === '') continue;
    const id = await pathIdentity(file.path);
    if (id === null || !id.startsWith('inode:')) continue;
    existing.push({ file, id, name: basename(await realpath(file.path)) });
  }
  if (existing.length === 0) return;
  const names = new Set(existing.map((e) => e.name));
  for (const pair of pairs) {
    for (const input of pairFilesOf(pair)) {
      if (!names.has(basename(input))) continue;
      const id = await pathIdentity(input);
      const clash = existing.find((e) => e.id === id);
      if (clash !== undefined) {
        throw usageError(
          clash.file.option,
          `${clash.file.path} is the same file as ${input}, a label map this run reads (sample ${pair.id}); choose another file`,
          clash.file.path,
        );
      }
    }
  }
}

/**
 * Refuses (usage error, exit code 2) `--save-state FILE` when FILE already exists and is not the state
 * this run resumes: it may hold another run's counted images (a complete run, another shard), which the
 * new run's first save — or its partial state after a failure — would replace. Continue it with
 * `--resume FILE`, or choose another file (or remove it).
 */
export async function checkNewStateFile(
  saveState: string | undefined,
  resume: string | undefined,
): Promise<void> {
  if (saveState === undefined || saveState === '') return;
  const id = await pathIdentity(saveState);
  if (id === null || !id.startsWith('inode:')) return;
  if (resume !== undefined && (await pathIdentity(resume)) === id) return;
  throw usageError(
    '--save-state',
    `${saveState} already exists and may hold another run's counts; continue that run with --resume ${saveState}, or choose another file (or remove it)`,
    saveState,
  );
}
