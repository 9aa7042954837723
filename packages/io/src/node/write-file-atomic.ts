import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { type FileHandle, link, lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ErrorCode, type LabelArray, type LabelMap, SegmetricsError } from '@segmetrics/core';
import type { ColorizeOptions } from '../encode-colorized-png.js';
import type { ErrorMapOptions } from '../encode-error-map-png.js';
import type { EncodeLabelPngOptions } from '../encode-label-png.js';
import { ioError, wrapError } from '../internal/errors.js';
import type { RgbColor } from '../types.js';
import { makeFolder, makeFolderSync } from './make-folder.js';

/** One file of {@link writeFilesAtomic}. */
export interface FileToWrite {
  readonly path: string;
  readonly bytes: Uint8Array | string;
}

/** Options of {@link writeFilesAtomic}. */
export interface WriteFilesOptions {
  /**
   * Called once every regular file is written to its temporary file (and synced), before anything is
   * written through to a device or renamed over a target: a failure here (e.g. writing the same report to
   * stdout) leaves every target untouched.
   */
  readonly beforeCommit?: () => Promise<void> | void;
}

/** Marker in temporary file names: `.<name>.segmetrics-tmp-<pid>-<random>`. */
const TEMP_MARKER = '.segmetrics-tmp-';
const TEMP_PATTERN = /^\.(.+)\.segmetrics-tmp-(\d+)-[0-9a-f]+$/;
const MAX_LINK_HOPS = 40;

/**
 * How a target is written: `atomic` (a regular file, or a new one) through a temporary file in the same
 * folder renamed over `path`; `through` (a character device, FIFO, socket, or a link into `/proc` or
 * `/dev/fd` such as `/dev/stdout`) by opening the target itself, as `tee` and `sort -o` do.
 */
type Target =
  | { readonly kind: 'atomic'; readonly given: string; readonly path: string; readonly mode: number | null }
  | { readonly kind: 'through'; readonly given: string; readonly path: string }
  /** A descriptor of this process (`/dev/stdout`, `/proc/self/fd/3`): written as it is, at its offset. */
  | { readonly kind: 'descriptor'; readonly given: string; readonly path: string; readonly fd: number };

function ioFailure(path: string, error: unknown): Error {
  return wrapError(error, ErrorCode.IO_FAILED, path, 'cannot write file', {
    errno: (error as { code?: string }).code ?? null,
  });
}

function errnoOf(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** Paths whose files are handles of this process (`/dev/stdout` → `/proc/self/fd/1`), never replaced. */
function isProcessHandle(path: string): boolean {
  return (
    path.startsWith('/proc/') ||
    path.startsWith('/dev/fd/') ||
    path === '/dev/stdout' ||
    path === '/dev/stderr' ||
    path === '/dev/stdin'
  );
}

/** The descriptor number of a path naming one of this process's own descriptors, or null. */
function ownDescriptor(path: string): number | null {
  const named: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };
  if (Object.hasOwn(named, path)) return named[path]!;
  const match = /^\/(?:dev\/fd|proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(path);
  if (match === null || (match[1] !== undefined && Number(match[1]) !== process.pid)) return null;
  return Number(match[2]);
}

/**
 * Follows symbolic links (at most 40) from `path` and classifies the file they end at. Synchronous (a
 * few `lstat`s): shared by the asynchronous and the synchronous writers.
 */
function resolveTarget(given: string): Target {
  let path = resolve(given);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const fd = ownDescriptor(path);
    if (fd !== null) return { kind: 'descriptor', given, path, fd };
    if (isProcessHandle(path)) return { kind: 'through', given, path };
    let info: ReturnType<typeof lstatSync>;
    try {
      info = lstatSync(path);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { kind: 'atomic', given, path, mode: null };
      throw ioFailure(given, error);
    }
    if (info.isSymbolicLink()) {
      let link: string;
      try {
        link = readlinkSync(path);
      } catch (error) {
        throw ioFailure(given, error);
      }
      let folder = dirname(path);
      try {
        folder = realpathSync(folder);
      } catch {
        // Keep the folder as written.
      }
      path = isAbsolute(link) ? link : resolve(folder, link);
      continue;
    }
    if (info.isFile()) return { kind: 'atomic', given, path, mode: info.mode & 0o7777 };
    if (info.isDirectory()) {
      throw ioError(ErrorCode.IO_FAILED, given, 'cannot write file: it is a directory', { errno: 'EISDIR' });
    }
    return { kind: 'through', given, path };
  }
  throw ioError(ErrorCode.IO_FAILED, given, 'cannot write file: too many levels of symbolic links', {
    errno: 'ELOOP',
  });
}

