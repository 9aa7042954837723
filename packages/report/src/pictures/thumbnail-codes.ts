import type { ConfusionMatrixSettings } from '@segmetrics/core';
import { displayCodeOf, displayLabels } from './display-labels.js';
import { type LabelGrid, THUMBNAIL_SIZE, thumbnailGrid, thumbnailLabels } from './thumbnail-labels.js';

/** A thumbnail of display codes: one byte per pixel while the codes fit (C + 1 ≤ 255). */
export interface ThumbnailCodes {
  readonly data: Uint8Array | Uint16Array;
  readonly width: number;
  readonly height: number;
}

/**
 * `displayLabels(thumbnailLabels(map, maxSide).data, settings, mapped)` in one pass: the thumbnail's
 * display codes (class k → k, ignored → C, invalid → C + 1, after the label mapping when `mapped`),
 * the same codes at the same pixels, in a `Uint8Array` when C + 1 ≤ 255 (else a `Uint16Array`). 8- and
 * 16-bit maps (what the readers decode) look their codes up in a table of the type's values.
 */
export function thumbnailCodes(
  map: LabelGrid,
  settings: ConfusionMatrixSettings,
  mapped: boolean,
  maxSide = THUMBNAIL_SIZE,
): ThumbnailCodes {
  const { data } = map;
  const narrow = settings.numClasses + 1 <= 255;
  if (!(data instanceof Uint8Array || data instanceof Uint16Array)) {
    const thumbnail = thumbnailLabels(map, maxSide);
    const codes = displayLabels(thumbnail.data, settings, mapped);
    return { ...thumbnail, data: narrow ? Uint8Array.from(codes) : codes };
  }
  const { width: w, height: h, columns, rowStarts } = thumbnailGrid(map.width, map.height, maxSide);
  const out = narrow ? new Uint8Array(w * h) : new Uint16Array(w * h);
  const classify = displayCodeOf(settings, mapped);
  if (data instanceof Uint8Array) {
    const codes = new Uint16Array(256);
    for (let v = 0; v < 256; v++) codes[v] = classify(v);
    for (let y = 0, o = 0; y < h; y++) {
      const row = rowStarts[y]!;
      for (let x = 0; x < w; x++, o++) out[o] = codes[data[row + columns[x]!]!]!;
    }
    return { data: out, width: w, height: h };
  }
  // 16-bit labels: the codes of the values met, classified once each.
  const codes = new Int32Array(65536).fill(-1);
  for (let y = 0, o = 0; y < h; y++) {
    const row = rowStarts[y]!;
    for (let x = 0; x < w; x++, o++) {
      const value = data[row + columns[x]!]!;
      let code = codes[value]!;
      if (code < 0) code = codes[value] = classify(value);
      out[o] = code;
    }
  }
  return { data: out, width: w, height: h };
}
