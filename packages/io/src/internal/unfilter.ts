import { ErrorCode } from '@segmetrics/core';
import { ioError } from './errors.js';
import { unfilterWasm } from './unfilter-wasm.js';

/**
 * Undoes the PNG row filters in place (see {@link unfilterInPlace} for the contract) with the
 * WebAssembly SIMD kernel ({@link unfilterWasm}) where the realm has WebAssembly SIMD, else in JS.
 * Both give the same bytes. Images without filtered rows (PIL writes palette PNGs so) stay in JS, where
 * each row is one `copyWithin` and nothing is copied into linear memory and back.
 */
export function unfilter(
  buf: Uint8Array,
  rowBytes: number,
  height: number,
  bpp: number,
  file?: string,
): void {
  let filtered = false;
  for (let y = 0, at = 0; y < height; y++, at += rowBytes + 1) {
    if (buf[at] !== 0) {
      filtered = true;
      break;
    }
  }
  if (!filtered || !unfilterWasm(buf, rowBytes, height, bpp, file)) {
    unfilterInPlace(buf, rowBytes, height, bpp, file);
  }
}

let scratch = new Uint8Array(0);
let scratch32 = new Int32Array(0);

/**
 * Undoes the PNG row filters (PNG spec 9.2) of a non-interlaced image in place: `buf` holds `height`
 * rows of `1 + rowBytes` bytes (filter byte + filtered bytes); on return its first `height × rowBytes`
 * bytes are the unfiltered rows, packed. Writing row y at `y × rowBytes` never overtakes unread input
 * (which starts at `y × (rowBytes + 1) + 1`), and the previous output row is never overwritten before
 * it is used.
 *
 * When rows are a whole number of 32-bit words, Up, Sub and Paeth rows run four bytes at a time: the
 * filtered row is copied to an aligned scratch row, zero words (flat regions, most of a label map) are
 * resolved with one word copy, and Up adds four bytes at once (SWAR). Results are identical to the
 * byte-wise definition.
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
  const words = rowBytes % 4 === 0 && buf.byteOffset % 4 === 0 && (bpp === 1 || bpp === 2 || bpp === 4);
  const buf32 = words ? new Int32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4)) : undefined;
  if (words && scratch.length < rowBytes) {
    scratch = new Uint8Array(rowBytes);
    scratch32 = new Int32Array(scratch.buffer);
  }
  let src = 0;
  let dst = 0;
  for (let y = 0; y < height; y++) {
    const filter = buf[src]!;
    src++;
    const prev = dst - rowBytes; // start of the previous unfiltered row (negative on the first row)
    if (buf32 !== undefined && y > 0 && (filter === 2 || filter === 4 || (filter === 1 && bpp === 1))) {
      scratch.set(buf.subarray(src, src + rowBytes));
      if (filter === 2) unfilterUpWords(buf32, dst >> 2, prev >> 2, rowBytes >> 2);
      else if (filter === 4) unfilterPaethWords(buf, buf32, dst, prev, rowBytes, bpp);
      else unfilterSubWords1(buf, buf32, dst, rowBytes);
      src += rowBytes;
      dst += rowBytes;
      continue;
    }
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

/** Up, a word at a time: bytewise (raw + above) mod 256 without carries between bytes. */
function unfilterUpWords(buf32: Int32Array, dst: number, prev: number, n: number): void {
  for (let k = 0; k < n; k++) {
    const x = scratch32[k]!;
    const b = buf32[prev + k]!;
    buf32[dst + k] = x === 0 ? b : ((x & 0x7f7f7f7f) + (b & 0x7f7f7f7f)) ^ ((x ^ b) & 0x80808080);
  }
}

/**
 * Paeth, a word at a time. When the bytes left of a word equal the bytes above them (a = c for every
 * byte lane) and the word's filtered bytes are 0, Paeth predicts "above" for each byte in turn
 * (pb = |a − c| = 0 ≤ pc, and pa = |b − c| ≤ pb only when b = c = a), so the word equals the word above;
 * on the first word a = c = 0 holds trivially. Other words take the byte-wise definition.
 */
function unfilterPaethWords(
  buf: Uint8Array,
  buf32: Int32Array,
  dst: number,
  prev: number,
  n: number,
  bpp: number,
): void {
  const d32 = dst >> 2;
  const p32 = prev >> 2;
  for (let k = 0, i = 0; i < n; k++, i += 4) {
    if (scratch32[k] === 0 && (k === 0 || buf32[d32 + k - 1] === buf32[p32 + k - 1])) {
      buf32[d32 + k] = buf32[p32 + k]!;
      continue;
    }
    for (let j = i; j < i + 4; j++) {
      const b = buf[prev + j]!;
      let predictor = b;
      if (j >= bpp) {
        const a = buf[dst + j - bpp]!;
        const c = buf[prev + j - bpp]!;
        let pa = b - c;
        let pb = a - c;
        let pc = pa + pb;
        if (pa < 0) pa = -pa;
        if (pb < 0) pb = -pb;
        if (pc < 0) pc = -pc;
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      buf[dst + j] = scratch[j]! + predictor;
    }
  }
}

/** Sub with one byte per pixel, a word at a time: a zero word repeats the byte on its left. */
function unfilterSubWords1(buf: Uint8Array, buf32: Int32Array, dst: number, n: number): void {
  const d32 = dst >> 2;
  let a = 0;
  for (let k = 0, i = 0; i < n; k++, i += 4) {
    if (scratch32[k] === 0) {
      buf32[d32 + k] = Math.imul(a, 0x01010101);
      continue;
    }
    for (let j = i; j < i + 4; j++) {
      a = (scratch[j]! + a) & 0xff;
      buf[dst + j] = a;
    }
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