/** Temporary files named by this process so far (with the pid, unique within a machine). */
let tempCount = 0;

/**
 * A temporary name beside `target`: the pid (stale files of dead processes are recognised by it), a
 * per-process counter and a random tag. It only needs to be unlikely to exist: the file is created
 * with O_EXCL, so a clash is an error, never an overwrite (and node:crypto, slow to load, is not needed).
 */
function tempPathFor(target: string): string {
  tempCount += 1;
  const tag = Math.floor(Math.random() * 2 ** 48)
    .toString(16)
    .padStart(12, '0');
  return join(
    dirname(target),
    `.${basename(target)}${TEMP_MARKER}${process.pid}-${tempCount.toString(16)}${tag}`,
  );
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) !== 'ESRCH';
  }
}

/**
 * Removes the temporary files that an interrupted (e.g. SIGKILLed) {@link writeFileAtomic} of `path` left
 * beside it: `.<name>.segmetrics-tmp-<pid>-<random>` whose process no longer runs on this machine. Files of
 * live processes, and every other file, are left alone. Returns the paths removed; never throws.
 */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const target = resolve(path);
  const folder = dirname(target);
  const name = basename(target);
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = TEMP_PATTERN.exec(entry);
    if (match === null || match[1] !== name) continue;
    const pid = Number(match[2]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || processIsAlive(pid)) continue;
    const stale = join(folder, entry);
    try {
      if (!(await lstat(stale)).isFile()) continue;
      await unlink(stale);
      removed.push(stale);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array | string): Promise<void> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

/** Writes `bytes` to a fresh temporary file beside the target, synced to disk; returns its path. */
async function stage(target: Target & { kind: 'atomic' }, bytes: Uint8Array | string): Promise<string> {
  // Missing folders are created for a path given directly, not for the target of a dangling link.
  if (target.mode === null && target.path === resolve(target.given)) {
    await makeFolder(dirname(target.path));
  }
  await removeStaleTempFiles(target.path);
  const temporary = tempPathFor(target.path);
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  try {
    await writeAll(handle, bytes);
    if (target.mode !== null) await handle.chmod(target.mode).catch(() => undefined);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temporary;
}

/** Writes through to a device, FIFO or process handle (opened, truncated where that means anything). */
async function writeThrough(path: string, bytes: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await writeAll(handle, bytes);
  } finally {
    await handle.close();
  }
}

/**
 * Writes to a descriptor this process already holds (stdout may be a non-blocking pipe or socket, which
 * `open('/dev/stdout')` cannot reopen): at its current offset, waiting while a full pipe drains.
 */
async function writeDescriptor(fd: number, bytes: Uint8Array | string): Promise<void> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if (errnoOf(error) !== 'EAGAIN') throw error;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** Makes a rename durable: syncs the folder (best effort; not possible on every platform). */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open folders; some file systems refuse fsync on them.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes several files as one transaction, as far as the file system allows:
 *
 * - A regular file (or a new one; missing parent folders are created) is written to a temporary file
 *   `.<name>.segmetrics-tmp-<pid>-<random>` in its folder, synced (fsync), and renamed over the target
 *   only once every file is staged, so a reader sees the old file or the complete new one, never a part.
 *   A symbolic link to a regular file replaces the file it points to (the link stays); an existing file
 *   keeps its permission bits. Stale temporary files of dead processes are removed first
 *   ({@link removeStaleTempFiles}).
 * - Anything else — a character device (`/dev/null`, `/dev/full`, a terminal), a FIFO, a socket, or a link
 *   into `/proc` or `/dev/fd` — is written through (opened and written, as `tee` and `sort -o` do), never
 *   replaced. A path naming one of this process's own descriptors (`/dev/stdout`, `/dev/fd/3`,
 *   `/proc/self/fd/1`, or a link to one) is written to that descriptor, at its offset.
 *
 * Order: stage every regular file, call `options.beforeCommit`, write through to the devices, rename. A
 * failure before the renames removes every temporary file and leaves every regular target as it was.
 * Errors are `IO_FAILED` naming the file (`context.errno`: `ENOSPC`, `EACCES`, `EISDIR`, ...).
 */
