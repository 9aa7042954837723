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

/** Where two palettes first give one index different colours ({@link paletteDifference}). */
export interface PaletteDifference {
  readonly index: number;
  /** The index's `[r, g, b]` in the first palette and in the second. */
  readonly first: readonly number[];
  readonly second: readonly number[];
}

/**
 * The first index (below the shorter palette's length) that two palettes colour differently, or null
 * when they agree: two palette PNGs whose palettes differ carry their classes in different index orders
 * if the colours are what carries them.
 */
export function paletteDifference(
  first: readonly (readonly number[])[],
  second: readonly (readonly number[])[],
): PaletteDifference | null {
  const n = Math.min(first.length, second.length);
  for (let index = 0; index < n; index++) {
    const a = first[index]!;
    const b = second[index]!;
    if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) return { index, first: a, second: b };
  }
  return null;
}

/** A gray ramp (entry i is `[i, i, i]`): the palette of labels saved without colours (PIL's `'P'` default). */
function isGrayRamp(palette: readonly (readonly number[])[]): boolean {
  return palette.every((c, i) => c[0] === i && c[1] === i && c[2] === i);
}

/**
 * Where a ground truth's and a prediction's palettes contradict each other as colour maps of the classes:
 * {@link paletteDifference}, except when either is a gray ramp (labels saved with no colours of their own,
 * as PIL saves a `'P'` image made from a label array: its indices are the labels whatever the other
 * file's colours). What `segmetrics eval` and the web app warn about when no palette reads the files by
 * colour.
 */
export function labelPaletteConflict(
  groundTruth: readonly (readonly number[])[],
  prediction: readonly (readonly number[])[],
): PaletteDifference | null {
  if (isGrayRamp(groundTruth) || isGrayRamp(prediction)) return null;
  return paletteDifference(groundTruth, prediction);
}
