import type { LabelArray } from '@segmetrics/core';

/** A label map: row-major labels of `width` × `height` pixels. */
export interface LabelGrid {
  readonly data: LabelArray;
  readonly width: number;
  readonly height: number;
}

/** Longest side of the report's thumbnails, in pixels. */
export const THUMBNAIL_SIZE = 256;

/**
 * Downscales a label map with nearest-neighbour sampling so that its longest side is at most
 * `maxSide` (never upscales): output pixel (x, y) takes the label at the centre of the source block it
 * covers, so labels are never blended into values that do not exist. The labels keep the input's typed
 * array type (a `Float64Array` for a number array).
 */
export function thumbnailLabels(
  map: LabelGrid,
  maxSide = THUMBNAIL_SIZE,
): { data: LabelArray; width: number; height: number } {
  const { width, height, data } = map;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  // The input's own array type (a Uint8Array for most label maps: an eighth of the memory of float64).
  const out: LabelArray = ArrayBuffer.isView(data)
    ? new (data.constructor as new (length: number) => Exclude<LabelArray, readonly number[]>)(w * h)
    : new Float64Array(w * h);
  const xs = new Int32Array(w);
  for (let x = 0; x < w; x++) xs[x] = Math.min(width - 1, Math.floor(((x + 0.5) * width) / w));
  for (let y = 0; y < h; y++) {
    const row = Math.min(height - 1, Math.floor(((y + 0.5) * height) / h)) * width;
    for (let x = 0; x < w; x++) out[y * w + x] = data[row + xs[x]!]!;
  }
  return { data: out, width: w, height: h };
}