export async function writeFilesAtomic(
  files: readonly FileToWrite[],
  options: WriteFilesOptions = {},
): Promise<void> {
  const targets: Target[] = [];
  for (const file of files) targets.push(resolveTarget(file.path));
  const staged: { target: Target & { kind: 'atomic' }; temporary: string }[] = [];
  const discard = async () => {
    for (const { temporary } of staged) await unlink(temporary).catch(() => undefined);
  };
  try {
    // Staged side by side, so that their syncs overlap; the first failure in file order is thrown once
    // every file is settled, and what was staged is removed.
    const atomic = targets.flatMap((target, i) => (target.kind === 'atomic' ? [{ target, i }] : []));
    const settled = await Promise.allSettled(atomic.map(({ target, i }) => stage(target, files[i]!.bytes)));
    settled.forEach((result, j) => {
      if (result.status === 'fulfilled') staged.push({ target: atomic[j]!.target, temporary: result.value });
    });
    const failed = settled.findIndex((result) => result.status === 'rejected');
    if (failed >= 0) {
      throw ioFailure(atomic[failed]!.target.given, (settled[failed] as PromiseRejectedResult).reason);
    }
    await options.beforeCommit?.();
    for (const [i, target] of targets.entries()) {
      if (target.kind === 'atomic') continue;
      try {
        if (target.kind === 'descriptor') await writeDescriptor(target.fd, files[i]!.bytes);
        else await writeThrough(target.path, files[i]!.bytes);
      } catch (error) {
        throw ioFailure(target.given, error);
      }
    }
  } catch (error) {
    await discard();
    throw error;
  }
  // Each existing target is kept under a second name (a hard link) until every rename has succeeded, so a
  // rename that fails (EPERM in a sticky folder, EIO, ...) puts back the files already replaced.
  const kept = await Promise.all(staged.map(({ target }) => keepOldFile(target.path)));
  for (const [done, { target, temporary }] of staged.entries()) {
    try {
      await rename(temporary, target.path);
    } catch (error) {
      for (const rest of staged.slice(done)) await unlink(rest.temporary).catch(() => undefined);
      await restore(staged.slice(0, done).map(({ target }, i) => ({ path: target.path, old: kept[i]! })));
      for (const old of kept.slice(done))
        if (old.backup !== null) await unlink(old.backup).catch(() => undefined);
      throw ioFailure(target.given, error);
    }
  }
  for (const old of kept) if (old.backup !== null) await unlink(old.backup).catch(() => undefined);
  for (const folder of new Set(staged.map(({ target }) => dirname(target.path)))) await syncFolder(folder);
}

/** What a target held before the transaction: nothing, or its old file under `backup` (null: not kept). */
interface OldFile {
  readonly existed: boolean;
  readonly backup: string | null;
}

/**
 * Keeps the file at `path` under a temporary name (a hard link, named as the writers' temporary files so
 * that a killed run's is removed as stale), to put back if the transaction fails. `backup` is null when
 * there is nothing to keep, or when the file system refuses the link (the file is then replaced without
 * a way back, as before).
 */
