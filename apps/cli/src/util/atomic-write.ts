import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';

function tempPathFor(path: string): string {
  const target = resolve(path);
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function ioError(path: string, error: unknown): SegmetricsError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SegmetricsError(ErrorCode.IO_FAILED, `cannot write ${path}: ${reason}`, {
    context: { file: path },
    cause: error,
  });
}

/**
 * Writes `contents` to `path` atomically: into a temporary file in the same directory, then renamed
 * over the target. Readers see either the old file or the complete new one, never a partial write;
 * on failure the temporary file is removed and a `IO_FAILED` error names the file.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(temp, contents);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioError(path, error);
  }
}

/** Synchronous {@link writeFileAtomic}, for signal handlers that must finish before the process exits. */
export function writeFileAtomicSync(path: string, contents: string | Uint8Array): void {
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw ioError(path, error);
  }
}
