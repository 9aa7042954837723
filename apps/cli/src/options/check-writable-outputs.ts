import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { whyNotWritable } from '@segmetrics/io/node';
import type { NamedFile } from './check-output-paths.js';

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
 * Refuses, before anything is counted, an output the run could not write at the end: an existing folder
 * (or a link to one), a path below a file, or a folder in which no file can be created (read-only, no
 * permission, `/sys`). `IO_FAILED` naming the path, the option and why (exit code 1). A new file in a
 * missing folder needs only that its nearest existing folder be writable (the writers create the rest);
 * devices, FIFOs and `/dev`, `/proc` paths are written through and not checked.
 */
export async function checkWritableOutputs(files: readonly NamedFile[]): Promise<void> {
  for (const file of files) {
    if (file.role !== 'output' || file.path === '') continue;
    // Asked of the writer itself: it finds the target as it will write it (links, devices, folders).
    const problem = whyNotWritable(file.path);
    if (problem !== null) refuse(file, problem.reason, problem.errno);
  }
}
