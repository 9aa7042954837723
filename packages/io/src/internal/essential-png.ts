import { PNG_SIGNATURE, type PngStructure } from './png-structure.js';

/**
 * A copy of a validated PNG holding only the chunks a label decoder needs: IHDR, PLTE, one IDAT with
 * the whole zlib stream (or `stream` when given, e.g. the image data re-wrapped uncompressed), IEND. Ancillary chunks (iCCP, zTXt, iTXt, tEXt, eXIf, tRNS, ...) are left out,
 * so a decoder that would decompress them (fast-png inflates iCCP profiles) never sees them. CRC fields
 * are zero: pass the result to a decoder with CRC checks off (the original's CRCs were checked when it
 * was parsed).
 */
export function essentialPng(png: PngStructure, stream?: Uint8Array): Uint8Array {
  const idatLength = stream === undefined ? png.idatLength : stream.length;
  const paletteLength = png.palette === undefined ? 0 : png.palette.length * 3;
  const size = 8 + 25 + (png.palette === undefined ? 0 : 12 + paletteLength) + 12 + idatLength + 12;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let at = 8;
  const chunk = (type: string, length: number, write: (dataStart: number) => void) => {
    view.setUint32(at, length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
    write(at + 8);
    at += 12 + length;
  };
  chunk('IHDR', 13, (d) => {
    view.setUint32(d, png.width);
    view.setUint32(d + 4, png.height);
    out[d + 8] = png.bitDepth;
    out[d + 9] = png.colorType;
    out[d + 12] = png.interlaced ? 1 : 0;
  });
  if (png.palette !== undefined) {
    const palette = png.palette;
    chunk('PLTE', paletteLength, (d) => {
      for (let i = 0; i < palette.length; i++) out.set(palette[i]!.slice(0, 3), d + 3 * i);
    });
  }
  chunk('IDAT', idatLength, (d) => {
    if (stream !== undefined) {
      out.set(stream, d);
      return;
    }
    let offset = d;
    for (const part of png.idat) {
      out.set(part, offset);
      offset += part.length;
    }
  });
  chunk('IEND', 0, () => {});
  return out;
}
