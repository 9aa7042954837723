import { stat } from 'node:fs/promises';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/**
 * Checks that `dir`, given to `option` (`--gt`, `--pred`, `--gt-instances`), is a folder. A missing path
 * and a path that is not a folder (a file) are both `IO_FAILED` naming the path and the option (exit code
 * 1, as the README documents for a missing folder): the option was given, its value is not usable.
 */
export async function checkDirectory(option: string, dir: string): Promise<void> {
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new SegmetricsError(ErrorCode.IO_FAILED, `${dir}: no such folder (${option})`, {
      context: { file: dir, option },
    });
  }
  if (!isDir) {
    throw new SegmetricsError(ErrorCode.IO_FAILED, `${dir}: not a folder (${option})`, {
      context: { file: dir, option, hint: `${option} takes the folder that holds the label maps` },
    });
  }
}
