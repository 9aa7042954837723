import { hasPngSignature, PngColorType, parsePngStructure } from './internal/png-structure.js';

/**
 * The palette of a palette PNG (`PLTE` entries as `[r, g, b]`), read from its chunks without inflating the
 * image; `null` for any other file (another PNG colour type, not a PNG, or a PNG too damaged to read its
 * header). For checks that look at colours before decoding, e.g. whether two palette PNGs share one
 * palette.
 */
export function readPngPalette(bytes: Uint8Array): number[][] | null {
  if (!hasPngSignature(bytes)) return null;
  try {
    const png = parsePngStructure(bytes, { maxPixels: Number.MAX_SAFE_INTEGER, checkCrc: false });
    if (png.colorType !== PngColorType.PALETTE || png.plte === undefined) return null;
    const plte = png.plte;
    return Array.from({ length: Math.floor(plte.length / 3) }, (_, i) => [
      plte[3 * i]!,
      plte[3 * i + 1]!,
      plte[3 * i + 2]!,
    ]);
  } catch {
    return null;
  }
}
