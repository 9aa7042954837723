import type { LabelArray } from '@segmetrics/core';

/** A label map: row-major labels of `width` × `height` pixels. */
export interface LabelGrid {
  readonly data: LabelArray;
  readonly width: number;
  readonly height: number;
}

/** Longest side of the report's thumbnails, in pixels. */
export const THUMBNAIL_SIZE = 256;

/** Where a thumbnail samples its source: its size, and the source pixel of each column and row. */
export interface ThumbnailGrid {
  readonly width: number;
  readonly height: number;
  /** Per thumbnail column: the source column. */
  readonly columns: Int32Array;
  /** Per thumbnail row: the index of the source row's first pixel (source row × source width). */
  readonly rowStarts: Int32Array;
}

/**
 * The nearest-neighbour grid of {@link thumbnailLabels}: the longest side scaled to at most `maxSide`
 * (never up), and each output pixel (x, y) at the centre of the source block it covers.
 */
export function thumbnailGrid(width: number, height: number, maxSide = THUMBNAIL_SIZE): ThumbnailGrid {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const columns = new Int32Array(w);
  for (let x = 0; x < w; x++) columns[x] = Math.min(width - 1, Math.floor(((x + 0.5) * width) / w));
  const rowStarts = new Int32Array(h);
  for (let y = 0; y < h; y++)
    rowStarts[y] = Math.min(height - 1, Math.floor(((y + 0.5) * height) / h)) * width;
  return { width: w, height: h, columns, rowStarts };
}

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
  const { data } = map;
  const { width: w, height: h, columns, rowStarts } = thumbnailGrid(map.width, map.height, maxSide);
  // The input's own array type (a Uint8Array for most label maps: an eighth of the memory of float64).
  const out: LabelArray = ArrayBuffer.isView(data)
    ? new (data.constructor as new (length: number) => Exclude<LabelArray, readonly number[]>)(w * h)
    : new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = rowStarts[y]!;
    for (let x = 0; x < w; x++) out[y * w + x] = data[row + columns[x]!]!;
  }
  return { data: out, width: w, height: h };
}