async function keepOldFile(path: string): Promise<OldFile> {
  try {
    if (!(await lstat(path)).isFile()) return { existed: true, backup: null };
  } catch {
    return { existed: false, backup: null };
  }
  // Another user's file in a sticky folder: its rename fails anyway, and a link to it could not be removed.
  if (stickyProblem(path, dirname(path)) !== null) return { existed: true, backup: null };
  const backup = tempPathFor(path);
  try {
    await link(path, backup);
    return { existed: true, backup };
  } catch {
    return { existed: true, backup: null };
  }
}

/** Undoes the renames already made: each old file put back, or a new file removed. Best effort. */
async function restore(replaced: readonly { path: string; old: OldFile }[]): Promise<void> {
  for (const { path, old } of replaced) {
    if (old.backup !== null) await rename(old.backup, path).catch(() => undefined);
    else if (!old.existed) await unlink(path).catch(() => undefined);
  }
}

/**
 * Writes `bytes` to `path` safely: a regular (or new) file atomically — temporary file in the same
 * folder, fsync, rename — so readers never see a partial file; a device, FIFO or link to one (e.g.
 * `/dev/stdout`, `/dev/null`) written through, never replaced. See {@link writeFilesAtomic}; `IO_FAILED`
 * naming the file on error (no temporary file is left behind).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await writeFilesAtomic([{ path, bytes }]);
}

/** Writes all of `data` to `fd` synchronously; `EAGAIN` (a non-blocking pipe that is full) waits 2 ms. */
function writeAllSync(fd: number, bytes: Uint8Array | string): void {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  let offset = 0;
  while (offset < data.length) {
    let written: number;
    try {
      written = writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if (errnoOf(error) !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      continue;
    }
    if (written <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
    offset += written;
  }
}

/** {@link syncFolder}, synchronously (best effort). */
function syncFolderSync(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open folders; some file systems refuse fsync on them.
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing left to do.
      }
    }
  }
}

/**
 * {@link writeFileAtomic} without yielding to the event loop: the same steps — a regular (or new) file
 * through a temporary file in its folder, written, synced (fsync), renamed over the target, the folder
 * synced; a device, FIFO or process handle written through — done with synchronous calls, so the file is
 * on disk when the call returns. For a caller whose thread stays busy between awaits (a checkpoint
 * written between two chunks of CPU work), where the asynchronous writer would only advance once per
 * chunk. Stale temporary files are not looked for (call {@link removeStaleTempFiles} once beforehand).
 * `IO_FAILED` naming the file on error; no temporary file is left behind.
 */
