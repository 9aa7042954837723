import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfusionMatrix } from '@segmetrics/core';
import { readLabelMapSync } from '@segmetrics/io/node';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { countPairs } from './count-pairs.js';
import type { FilePair } from './types.js';

function dataset(n: number): FilePair[] {
  const dir = mkdtempSync(join(tmpdir(), 'segmetrics-count-pairs-'));
  return Array.from({ length: n }, (_, i) => {
    const gtPath = join(dir, `gt_${i}.png`);
    const predPath = join(dir, `pred_${i}.png`);
    const gt = Uint8Array.from([0, 1, 2, 255].map((v) => (v === 255 ? v : (v + i) % 3)));
    const pred = Uint8Array.from([0, 1, 2, 0].map((v) => (v + 2 * i) % 3));
    writeFileSync(gtPath, encode({ width: 2, height: 2, data: gt, channels: 1, depth: 8 }));
    writeFileSync(predPath, encode({ width: 2, height: 2, data: pred, channels: 1, depth: 8 }));
    return { id: `img_${String(i).padStart(2, '0')}`, gtPath, predPath };
  });
}

const setup = { matrixOptions: { numClasses: 3, ignoreIndex: [255], perImage: true }, decodeOptions: {} };

describe('countPairs', () => {
  it('counts every pair, in order, whatever the chunk size', async () => {
    const pairs = dataset(7);
    const one = await countPairs(setup, pairs, { workers: 1, chunkSize: 1 });
    const three = await countPairs(setup, pairs, { workers: 1, chunkSize: 3 });
    expect(one.complete).toBe(true);
    expect(one.matrix.images).toBe(7);
    expect(one.matrix.ignoredPixels).toBe(7);
    expect(three.matrix.toJSON()).toEqual(one.matrix.toJSON());
    expect(one.matrix.sampleIds).toEqual(pairs.map((p) => p.id));
    // Chunks after the first are counted into emptied matrices of merged chunks: nothing carries over.
    const direct = new ConfusionMatrix(setup.matrixOptions);
    for (const pair of pairs) {
      const gt = readLabelMapSync(pair.gtPath);
      direct.update(readLabelMapSync(pair.predPath).data, gt.data, { sampleId: pair.id });
    }
    expect(one.matrix.toJSON()).toEqual(direct.toJSON());
  });

  it('gives the same state with worker threads (the built worker.js) as in one thread', async () => {
    const pairs = dataset(9);
    const one = await countPairs(setup, pairs, { workers: 1, chunkSize: 1 });
    const three = await countPairs(setup, pairs, { workers: 3, chunkSize: 1 });
    expect(three.complete).toBe(true);
    expect(three.matrix.toJSON()).toEqual(one.matrix.toJSON());
  });

  it('stops after a prefix of whole chunks when asked', async () => {
    const result = await countPairs(setup, dataset(7), { workers: 1, chunkSize: 2, stopAfter: 3 });
    expect(result.complete).toBe(false);
    expect(result.matrix.images).toBe(4);
  });

  it('stops before the next chunk when the signal is aborted', async () => {
    const controller = new AbortController();
    const result = await countPairs(setup, dataset(5), {
      workers: 1,
      chunkSize: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    expect(result.complete).toBe(false);
    expect(result.counted).toBe(2);
  });

  it('names the file when an image cannot be decoded, after merging the chunks before it', async () => {
    const pairs = dataset(3);
    const png = encode({ width: 2, height: 2, data: new Uint8Array(4), channels: 1, depth: 8 });
    writeFileSync(pairs[1]!.predPath, png.subarray(0, png.length - 20));
    for (const workers of [1, 2]) {
      const initial = (await countPairs(setup, [], { workers: 1 })).matrix;
      await expect(countPairs(setup, pairs, { workers, chunkSize: 1, initial })).rejects.toMatchObject({
        code: 'DECODE_FAILED',
        message: expect.stringContaining(pairs[1]!.predPath),
      });
      expect(initial.sampleIds).toEqual([pairs[0]!.id]);
    }
  });

  it('fails with an error when a worker thread cannot start while pairs are still being counted', async () => {
    // This thread stays busy (250 ms after each chunk, up to 30 chunks) until the thread's failure
    // arrives, between two of its chunks: however slowly a loaded machine starts the thread.
    await expect(
      countPairs(setup, dataset(30), {
        workers: 2,
        chunkSize: 1,
        workerScript: '/nonexistent/worker.js',
        onProgress: () => {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
        },
      }),
    ).rejects.toThrow(/worker/);
  });

  it("starts no worker thread for a job smaller than a thread's start-up under startWorkers 'when-worth-it'", async () => {
    const pairs = dataset(4);
    const one = await countPairs(setup, pairs, { workers: 1, chunkSize: 1 });
    // A thread that started would fail on this script: the tiny job runs in the calling thread alone.
    const lazy = await countPairs(setup, pairs, {
      workers: 2,
      chunkSize: 1,
      workerScript: '/nonexistent/worker.js',
      startWorkers: 'when-worth-it',
    });
    expect(lazy.complete).toBe(true);
    expect(lazy.matrix.toJSON()).toEqual(one.matrix.toJSON());
  });

  it("names the failing file under startWorkers 'when-worth-it' too", async () => {
    const pairs = dataset(3);
    writeFileSync(pairs[0]!.predPath, 'not a png');
    await expect(
      countPairs(setup, pairs, { workers: 2, chunkSize: 1, startWorkers: 'when-worth-it' }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining(pairs[0]!.predPath),
    });
  });
});
