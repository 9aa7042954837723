import { hasPngSignature, PngColorType } from './internal/png-structure.js';

/** ASCII `IHDR`, `PLTE`, `IDAT` as big-endian chunk types. */
const IHDR = 0x49484452;
const PLTE = 0x504c5445;
const IDAT = 0x49444154;

/**
 * The palette of a palette PNG (`PLTE` entries as `[r, g, b]`), from the chunks before the image data:
 * `bytes` may be just the start of the file (the palette precedes the first `IDAT`). `null` for any other
 * file: another PNG colour type, not a PNG, or a start too short or damaged to reach the palette. Chunk
 * CRCs are not checked (decoding checks them). For checks that look at colours before decoding, e.g.
 * whether two palette PNGs share one palette.
 */
export function readPngPalette(bytes: Uint8Array): number[][] | null {
  if (!hasPngSignature(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let colorType = -1;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = view.getUint32(at + 4);
    const data = at + 8;
    if (data + length > bytes.length) return null;
    if (type === IHDR && length >= 13) colorType = bytes[data + 9]!;
    if (type === IDAT) return null;
    if (type === PLTE) {
      if (colorType !== PngColorType.PALETTE || length % 3 !== 0) return null;
      return Array.from({ length: length / 3 }, (_, i) => [
        bytes[data + 3 * i]!,
        bytes[data + 3 * i + 1]!,
        bytes[data + 3 * i + 2]!,
      ]);
    }
    at = data + length + 4;
  }
  return null;
}
