import { constants } from 'node:fs';
import { access, lstat, open, readlink, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { NamedFile } from './check-output-paths.js';

/** Paths of this process's own handles and of devices, written through as they are: never checked. */
function writtenThrough(path: string): boolean {
  return path.startsWith('/proc/') || path.startsWith('/dev/');
}

function errnoOf(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? 'EIO';
}

function refuse(file: NamedFile, problem: string, errno: string): never {
  throw new SegmetricsError(
    ErrorCode.IO_FAILED,
    `${file.path}: cannot write ${file.option} there: ${problem}`,
    {
      context: { file: file.path, option: file.option, errno },
    },
  );
}

/**
 * Whether files can be created in `folder`: `access(W_OK)`, then a probe file created (exclusively, with
 * the name of a writer's temporary file) and removed — `access` says yes to root on read-only pseudo file
 * systems such as `/sys`. Returns the errno of the failure, or null.
 */
async function cannotCreateIn(folder: string, name: string): Promise<string | null> {
  try {
    await access(folder, constants.W_OK);
    const probe = resolve(
      folder,
      `.${name}.segmetrics-tmp-${process.pid}-${Math.floor(Math.random() * 2 ** 48).toString(16)}`,
    );
    const handle = await open(probe, 'wx');
    await handle.close();
    await unlink(probe);
    return null;
  } catch (error) {
    return errnoOf(error);
  }
}

/** The nearest folder above `path` that exists (`path` itself excluded), or an error code. */
async function nearestExisting(path: string): Promise<{ folder: string; isDirectory: boolean }> {
  let folder = dirname(path);
  for (;;) {
    try {
      return { folder, isDirectory: (await stat(folder)).isDirectory() };
    } catch (error) {
      const parent = dirname(folder);
      if (errnoOf(error) !== 'ENOENT' || parent === folder) return { folder, isDirectory: false };
      folder = parent;
    }
  }
}

/** Where a path leads through symbolic links (up to 40), dangling or not: the path the writers write. */
async function linkTarget(path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < 40; hop++) {
    let link: string;
    try {
      if (!(await lstat(current)).isSymbolicLink()) return current;
      link = await readlink(current);
    } catch {
      return current;
    }
    current = resolve(dirname(current), link);
  }
  return current;
}

/**
 * Refuses, before anything is counted, an output the run could not write at the end: an existing folder
 * (or a link to one), a path below a file, or a folder in which no file can be created (read-only, no
 * permission, `/sys`). `IO_FAILED` naming the path, the option and why (exit code 1). A new file in a
 * missing folder needs only that its nearest existing folder be writable (the writers create the rest);
 * devices, FIFOs and `/dev`, `/proc` paths are written through and not checked.
 */
export async function checkWritableOutputs(files: readonly NamedFile[]): Promise<void> {
  for (const file of files) {
    if (file.role !== 'output' || file.path === '') continue;
    // The writers follow symbolic links, also to a file that does not exist yet: so does the check.
    const path = await linkTarget(resolve(file.path));
    if (writtenThrough(path)) continue;
    let folder: string;
    try {
      const info = await stat(path);
      if (info.isDirectory()) refuse(file, 'it is a directory; give a file name', 'EISDIR');
      if (!info.isFile()) continue;
      // The file is replaced by a temporary file renamed over it, in the folder it really is in.
      const real = await realpath(path);
      folder = dirname(real);
      const errno = await cannotCreateIn(folder, basename(real));
      if (errno !== null) refuse(file, `cannot create files in ${folder} (${errno})`, errno);
      continue;
    } catch (error) {
      if (SegmetricsError.isInstance(error)) throw error;
      if (errnoOf(error) !== 'ENOENT') refuse(file, errnoOf(error), errnoOf(error));
    }
    const existing = await nearestExisting(path);
    folder = existing.folder;
    if (!existing.isDirectory) refuse(file, `${folder} is not a folder`, 'ENOTDIR');
    // A probe, not access(): as root, access() says yes for /sys, where nothing can be created. The
    // writers create the missing folders in the nearest existing one, as the probe does its file.
    const errno = await cannotCreateIn(folder, basename(path));
    if (errno !== null) refuse(file, `cannot create files in ${folder} (${errno})`, errno);
  }
}