export function writeFileAtomicSync(path: string, bytes: Uint8Array | string): void {
  const target = resolveTarget(path);
  try {
    if (target.kind === 'descriptor') {
      writeAllSync(target.fd, bytes);
      return;
    }
    if (target.kind === 'through') {
      const fd = openSync(target.path, 'w');
      try {
        writeAllSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      return;
    }
  } catch (error) {
    throw ioFailure(path, error);
  }
  let temporary: string | undefined;
  try {
    if (target.mode === null && target.path === resolve(target.given)) {
      makeFolderSync(dirname(target.path));
    }
    const name = tempPathFor(target.path);
    const fd = openSync(name, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    temporary = name;
    try {
      writeAllSync(fd, bytes);
      if (target.mode !== null) {
        try {
          fchmodSync(fd, target.mode);
        } catch {
          // Best effort, as the asynchronous writer.
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(name, target.path);
    temporary = undefined;
  } catch (error) {
    if (temporary !== undefined) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    }
    throw ioFailure(path, error);
  }
  syncFolderSync(dirname(target.path));
}

/** Why a file cannot be written where {@link whyNotWritable} looked: the errno and a short reason. */
export interface WriteProblem {
  readonly errno: string;
  readonly reason: string;
}

/** The nearest folder that exists at or above `folder`, and whether it is one (not a file). */
function nearestExisting(folder: string): { folder: string; isDirectory: boolean } {
  for (let at = folder; ; ) {
    try {
      return { folder: at, isDirectory: statSync(at).isDirectory() };
    } catch (error) {
      const parent = dirname(at);
      if (errnoOf(error) !== 'ENOENT' || parent === at) return { folder: at, isDirectory: false };
      at = parent;
    }
  }
}

/**
 * Why the writers of this module could not write `path`, asked before the work that produces the bytes
 * (so that a long run does not fail at its end), or null when they could. The target is found as the
 * writers find it (links followed, also dangling ones; devices, FIFOs and this process's handles are
 * written through and not checked); a folder is refused (`EISDIR`), and so is a path below a file; for a
 * regular or new file, a probe file named as the writers' temporary files is created and removed in its
 * folder, or in the nearest existing folder above it (the writers create the rest): `access()` is not
 * enough, as root it says yes for read-only pseudo file systems such as `/sys`.
 */
export function whyNotWritable(path: string): WriteProblem | null {
  let target: Target;
  try {
    target = resolveTarget(path);
  } catch (error) {
    const errno = (SegmetricsError.isInstance(error) ? error.context.errno : errnoOf(error)) ?? 'EIO';
    return {
      errno: String(errno),
      reason: errno === 'EISDIR' ? 'it is a directory; give a file name' : String(errno),
    };
  }
  if (target.kind === 'through') {
    // Written through (a device, a FIFO, a path in /proc): there must be something there to write to.
    try {
      statSync(target.path);
      return null;
    } catch (error) {
      const errno = errnoOf(error) ?? 'EIO';
      return { errno, reason: `there is nothing at ${target.path} to write to (${errno})` };
    }
  }
  if (target.kind !== 'atomic') return null;
  const existing = nearestExisting(dirname(target.path));
  if (!existing.isDirectory) return { errno: 'ENOTDIR', reason: `${existing.folder} is not a folder` };
  const probe = tempPathFor(join(existing.folder, basename(target.path)));
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
    unlinkSync(probe);
  } catch (error) {
    const errno = errnoOf(error) ?? 'EIO';
    return { errno, reason: `cannot create files in ${existing.folder} (${errno})` };
  }
  return stickyProblem(target.path, existing.folder);
}

/**
 * An existing file that the rename could not replace: in a sticky folder (mode +t, like /tmp), only the
 * file's owner, the folder's owner or root may replace it (EPERM otherwise). Null where it can be.
 */
function stickyProblem(path: string, folder: string): WriteProblem | null {
  const uid = typeof process.geteuid === 'function' ? process.geteuid() : null;
  if (uid === null || uid === 0) return null;
  try {
    const where = statSync(folder);
    // 0o1000: the sticky bit (S_ISVTX, which node:fs does not export).
    if ((where.mode & 0o1000) === 0 || where.uid === uid) return null;
    const file = lstatSync(path);
    if (file.uid === uid) return null;
    return {
      errno: 'EPERM',
      reason: `the file belongs to another user in the sticky folder ${folder}, so it cannot be replaced (choose another name)`,
    };
  } catch {
    return null;
  }
}

// The PNG writers load their encoder (and its zlib compressor) when called, so that importing
// `@segmetrics/io/node` to read label maps does not load them.

/** `encodeLabelPng` written atomically to `path`. */
export async function writeLabelPng(
  path: string,
  data: LabelArray,
  width: number,
  height: number,
  options?: EncodeLabelPngOptions,
): Promise<void> {
  const { encodeLabelPng } = await import('../encode-node.js');
  await writeFileAtomic(path, encodeLabelPng(data, width, height, options));
}

/** `encodeColorizedPng` written atomically to `path`. */
export async function writeColorizedPng(
  path: string,
  labelMap: LabelMap,
  palette: readonly (RgbColor | null | undefined)[],
  options?: ColorizeOptions,
): Promise<void> {
  const { encodeColorizedPng } = await import('../encode-node.js');
  await writeFileAtomic(path, encodeColorizedPng(labelMap, palette, options));
}

/** `encodeErrorMapPng` written atomically to `path`. */
export async function writeErrorMapPng(
  path: string,
  pred: LabelArray,
  gt: LabelArray,
  options: ErrorMapOptions,
): Promise<void> {
  const { encodeErrorMapPng } = await import('../encode-node.js');
  await writeFileAtomic(path, encodeErrorMapPng(pred, gt, options));
}
