import { SegmetricsError } from '@segmetrics/core';
import { encodeLabelPng } from '@segmetrics/io';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64FromBytes, pngDataUrl, portableBase64 } from './png-data-url.js';

const nodeBase64 = (bytes: Uint8Array) =>
  (globalThis as unknown as { Buffer: { from(b: Uint8Array): { toString(e: string): string } } }).Buffer.from(
    bytes,
  ).toString('base64');

describe('base64FromBytes', () => {
  it('equals the RFC 4648 base64 of any bytes, natively and without Buffer (checked against Node)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(8), (whole, offset) => {
        // Views into a larger buffer too: only the view's bytes are encoded.
        const bytes = whole.subarray(Math.min(offset, whole.length));
        expect(portableBase64(bytes)).toBe(nodeBase64(bytes));
        expect(base64FromBytes(bytes)).toBe(nodeBase64(bytes));
      }),
    );
  });
});

describe('pngDataUrl', () => {
  const png = encodeLabelPng(new Uint8Array(6 * 4), 6, 4);

  it('turns PNG bytes into a data URL and reads the size from IHDR', () => {
    const out = pngDataUrl(png);
    expect(out.url).toBe(`data:image/png;base64,${nodeBase64(png)}`);
    expect([out.width, out.height]).toEqual([6, 4]);
  });

  it('accepts a PNG data URL as it is', () => {
    const url = `data:image/png;base64,${nodeBase64(png)}`;
    expect(pngDataUrl(url)).toEqual({ url, width: 6, height: 4 });
  });

  it('refuses other URLs, non-PNG bytes and data URLs that are not base64 PNGs', () => {
    const cases: (string | Uint8Array)[] = [
      'https://example.com/a.png',
      'file:///etc/passwd',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:image/png;base64,"><script>',
      `data:image/png;base64,${nodeBase64(new Uint8Array(30))}`,
      new Uint8Array([1, 2, 3]),
    ];
    for (const picture of cases) {
      expect(() => pngDataUrl(picture, 'gt')).toThrowError(
        expect.objectContaining({ code: 'INVALID_OPTION' }) as unknown as Error,
      );
      try {
        pngDataUrl(picture);
      } catch (error) {
        expect(SegmetricsError.isInstance(error)).toBe(true);
      }
    }
  });
});
