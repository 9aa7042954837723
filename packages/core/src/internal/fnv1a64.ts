/**
 * FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lowercase hex digits. Pure JavaScript with
 * 16-bit limbs (no BigInt in the loop). Lone surrogates are hashed as U+FFFD, like `TextEncoder`.
 * Reference values: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c (FNV specification test vectors).
 */
export function fnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325 as four 16-bit limbs, least significant first
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    }
    let bytes: number;
    let b0: number;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    if (cp < 0x80) {
      bytes = 1;
      b0 = cp;
    } else if (cp < 0x800) {
      bytes = 2;
      b0 = 0xc0 | (cp >> 6);
      b1 = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      bytes = 3;
      b0 = 0xe0 | (cp >> 12);
      b1 = 0x80 | ((cp >> 6) & 0x3f);
      b2 = 0x80 | (cp & 0x3f);
    } else {
      bytes = 4;
      b0 = 0xf0 | (cp >> 18);
      b1 = 0x80 | ((cp >> 12) & 0x3f);
      b2 = 0x80 | ((cp >> 6) & 0x3f);
      b3 = 0x80 | (cp & 0x3f);
    }
    for (let k = 0; k < bytes; k++) {
      h0 ^= k === 0 ? b0 : k === 1 ? b1 : k === 2 ? b2 : b3;
      // h *= 0x100000001b3 (= 2^40 + 0x1b3) modulo 2^64
      const t0 = h0 * 0x1b3;
      const t1 = h1 * 0x1b3 + (t0 >>> 16);
      const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
      const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
  }
  const hex = (v: number) => v.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}
