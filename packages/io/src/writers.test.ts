import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from './decode-png.js';
import { encodeColorizedPng, encodeErrorMapPng, encodeLabelPng, encodePaletteScanlines } from './encode.js';
import * as nodeWriters from './encode-node.js';

describe('encodeLabelPng', () => {
  it('encodeLabelPng picks 8 or 16 bits and rejects out-of-range or non-integer labels', () => {
    expect(decodePng(encodeLabelPng([0, 255], 2, 1)).bitDepth).toBe(8);
    expect(decodePng(encodeLabelPng([0, 256], 2, 1)).bitDepth).toBe(16);
    expect(() => encodeLabelPng([0, 256], 2, 1, { bitDepth: 8 })).toThrowError(
      expect.objectContaining({ code: 'LABEL_OUT_OF_RANGE' }),
    );
    expect(() => encodeLabelPng([0, 1.5], 2, 1)).toThrowError(
      expect.objectContaining({ code: 'LABEL_NOT_INTEGER' }),
    );
    expect(() => encodeLabelPng([0, 1, 2], 2, 1)).toThrowError(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});

describe('encodeColorizedPng', () => {
  it('encodeColorizedPng writes a palette PNG whose indices are the labels, with fallback colours', () => {
    const map = decodePng(
      encodeColorizedPng({ data: [0, 3], width: 2, height: 1 }, [[9, 9, 9]], { fallbackColor: [1, 1, 1] }),
    );
    expect(Array.from(map.data)).toEqual([0, 3]);
    expect(map.palette).toEqual([
      [9, 9, 9],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('encodeColorizedPng writes RGB for labels above 255 and rejects negative labels', () => {
    const map = decodePng(encodeColorizedPng({ data: [0, 300], width: 2, height: 1 }, []), {
      colorPalette: { '#000000': 0, '#ff0000': 1 },
      unknownColor: 7,
    });
    expect(map.colorType).toBe('rgb');
    expect(Array.from(map.data)).toEqual([0, 7]);
    expect(() => encodeColorizedPng({ data: [-1], width: 1, height: 1 }, [])).toThrowError(
      expect.objectContaining({ code: 'LABEL_OUT_OF_RANGE' }),
    );
  });

  it('encodeColorizedPng compresses with the given compressor (same image, same level) when asked', () => {
    const data = Array.from({ length: 64 * 48 }, (_, i) => (i >> 5) % 7);
    const labelMap = { data, width: 64, height: 48 };
    const levels: number[] = [];
    const compress = (bytes: Uint8Array, level: number) => {
      levels.push(level);
      return deflateSync(bytes, { level });
    };
    const viaNode = encodeColorizedPng(labelMap, [], { filter: 0, compress });
    const portable = encodeColorizedPng(labelMap, [], { filter: 0 });
    expect(levels).toEqual([6]);
    expect(Array.from(decodePng(viaNode).data)).toEqual(data);
    expect(decodePng(viaNode).palette).toEqual(decodePng(portable).palette);
    expect(
      Array.from(
        decodePng(encodeColorizedPng({ data: [0, 300], width: 2, height: 1 }, [], { compress }), {
          colorPalette: { '#000000': 0 },
          unknownColor: 7,
        }).data,
      ),
    ).toEqual([0, 7]);
  });
});

it('encodeColorizedPng writes byte arrays under the None and Up filters in one pass, as other arrays', () => {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const palette = Array.from({ length: 256 }, (_, k) => [k, 255 - k, (k * 7) % 256] as const);
  for (const [width, height] of [
    [1, 1],
    [1, 9],
    [9, 1],
    [37, 23],
    [256, 128],
  ] as const) {
    // Runs and noise, up to a largest label that varies (the palette is cut after it).
    const top = 1 + Math.floor(random() * 255);
    const bytes = Uint8Array.from({ length: width * height }, (_, i) =>
      random() < 0.3 ? Math.floor(random() * (top + 1)) : (i >> 3) % (top + 1),
    );
    for (const filter of [0, 2] as const) {
      const fused = encodeColorizedPng({ data: bytes, width, height }, palette, { filter });
      // A Uint16Array takes the general path: packed row by row, then filtered.
      const general = encodeColorizedPng({ data: Uint16Array.from(bytes), width, height }, palette, {
        filter,
      });
      expect(Buffer.from(fused).equals(Buffer.from(general)), `${width}×${height} filter ${filter}`).toBe(
        true,
      );
      const decoded = decodePng(fused);
      expect(decoded.data).toEqual(bytes);
      expect(decoded.palette?.length).toBe(Math.max(...bytes) + 1);
    }
  }
});

describe('encodePaletteScanlines', () => {
  it('wraps filtered scanlines as given: the bytes encodeColorizedPng writes for the same rows and filter', () => {
    const width = 5;
    const height = 3;
    const labels = Uint8Array.of(0, 0, 1, 2, 2, 0, 1, 1, 2, 0, 3, 3, 1, 0, 0);
    const palette = [
      [10, 20, 30],
      [40, 50, 60],
      [70, 80, 90],
      [100, 110, 120],
    ] as const;
    // Up filter by hand: the first row as is, then each byte minus the one above (mod 256).
    const up = new Uint8Array(height * (width + 1));
    for (let y = 0; y < height; y++) {
      up[y * (width + 1)] = 2;
      for (let x = 0; x < width; x++) {
        const v = labels[y * width + x]!;
        up[y * (width + 1) + 1 + x] = (v - (y === 0 ? 0 : labels[(y - 1) * width + x]!)) & 0xff;
      }
    }
    const png = encodePaletteScanlines({ width, height, data: up }, palette);
    const colorized = encodeColorizedPng({ data: labels, width, height }, palette, { filter: 2 });
    expect(Buffer.from(png).equals(Buffer.from(colorized))).toBe(true);
    expect(decodePng(png).data).toEqual(labels);
  });

  it('refuses a wrong size, a filter type above 4 and a palette of 0 or more than 256 colours', () => {
    const data = new Uint8Array(2 * 3).fill(0);
    expect(() => encodePaletteScanlines({ width: 2, height: 3, data }, [[0, 0, 0]])).toThrow(
      'palette scanlines hold 6 bytes, expected 3 × (2 + 1)',
    );
    const bad = new Uint8Array(3 * 3);
    bad[3] = 5;
    expect(() => encodePaletteScanlines({ width: 2, height: 3, data: bad }, [[0, 0, 0]])).toThrow(
      'row 1 has filter type 5, expected 0 … 4',
    );
    const ok = new Uint8Array(3 * 3);
    expect(() => encodePaletteScanlines({ width: 2, height: 3, data: ok }, [])).toThrow('got 0');
    const many = Array.from({ length: 257 }, () => [0, 0, 0] as const);
    expect(() => encodePaletteScanlines({ width: 2, height: 3, data: ok }, many)).toThrow('got 257');
    expect(() => encodePaletteScanlines({ width: 0, height: 3, data: ok }, [[0, 0, 0]])).toThrow(
      'invalid image size 0 × 3',
    );
  });
});

describe('encodeErrorMapPng', () => {
  it('encodeErrorMapPng marks correct, wrong (including predicted ignore) and ignored pixels', () => {
    const bytes = encodeErrorMapPng([1, 2, 255, 4], [1, 3, 2, 255], {
      width: 4,
      height: 1,
      ignoreIndex: [255],
    });
    const map = decodePng(bytes);
    expect(Array.from(map.data)).toEqual([0, 1, 1, 2]);
    expect(map.palette).toEqual([
      [0, 0, 0],
      [255, 0, 0],
      [128, 128, 128],
    ]);
    expect(() => encodeErrorMapPng([1], [1, 2], { width: 2, height: 1 })).toThrowError(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});

describe('the Node writers (what Node resolves @segmetrics/io/encode to)', () => {
  it('draw the same images as the portable writers, compressed by node:zlib', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const [width, height] of [
      [1, 1],
      [7, 3],
      [64, 33],
    ] as const) {
      const labels = Array.from({ length: width * height }, () => Math.floor(random() * 6));
      const wide = labels.map((v) => v * 4000);
      const other = labels.map((v) => (random() < 0.3 ? 5 - v : v));
      const palette = [[10, 20, 30], null, [200, 0, 0]] as const;
      const pairs: [Uint8Array, Uint8Array][] = [
        [
          nodeWriters.encodeColorizedPng({ data: labels, width, height }, palette),
          encodeColorizedPng({ data: labels, width, height }, palette),
        ],
        [
          nodeWriters.encodeColorizedPng({ data: other, width, height }, palette, { filter: 2 }),
          encodeColorizedPng({ data: other, width, height }, palette, { filter: 2 }),
        ],
        [
          nodeWriters.encodeErrorMapPng(other, labels, { width, height, ignoreIndex: 5 }),
          encodeErrorMapPng(other, labels, { width, height, ignoreIndex: 5 }),
        ],
        [nodeWriters.encodeLabelPng(wide, width, height), encodeLabelPng(wide, width, height)],
        [
          nodeWriters.encodeLabelPng(labels, width, height, { level: 1, filter: 4 }),
          encodeLabelPng(labels, width, height, { level: 1, filter: 4 }),
        ],
      ];
      for (const [fromNode, portable] of pairs) {
        const a = decodePng(fromNode);
        const b = decodePng(portable);
        expect(Array.from(a.data)).toEqual(Array.from(b.data));
        expect([a.width, a.height, a.bitDepth, a.palette]).toEqual([
          b.width,
          b.height,
          b.bitDepth,
          b.palette,
        ]);
      }
    }
    // Given one compressor, the files are byte for byte the same: node:zlib's native CRC-32 of every
    // chunk is the package's table's.
    const compress = (data: Uint8Array, level: number) => deflateSync(data, { level });
    for (const [width, height] of [
      [1, 1],
      [5, 2],
      [300, 41],
    ] as const) {
      const labels = Array.from({ length: width * height }, () => Math.floor(random() * 250));
      const palette = Array.from({ length: 250 }, (_, k) => [k, 255 - k, (k * 7) & 255] as const);
      expect(nodeWriters.encodeColorizedPng({ data: labels, width, height }, palette, { compress })).toEqual(
        encodeColorizedPng({ data: labels, width, height }, palette, { compress }),
      );
      const scanlines = { width, height, data: new Uint8Array(height * (width + 1)).map(() => random() * 4) };
      for (let y = 0; y < height; y++) scanlines.data[y * (width + 1)] = y % 5;
      expect(nodeWriters.encodePaletteScanlines(scanlines, palette.slice(0, 4), { compress })).toEqual(
        encodePaletteScanlines(scanlines, palette.slice(0, 4), { compress }),
      );
    }
    // The data stream is node:zlib's own: the IDAT of a 1-row gray PNG is deflateSync's output.
    const png = nodeWriters.encodeLabelPng([1, 2, 3], 3, 1, { filter: 0 });
    const idat = Buffer.from(png).indexOf('IDAT');
    const length = Buffer.from(png).readUInt32BE(idat - 4);
    expect(Buffer.from(png.subarray(idat + 4, idat + 4 + length))).toEqual(
      deflateSync(Uint8Array.from([0, 1, 2, 3]), { level: 6 }),
    );
  });
});
