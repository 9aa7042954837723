import { ErrorCode } from '@segmetrics/core';
import { ioError } from './errors.js';

/**
 * Undoes the PNG row filters (PNG spec 9.2) of a non-interlaced image in place: `buf` holds `height`
 * rows of `1 + rowBytes` bytes (filter byte + filtered bytes); on return its first `height × rowBytes`
 * bytes are the unfiltered rows, packed. Writing row y at `y × rowBytes` never overtakes unread input
 * (which starts at `y × (rowBytes + 1) + 1`), and the previous output row is never overwritten before
 * it is used.
 *
 * `bpp` is the filter unit: bytes per complete pixel, at least 1.
 */
export function unfilterInPlace(
  buf: Uint8Array,
  rowBytes: number,
  height: number,
  bpp: number,
  file?: string,
): void {
  let src = 0;
  let dst = 0;
  for (let y = 0; y < height; y++) {
    const filter = buf[src]!;
    src++;
    const prev = dst - rowBytes; // start of the previous unfiltered row (negative on the first row)
    switch (filter) {
      case 0:
        buf.copyWithin(dst, src, src + rowBytes);
        break;
      case 1:
        unfilterSub(buf, src, dst, rowBytes, bpp);
        break;
      case 2:
        if (y === 0) buf.copyWithin(dst, src, src + rowBytes);
        else for (let i = 0; i < rowBytes; i++) buf[dst + i] = buf[src + i]! + buf[prev + i]!;
        break;
      case 3:
        if (y === 0) unfilterAverageFirst(buf, src, dst, rowBytes, bpp);
        else unfilterAverage(buf, src, dst, prev, rowBytes, bpp);
        break;
      case 4:
        if (y === 0) unfilterSub(buf, src, dst, rowBytes, bpp);
        else if (bpp === 1) unfilterPaeth1(buf, src, dst, prev, rowBytes);
        else unfilterPaeth(buf, src, dst, prev, rowBytes, bpp);
        break;
      default:
        throw ioError(ErrorCode.DECODE_FAILED, file, `invalid PNG filter type ${filter} on row ${y}`, {
          row: y,
          filter,
        });
    }
    src += rowBytes;
    dst += rowBytes;
  }
}

function unfilterSub(buf: Uint8Array, src: number, dst: number, n: number, bpp: number): void {
  for (let i = 0; i < bpp && i < n; i++) buf[dst + i] = buf[src + i]!;
  for (let i = bpp; i < n; i++) buf[dst + i] = buf[src + i]! + buf[dst + i - bpp]!;
}

function unfilterAverageFirst(buf: Uint8Array, src: number, dst: number, n: number, bpp: number): void {
  for (let i = 0; i < bpp && i < n; i++) buf[dst + i] = buf[src + i]!;
  for (let i = bpp; i < n; i++) buf[dst + i] = buf[src + i]! + (buf[dst + i - bpp]! >> 1);
}

function unfilterAverage(
  buf: Uint8Array,
  src: number,
  dst: number,
  prev: number,
  n: number,
  bpp: number,
): void {
  for (let i = 0; i < bpp && i < n; i++) buf[dst + i] = buf[src + i]! + (buf[prev + i]! >> 1);
  for (let i = bpp; i < n; i++) {
    buf[dst + i] = buf[src + i]! + ((buf[dst + i - bpp]! + buf[prev + i]!) >> 1);
  }
}

/** Paeth with one byte per pixel: left (a) and upper-left (c) carried in registers. */
function unfilterPaeth1(buf: Uint8Array, src: number, dst: number, prev: number, n: number): void {
  let c = buf[prev]!;
  let a = (buf[src]! + c) & 0xff;
  buf[dst] = a;
  for (let i = 1; i < n; i++) {
    const b = buf[prev + i]!;
    // p = a + b − c; pa = |p − a| = |b − c|, pb = |p − b| = |a − c|, pc = |p − c| = |a + b − 2c|
    let pa = b - c;
    let pb = a - c;
    let pc = pa + pb;
    if (pa < 0) pa = -pa;
    if (pb < 0) pb = -pb;
    if (pc < 0) pc = -pc;
    const predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    a = (buf[src + i]! + predictor) & 0xff;
    buf[dst + i] = a;
    c = b;
  }
}

function unfilterPaeth(
  buf: Uint8Array,
  src: number,
  dst: number,
  prev: number,
  n: number,
  bpp: number,
): void {
  for (let i = 0; i < bpp && i < n; i++) buf[dst + i] = buf[src + i]! + buf[prev + i]!;
  for (let i = bpp; i < n; i++) {
    const a = buf[dst + i - bpp]!;
    const b = buf[prev + i]!;
    const c = buf[prev + i - bpp]!;
    let pa = b - c;
    let pb = a - c;
    let pc = pa + pb;
    if (pa < 0) pa = -pa;
    if (pb < 0) pb = -pb;
    if (pc < 0) pc = -pc;
    buf[dst + i] = buf[src + i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
  }
}
