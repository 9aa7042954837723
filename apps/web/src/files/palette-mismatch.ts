import { formatColor, labelPaletteConflict, type RgbColor, readPngPalette } from '@segmetrics/io';
import type { WebPair } from './pair-folders.js';

/** The palette precedes the image data: the first 64 KiB of a file hold it. */
const HEAD_BYTES = 64 * 1024;

async function paletteOf(file: Blob, path: string): Promise<number[][] | null> {
  if (!/\.png$/i.test(path)) return null;
  try {
    return readPngPalette(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  } catch {
    // Unreadable: counting names the file.
    return null;
  }
}

/**
 * The page's note when the first pair's ground truth and prediction (each prediction folder's) are palette
 * PNGs whose palettes give an index different colours, and no palette reads them by colour: their indices
 * are read as labels, so a prediction saved in another palette order would be scored with its classes
 * permuted (the CLI's warning, in the page's words). `null` otherwise.
 */
export async function paletteMismatchNote(pair: WebPair | undefined): Promise<string | null> {
  if (pair === undefined) return null;
  const gt = await paletteOf(pair.gt, pair.gtPath);
  if (gt === null) return null;
  const predictions: [Blob, string][] = [[pair.pred, pair.predPath]];
  if (pair.predB !== undefined && pair.predBPath !== undefined)
    predictions.push([pair.predB, pair.predBPath]);
  for (const [file, path] of predictions) {
    const pred = await paletteOf(file, path);
    const difference = pred === null ? null : labelPaletteConflict(gt, pred);
    if (difference === null) continue;
    const { index, first, second } = difference;
    return `${pair.gtPath} and ${path} are palette PNGs with different palettes (index ${index} is ${formatColor(first as RgbColor)} in the ground truth, ${formatColor(second as RgbColor)} in the prediction): palette indices are read as labels; if the colours carry the classes, choose their dataset preset or give a "Colour palette" so that both are read by colour`;
  }
  return null;
}
