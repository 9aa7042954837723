import { allocateLabels, paletteLookup } from '../color-palette.js';
import type { DecodeOptions, LabelData } from '../types.js';

/** How a PLTE entry's colour relates to its index under the colour palette. */
const AGREES = 0;
const CONTRADICTS = 1;
const UNKNOWN = 2;

/**
 * The labels of a palette PNG read as a colour-coded mask, when its colours contradict its indices
 * under `options.colorPalette`; `null` when its indices are its labels (the PNG convention, and
 * PIL's).
 *
 * A palette PNG is read by its indices. With a colour palette in effect, a file is read by colour
 * instead when every index the image uses is drawn in a colour of the palette and at least one of them
 * contradicts its index: drawn in a colour the palette gives id j ≠ i, while the file draws index j in
 * another colour. Such a file is a colour-coded mask saved in its own palette order (e.g. PIL's
 * `quantize()`), whose indices would silently permute the classes. Everything else keeps its indices:
 * files whose colours agree with their indices (VOC, the Cityscapes colours of `cityscapes` files),
 * files whose colour map shares colours between indices the way the palette does (Cityscapes labelIds
 * 0–4 are all black, 17 and 18 the same grey), and files that use a colour the palette lacks (an index
 * map with a grey ramp or any other colour map). Only the PLTE entries (≤ 256) are looked at unless one
 * contradicts; then the pixels are scanned for the indices used, stopping at the first whose colour the
 * palette lacks.
 */
export function paletteColorLabels(
  indices: Uint8Array,
  plte: Uint8Array,
  options: DecodeOptions,
): LabelData | null {
  const { colorPalette } = options;
  if (colorPalette === undefined) return null;
  const lookup = paletteLookup(colorPalette);
  const entries = Math.floor(plte.length / 3);
  const colorOf = (i: number) => (plte[3 * i]! << 16) | (plte[3 * i + 1]! << 8) | plte[3 * i + 2]!;
  const status = new Uint8Array(256).fill(UNKNOWN);
  const ids = new Float64Array(256);
  let contradictions = 0;
  for (let i = 0; i < entries; i++) {
    const color = colorOf(i);
    const id = lookup.get(color);
    if (id === undefined) continue;
    ids[i] = id;
    const shared = Number.isInteger(id) && id >= 0 && id < entries && colorOf(id) === color;
    status[i] = id === i || shared ? AGREES : CONTRADICTS;
    if (status[i] === CONTRADICTS) contradictions++;
  }
  if (contradictions === 0) return null;
  const used = new Uint8Array(256);
  let contradicted = false;
  for (let p = 0; p < indices.length; p++) {
    const i = indices[p]!;
    if (used[i] === 1) continue;
    used[i] = 1;
    if (status[i] === UNKNOWN) return null;
    if (status[i] === CONTRADICTS) contradicted = true;
  }
  if (!contradicted) return null;
  // A colour-coded mask: every used index's colour through the palette, as mapColorsToLabels would.
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 256; i++) {
    if (used[i] === 0) continue;
    if (ids[i]! < min) min = ids[i]!;
    if (ids[i]! > max) max = ids[i]!;
  }
  const out = allocateLabels(indices.length, min, max);
  for (let p = 0; p < indices.length; p++) out[p] = ids[indices[p]!]!;
  return out;
}
