import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unfilterInPlace } from './unfilter.js';
import { unfilterWasm } from './unfilter-wasm.js';
import {
  createWasmUnfilterKernel,
  unfilterKernelModuleBytes,
  type WebAssemblyApi,
} from './wasm-unfilter-kernel.js';

/** The PNG spec's definition, byte by byte, into a new buffer (the naive reference). */
function reference(filtered: Uint8Array, rowBytes: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (rowBytes + 1)]!;
    for (let i = 0; i < rowBytes; i++) {
      const x = filtered[y * (rowBytes + 1) + 1 + i]!;
      const a = i >= bpp ? out[y * rowBytes + i - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * rowBytes + i]! : 0;
      const c = i >= bpp && y > 0 ? out[(y - 1) * rowBytes + i - bpp]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[y * rowBytes + i] = (x + predictor) & 0xff;
    }
  }
  return out;
}

/** Filtered rows that look like label maps: runs from a few values, so the fast paths are exercised. */
const image = fc
  .record({
    bpp: fc.constantFrom(1, 2, 3, 4, 6, 8),
    pixels: fc.integer({ min: 1, max: 70 }),
    height: fc.integer({ min: 1, max: 9 }),
    values: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
    filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 9, maxLength: 9 }),
    seed: fc.integer(),
    sparse: fc.boolean(),
  })
  .map(({ bpp, pixels, height, values, filters, seed, sparse }) => {
    const rowBytes = bpp * pixels;
    const filtered = new Uint8Array(height * (rowBytes + 1));
    let state = seed >>> 0;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 16;
    };
    let run = values[0]!;
    for (let y = 0; y < height; y++) {
      filtered[y * (rowBytes + 1)] = filters[y]!;
      for (let i = 0; i < rowBytes; i++) {
        if (next() % 13 === 0) run = values[next() % values.length]!;
        // mostly zero filtered bytes (flat regions) with a few run values, or dense values
        filtered[y * (rowBytes + 1) + 1 + i] = sparse ? (next() % 9 === 0 ? run : 0) : run;
      }
    }
    return { filtered, rowBytes, height, bpp };
  });

describe('unfilterWasm', () => {
  it('unfilterWasm and unfilterInPlace equal the PNG definition on random images × filters × pixel sizes', () => {
    fc.assert(
      fc.property(image, ({ filtered, rowBytes, height, bpp }) => {
        const expected = reference(filtered, rowBytes, height, bpp);
        const wasm = filtered.slice();
        expect(unfilterWasm(wasm, rowBytes, height, bpp)).toBe(true);
        expect(Array.from(wasm.subarray(0, expected.length))).toEqual(Array.from(expected));
        const js = filtered.slice();
        unfilterInPlace(js, rowBytes, height, bpp);
        expect(Array.from(js.subarray(0, expected.length))).toEqual(Array.from(expected));
      }),
      { numRuns: 1500 },
    );
  });

  it('unfilterWasm crosses block boundaries and runs of flat rows exactly', () => {
    for (const [rowBytes, height, bpp] of [
      [4096, 200, 1],
      [8192, 70, 2],
      [300_000, 3, 4],
    ] as const) {
      const filtered = new Uint8Array(height * (rowBytes + 1));
      for (let y = 0; y < height; y++) {
        filtered[y * (rowBytes + 1)] = [4, 2, 1, 4, 3, 0][y % 6]!;
        for (let i = 1 + (y % 7); i < rowBytes; i += 97 + y) filtered[y * (rowBytes + 1) + 1 + i] = y;
      }
      const wasm = filtered.slice();
      unfilterWasm(wasm, rowBytes, height, bpp);
      const expected = reference(filtered, rowBytes, height, bpp);
      expect(wasm.subarray(0, expected.length).every((v, i) => v === expected[i])).toBe(true);
    }
  });

  it('unfilterWasm throws DECODE_FAILED naming the row of an invalid filter type', () => {
    const filtered = new Uint8Array(3 * 5);
    filtered[10] = 7;
    expect(() => unfilterWasm(filtered, 4, 3, 1, 'x.png')).toThrowError(
      expect.objectContaining({
        code: 'DECODE_FAILED',
        context: expect.objectContaining({ row: 2, filter: 7 }),
      }),
    );
  });

  it('the kernel is absent, and unfilterWasm declines, without WebAssembly or SIMD support', () => {
    expect(createWasmUnfilterKernel(undefined)).toBeNull();
    const noSimd: WebAssemblyApi = {
      ...(globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly,
      validate: () => false,
    };
    expect(createWasmUnfilterKernel(noSimd)).toBeNull();
    const throwing: WebAssemblyApi = {
      ...(globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly,
      Module: class {
        constructor() {
          throw new Error('CSP');
        }
      } as unknown as WebAssemblyApi['Module'],
    };
    expect(createWasmUnfilterKernel(throwing)).toBeNull();
    const buf = Uint8Array.from([1, 5, 6]);
    expect(unfilterWasm(buf, 2, 1, 1, undefined, null)).toBe(false);
    expect(Array.from(buf)).toEqual([1, 5, 6]);
    expect(unfilterKernelModuleBytes().length).toBeLessThan(4096);
    const full = {
      memory: {
        buffer: new ArrayBuffer(0),
        grow: () => {
          throw new RangeError('out of memory');
        },
      },
      unfilter: () => -1,
    };
    expect(unfilterWasm(buf, 2, 1, 1, undefined, full)).toBe(false);
    expect(Array.from(buf)).toEqual([1, 5, 6]);
  });
});
