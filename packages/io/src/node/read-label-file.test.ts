import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rawPng } from '../../test/helpers.js';
import { decodePng } from '../decode-png.js';
import { encodeLabelPng } from '../encode.js';
import { readLabelMap, readLabelMapSync } from './read-label-map.js';

const dir = () => mkdtempSync(join(tmpdir(), 'segmetrics-read-'));
const MiB = 2 ** 20;

/** A `.npy` v1.0 header + data for a (height, width) uint8 array. */
function npy(height: number, width: number, values: number[]): Uint8Array {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${height}, ${width}), }`;
  header = `${header.padEnd(64 - 10 - 1, ' ')}\n`;
  const out = new Uint8Array(10 + header.length + values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(
    Array.from(header, (c) => c.charCodeAt(0)),
    10,
  );
  out.set(values, 10 + header.length);
  return out;
}

const readers = [
  ['readLabelMapSync', async (path: string, options = {}) => readLabelMapSync(path, options)],
  ['readLabelMap', readLabelMap],
] as const;

describe('readLabelMap and readLabelMapSync', () => {
  it('refuse FIFOs, devices, links to devices and folders named like label maps without reading them', async () => {
    const root = dir();
    execFileSync('mkfifo', [join(root, 'fifo.png')]);
    symlinkSync('/dev/zero', join(root, 'zero.png'));
    mkdirSync(join(root, 'folder.png'));
    for (const [name, read] of readers) {
      for (const [file, kind] of [
        ['fifo.png', 'a FIFO'],
        ['zero.png', 'a character device'],
        ['folder.png', 'a folder'],
      ] as const) {
        await expect(read(join(root, file)), `${name} ${file}`).rejects.toMatchObject({
          code: 'IO_FAILED',
          context: { file: join(root, file), kind },
        });
      }
      await expect(read('/dev/zero')).rejects.toMatchObject({ code: 'IO_FAILED' });
      await expect(read(join(root, 'missing.png'))).rejects.toMatchObject({
        code: 'IO_FAILED',
        context: { errno: 'ENOENT' },
      });
    }
  });

  it('refuse a PNG file larger than its header allows before reading it, naming file and size', async () => {
    const root = dir();
    const path = join(root, 'big.png');
    writeFileSync(path, encodeLabelPng([1, 2, 3, 4], 2, 2));
    truncateSync(path, 17 * MiB); // sparse: 17 MiB for a 2×2 image (limit: 2 × 6 + 16 MiB)
    for (const [name, read] of readers) {
      await expect(read(path), name).rejects.toMatchObject({
        code: 'IMAGE_TOO_LARGE',
        context: { file: path, bytes: 17 * MiB, limit: 16 * MiB + 12 },
      });
    }
  });

  it('refuse a large PNG whose header declares more pixels than maxPixels from its first bytes', async () => {
    const root = dir();
    const path = join(root, 'huge.png');
    writeFileSync(path, rawPng({ width: 100_000, height: 100_000, bitDepth: 8, colorType: 0 }, []));
    truncateSync(path, 20 * MiB);
    for (const [name, read] of readers) {
      await expect(read(path), name).rejects.toMatchObject({
        code: 'IMAGE_TOO_LARGE',
        context: { file: path },
      });
    }
  });

  it('read a .npy file up to the end of its array, ignoring trailing bytes', async () => {
    const root = dir();
    const path = join(root, 'labels.npy');
    writeFileSync(path, npy(2, 2, [1, 2, 3, 4]));
    truncateSync(path, 20 * MiB);
    for (const [name, read] of readers) {
      const map = await read(path);
      expect(Array.from(map.data), name).toEqual([1, 2, 3, 4]);
    }
  });

  it('readLabelMapSync reuses its read buffer without changing label maps already returned', () => {
    const root = dir();
    writeFileSync(join(root, 'a.png'), encodeLabelPng([1, 2, 3, 4], 2, 2));
    writeFileSync(join(root, 'b.png'), encodeLabelPng([9, 9, 9, 9, 9, 9], 3, 2));
    writeFileSync(join(root, 'c.npy'), npy(1, 3, [5, 6, 7]));
    const a = readLabelMapSync(join(root, 'a.png'));
    const c = readLabelMapSync(join(root, 'c.npy'));
    const fastPng = readLabelMapSync(join(root, 'a.png'), { decoder: decodePng });
    readLabelMapSync(join(root, 'b.png'));
    readLabelMapSync(join(root, 'b.png'), { decoder: decodePng });
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(c.data)).toEqual([5, 6, 7]);
    expect(Array.from(fastPng.data)).toEqual([1, 2, 3, 4]);
    expect(fastPng.source).toBe('fast-png');
  });

  it('palettes are read when asked for, from the file they came from (not the reused read buffer)', () => {
    const root = dir();
    const palette = (shift: number) => Array.from({ length: 4 }, (_, i) => [i + shift, 2 * i, 255 - i]);
    const zlibStream = deflateSync(Uint8Array.from([0, 0, 1, 0, 2, 3]));
    const plte = (shift: number) => Uint8Array.from(palette(shift).flat());
    writeFileSync(
      join(root, 'a.png'),
      rawPng({ width: 2, height: 2, bitDepth: 8, colorType: 3 }, [
        ['PLTE', plte(10)],
        ['tRNS', Uint8Array.from([0, 128])],
        ['IDAT', zlibStream],
      ]),
    );
    writeFileSync(
      join(root, 'b.png'),
      rawPng({ width: 2, height: 2, bitDepth: 8, colorType: 3 }, [
        ['PLTE', plte(90)],
        ['IDAT', zlibStream],
      ]),
    );
    const a = readLabelMapSync(join(root, 'a.png'));
    const b = readLabelMapSync(join(root, 'b.png'));
    const alpha = [0, 128, 255, 255];
    expect(a.palette).toEqual(palette(10).map((entry, i) => [...entry, alpha[i]]));
    expect(b.palette).toEqual(palette(90));
    expect(a.palette).toEqual(readLabelMapSync(join(root, 'a.png'), { decoder: decodePng }).palette);
    expect(Array.from(a.data)).toEqual([0, 1, 2, 3]);
    expect({ ...b }.palette).toEqual(palette(90));
  });

  it("decoder is 'auto' or a decoder function; the old 'fast-png' string says what to pass instead", () => {
    const root = dir();
    writeFileSync(join(root, 'a.png'), encodeLabelPng([1, 2, 3, 4], 2, 2));
    const path = join(root, 'a.png');
    expect(readLabelMapSync(path, { decoder: 'auto' }).source).toBe('fast-path');
    expect(() => readLabelMapSync(path, { decoder: 'fast-png' as never })).toThrowError(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringMatching(
          /a\.png: decoder must be 'auto' or a decoder function \(for fast-png, pass decodePng from '@segmetrics\/io'\)/,
        ),
      }),
    );
    expect(() => readLabelMapSync(path, { decoder: 'pillow' as never })).toThrowError(
      /decoder must be 'auto' or a decoder function$/,
    );
  });
});
