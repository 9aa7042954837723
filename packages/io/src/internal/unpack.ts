/**
 * Expands packed 1/2/4-bit samples (PNG rows, most significant bits first, each row padded to a
 * whole byte) into one byte per pixel.
 */
export function unpackBits(
  packed: Uint8Array,
  width: number,
  height: number,
  bitDepth: 1 | 2 | 4,
  rowBytes = Math.ceil((width * bitDepth) / 8),
): Uint8Array {
  const out = new Uint8Array(width * height);
  const perByte = 8 / bitDepth;
  const mask = (1 << bitDepth) - 1;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const byte = packed[row + Math.floor(x / perByte)]!;
      const shift = 8 - bitDepth * ((x % perByte) + 1);
      out[o++] = (byte >> shift) & mask;
    }
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reads big-endian 16-bit samples into a Uint16Array (in place when `bytes` is 2-byte aligned). */
export function bigEndianToUint16(bytes: Uint8Array, count: number): Uint16Array {
  const aligned = bytes.byteOffset % 2 === 0;
  const out = aligned ? new Uint16Array(bytes.buffer, bytes.byteOffset, count) : new Uint16Array(count);
  let k = 0;
  if (LITTLE_ENDIAN && aligned && bytes.byteOffset % 4 === 0) {
    // Two samples per 32-bit word: swap the bytes within each 16-bit half.
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, count >> 1);
    for (let w = 0; w < words.length; w++) {
      const v = words[w]!;
      words[w] = ((v & 0x00ff00ff) << 8) | ((v >>> 8) & 0x00ff00ff);
    }
    k = words.length * 2;
  }
  for (; k < count; k++) out[k] = (bytes[2 * k]! << 8) | bytes[2 * k + 1]!;
  return out;
}
