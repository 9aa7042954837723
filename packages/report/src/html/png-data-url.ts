import { ErrorCode, SegmetricsError } from '@segmetrics/core';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DATA_URL_PREFIX = 'data:image/png;base64,';

/** A PNG picture for the HTML report: the file's bytes, or a `data:image/png;base64,` URL. */
export type HtmlPicture = Uint8Array | string;

/** A PNG as a data URL with its size (read from the IHDR chunk). */
export interface PngDataUrl {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** The ASCII codes of {@link ALPHABET}. */
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const EQUALS = 0x3d;
/** `TextDecoder`, global in browsers and Node (this package declares no platform types). */
type AsciiDecoder = { decode(bytes: Uint8Array): string };
let ascii: AsciiDecoder | undefined;

/** Node's `Buffer` where there is one (its base64 is native), found at run time: no import, so browsers work. */
type NodeBuffer = {
  from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
};
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/**
 * Standard base64 (RFC 4648, with padding) of bytes: Node's native `Buffer` encoding where there is one
 * (the report's 72 pictures in the CLI: ≈ 6 ms less of code running cold), else {@link portableBase64}.
 */
export function base64FromBytes(bytes: Uint8Array): string {
  if (nodeBuffer !== undefined)
    return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return portableBase64(bytes);
}

/**
 * {@link base64FromBytes} without Node's Buffer (browsers): the ASCII codes are written into one byte
 * array and decoded to a string once (string concatenation per 3 bytes cost ≈ 15 ms per report of 24
 * images).
 */
export function portableBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  const codes = ALPHABET_CODES;
  let i = 0;
  let o = 0;
  for (; i + 2 < n; i += 3, o += 4) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o] = codes[v >> 18]!;
    out[o + 1] = codes[(v >> 12) & 63]!;
    out[o + 2] = codes[(v >> 6) & 63]!;
    out[o + 3] = codes[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out[o] = codes[v >> 18]!;
    out[o + 1] = codes[(v >> 12) & 63]!;
    out[o + 2] = i + 1 < n ? codes[(v >> 6) & 63]! : EQUALS;
    out[o + 3] = EQUALS;
  }
  ascii ??= new (globalThis as unknown as { TextDecoder: new () => AsciiDecoder }).TextDecoder();
  return ascii.decode(out);
}

function bytesFromBase64Prefix(text: string, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let bits = 0;
  let value = 0;
  let k = 0;
  for (let i = 0; i < text.length && k < count; i++) {
    const d = ALPHABET.indexOf(text[i]!);
    if (d < 0) break;
    value = (value << 6) | d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, k);
}

function invalid(what: string, problem: string): SegmetricsError {
  return new SegmetricsError(ErrorCode.INVALID_OPTION, `${what}: ${problem}`, { context: { picture: what } });
}

function sizeOf(head: Uint8Array, what: string): { width: number; height: number } {
  if (head.length < 24 || PNG_SIGNATURE.some((b, i) => head[i] !== b)) {
    throw invalid(what, 'is not a PNG (no PNG signature)');
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw invalid(what, `has an invalid size ${width}×${height}`);
  return { width, height };
}

/**
 * A report picture as a data URL, with its size. Bytes must be a PNG; a string must be a
 * `data:image/png;base64,` URL of a PNG (anything else — another scheme, a file or web address — is
 * refused with INVALID_OPTION, so the report never loads anything from outside itself).
 */
export function pngDataUrl(picture: HtmlPicture, what = 'picture'): PngDataUrl {
  if (typeof picture === 'string') {
    if (!picture.startsWith(DATA_URL_PREFIX)) {
      throw invalid(what, `must be PNG bytes or a ${DATA_URL_PREFIX} URL, got "${picture.slice(0, 40)}"`);
    }
    const payload = picture.slice(DATA_URL_PREFIX.length);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw invalid(what, 'holds characters outside base64');
    return { url: picture, ...sizeOf(bytesFromBase64Prefix(payload, 24), what) };
  }
  return { url: DATA_URL_PREFIX + base64FromBytes(picture), ...sizeOf(picture, what) };
}
