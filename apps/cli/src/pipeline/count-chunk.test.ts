import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { describe, expect, it, vi } from 'vitest';
import type { FilePair } from './types.js';

// Counts every decode by path, to check that a pair carrying two predictions reads its ground truth once.
const decoded = new Map<string, number>();
vi.mock('@segmetrics/io/node', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@segmetrics/io/node')>();
  return {
    ...actual,
    readLabelMapSync: (path: string, options?: Record<string, unknown>) => {
      decoded.set(path, (decoded.get(path) ?? 0) + 1);
      return actual.readLabelMapSync(path, options);
    },
  };
});
const { countChunk } = await import('./count-chunk.js');

function png(path: string, data: number[]): string {
  writeFileSync(path, encode({ width: 2, height: 2, data: Uint8Array.from(data), channels: 1, depth: 8 }));
  return path;
}

function pairs(n: number): FilePair[] {
  const dir = mkdtempSync(join(tmpdir(), 'segmetrics-count-chunk-'));
  return Array.from({ length: n }, (_, i) => ({
    id: `img_${i}`,
    gtPath: png(join(dir, `gt_${i}.png`), [0, 1, 2, (i % 3) as number]),
    predPath: png(join(dir, `a_${i}.png`), [0, 1, 1, 1]),
    otherPredPaths: [png(join(dir, `b_${i}.png`), [0, 2, 2, i % 3])],
  }));
}

const matrixOptions = { numClasses: 3, ignoreIndex: [255], perImage: true };

describe('countChunk', () => {
  it('decodes each ground truth once and counts both predictions as two single runs would', () => {
    const list = pairs(4);
    decoded.clear();
    const [a, b] = countChunk(
      { matrixOptions, decodeOptions: {}, predictions: 2 },
      { chunkIndex: 0, pairs: list },
    );
    for (const pair of list) {
      expect(decoded.get(pair.gtPath)).toBe(1);
      expect(decoded.get(pair.predPath)).toBe(1);
      expect(decoded.get(pair.otherPredPaths![0]!)).toBe(1);
    }
    const [aloneA] = countChunk(
      { matrixOptions, decodeOptions: {} },
      { chunkIndex: 0, pairs: list.map(({ otherPredPaths: _b, ...p }) => p) },
    );
    const [aloneB] = countChunk(
      { matrixOptions, decodeOptions: {} },
      {
        chunkIndex: 0,
        pairs: list.map((p) => ({ id: p.id, gtPath: p.gtPath, predPath: p.otherPredPaths![0]! })),
      },
    );
    expect(a!.toJSON()).toEqual(aloneA!.toJSON());
    expect(b!.toJSON()).toEqual(aloneB!.toJSON());
  });

  it('names the second prediction when its size differs from the ground truth', () => {
    const [pair] = pairs(1);
    const wide = png(pair!.otherPredPaths![0]!.replace('b_0', 'wide'), [0, 0, 0, 0]);
    writeFileSync(
      wide,
      encode({ width: 4, height: 1, data: Uint8Array.from([0, 0, 0, 0]), channels: 1, depth: 8 }),
    );
    expect(() =>
      countChunk(
        { matrixOptions, decodeOptions: {}, predictions: 2 },
        { chunkIndex: 0, pairs: [{ ...pair!, otherPredPaths: [wide] }] },
      ),
    ).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringContaining(wide) }));
  });
});
