import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, type LabelArray, type LabelMap } from '@segmetrics/core';
import { type ColorizeOptions, encodeColorizedPng } from '../encode-colorized-png.js';
import { type ErrorMapOptions, encodeErrorMapPng } from '../encode-error-map-png.js';
import { type EncodeLabelPngOptions, encodeLabelPng } from '../encode-label-png.js';
import { wrapError } from '../internal/errors.js';
import type { RgbColor } from '../types.js';

/**
 * Writes `bytes` to `path` atomically: to a temporary file in the same folder, then renamed over the
 * target, so readers never see a partial file. Creates missing parent folders. `IO_FAILED` on error
 * (the temporary file is removed).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw wrapError(error, ErrorCode.IO_FAILED, path, 'cannot write file');
  }
}

/** {@link encodeLabelPng} written atomically to `path`. */
export async function writeLabelPng(
  path: string,
  data: LabelArray,
  width: number,
  height: number,
  options?: EncodeLabelPngOptions,
): Promise<void> {
  await writeFileAtomic(path, encodeLabelPng(data, width, height, options));
}

/** {@link encodeColorizedPng} written atomically to `path`. */
export async function writeColorizedPng(
  path: string,
  labelMap: LabelMap,
  palette: readonly (RgbColor | null | undefined)[],
  options?: ColorizeOptions,
): Promise<void> {
  await writeFileAtomic(path, encodeColorizedPng(labelMap, palette, options));
}

/** {@link encodeErrorMapPng} written atomically to `path`. */
export async function writeErrorMapPng(
  path: string,
  pred: LabelArray,
  gt: LabelArray,
  options: ErrorMapOptions,
): Promise<void> {
  await writeFileAtomic(path, encodeErrorMapPng(pred, gt, options));
}
