import { ErrorCode } from '@segmetrics/core';
import { allocateLabels, colorLookup, formatColor } from '../color-palette.js';
import type { DecodeOptions, LabelData } from '../types.js';
import { ioError } from './errors.js';
import { checkLabelId } from './label-id.js';

/**
 * The labels of a palette PNG read as a colour-coded mask, when its colours contradict its indices
 * under `options.colorPalette`; `null` when its indices are its labels (the PNG convention, and
 * PIL's).
 *
 * A palette PNG is read by its indices. With a colour palette in effect, an index used in the image
 * whose PLTE colour the colour palette gives another id means the file is a colour-coded mask saved
 * with its own palette order (e.g. PIL's `quantize()`): its indices would silently permute the
 * classes, so every pixel's PLTE colour is looked up instead, exactly as an RGB mask's colour
 * (unknown colours: `UNKNOWN_COLOR` naming the colour and its first pixel, or `unknownColor`). Files
 * whose used colours agree with their indices, or are not in the colour palette (a VOC-style index
 * map with any colour map), keep their indices. Only the PLTE entries (≤ 256) are looked at unless one
 * of them disagrees; then the image's pixels are scanned once for the indices it uses.
 */
export function paletteColorLabels(
  indices: Uint8Array,
  plte: Uint8Array,
  width: number,
  options: DecodeOptions,
): LabelData | null {
  const { colorPalette, file } = options;
  if (colorPalette === undefined) return null;
  const lookup = colorLookup(colorPalette);
  const entries = Math.floor(plte.length / 3);
  const colorOf = (i: number) => (plte[3 * i]! << 16) | (plte[3 * i + 1]! << 8) | plte[3 * i + 2]!;
  let contradicted = false;
  for (let i = 0; i < entries && !contradicted; i++) {
    const id = lookup.get(colorOf(i));
    contradicted = id !== undefined && id !== i;
  }
  if (!contradicted) return null;
  const firstPixel = new Int32Array(256).fill(-1);
  for (let p = 0; p < indices.length; p++) {
    const i = indices[p]!;
    if (firstPixel[i]! < 0) firstPixel[i] = p;
  }
  let used = false;
  for (let i = 0; i < entries && !used; i++) {
    const id = firstPixel[i]! >= 0 ? lookup.get(colorOf(i)) : undefined;
    used = id !== undefined && id !== i;
  }
  if (!used) return null;
  // A colour-coded mask: each used index's colour through the palette, as mapColorsToLabels would.
  const unknownColor =
    options.unknownColor === undefined || options.unknownColor === 'error'
      ? 'error'
      : checkLabelId(options.unknownColor, "unknownColor ('error' or a class id)", file);
  const table = new Float64Array(256);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 256; i++) {
    const p = firstPixel[i]!;
    if (p < 0) continue;
    const x = p % width;
    const y = (p - x) / width;
    if (i >= entries) {
      throw ioError(
        ErrorCode.DECODE_FAILED,
        file,
        `palette index ${i} at pixel (x=${x}, y=${y}) has no PLTE entry (the PLTE has ${entries})`,
        { index: i, x, y },
      );
    }
    let id = lookup.get(colorOf(i));
    if (id === undefined) {
      const color = formatColor([plte[3 * i]!, plte[3 * i + 1]!, plte[3 * i + 2]!]);
      if (unknownColor === 'error') {
        throw ioError(
          ErrorCode.UNKNOWN_COLOR,
          file,
          `colour ${color} at pixel (x=${x}, y=${y}) is not in the colour palette (a palette PNG read as a colour-coded mask: its colours contradict its indices under the colour palette)`,
          { value: color, x, y, index: p },
        );
      }
      id = unknownColor;
    }
    table[i] = id;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  const out = allocateLabels(indices.length, min, max);
  for (let p = 0; p < indices.length; p++) out[p] = table[indices[p]!]!;
  return out;
}
