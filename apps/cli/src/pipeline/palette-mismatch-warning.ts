import { closeSync, openSync, readSync } from 'node:fs';
import { labelPaletteConflict, readPngPalette } from '@segmetrics/io/node';
import { formatColor, type RgbColor } from '@segmetrics/io/presets';
import type { FilePair } from './types.js';

/** The palette precedes the image data: the first 64 KiB of a file hold it (a longer PLTE is not read). */
const HEAD_BYTES = 64 * 1024;

function paletteOf(path: string): number[][] | null {
  if (!/\.png$/i.test(path)) return null;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = new Uint8Array(HEAD_BYTES);
    return readPngPalette(head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)));
  } catch {
    // Unreadable: counting names the file.
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A warning when the first pair's ground truth and prediction are palette PNGs whose palettes give an index
 * two different colours: without `--palette` or `--dataset`, palette indices are read as labels, so a
 * prediction saved in another palette order (its own, or a visualisation's) would be scored with its
 * classes permuted and no error. Reads the first 64 KiB of each file (no decoding); `null` when they agree,
 * or are not both palette PNGs.
 */
export function paletteMismatchWarning(pair: FilePair | undefined): string | null {
  if (pair === undefined) return null;
  const gt = paletteOf(pair.gtPath);
  const pred = gt === null ? null : paletteOf(pair.predPath);
  if (gt === null || pred === null) return null;
  const difference = labelPaletteConflict(gt, pred);
  if (difference === null) return null;
  const { index, first, second } = difference;
  return `${pair.gtPath} and ${pair.predPath} are palette PNGs with different palettes (index ${index} is ${formatColor(first as RgbColor)} in the ground truth, ${formatColor(second as RgbColor)} in the prediction): palette indices are read as labels; if the colours carry the classes, give --palette FILE or --dataset NAME so that both are read by colour`;
}
