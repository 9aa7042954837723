import { ConfusionMatrix } from '@segmetrics/core';
import { encodeLabelPng } from '@segmetrics/io';
import { describe, expect, it } from 'vitest';
import { type CountSetup, countDecoded, decodeNamed } from '../worker/count-pair.js';
import { CancelledError, CountPool, chunkSizeFor, chunksOf, type WorkerLike } from './count-pool.js';
import { type FromWorker, type PairTask, serializeError, type ToWorker } from './messages.js';

const SETUP: CountSetup = { matrixOptions: { numClasses: 3, perImage: true }, decodeOptions: {} };

function png(width: number, height: number, seed: number): File {
  const labels = Uint8Array.from({ length: width * height }, (_, i) => (i * seed + (i >> 2)) % 3);
  return new File([encodeLabelPng(labels, width, height) as Uint8Array<ArrayBuffer>], `${seed}.png`);
}

function pairs(count: number, badAt = -1): PairTask[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `img_${i}`,
    gt: png(8, 6, i + 1),
    gtPath: `gt/img_${i}.png`,
    pred: png(i === badAt ? 6 : 8, 6, i + 2),
    predPath: `pred/img_${i}.png`,
  }));
}

/** A stand-in for the Web Worker: the same decode and count, answered on later macrotasks. */
class InlineWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  #setup: CountSetup | null = null;
  #queue: Promise<void> = Promise.resolve();

  postMessage(message: ToWorker): void {
    this.#queue = this.#queue.then(() => this.#handle(message));
  }

  terminate(): void {
    this.terminated = true;
  }

  #post(data: FromWorker): Promise<void> {
    return new Promise((done) =>
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.({ data } as MessageEvent<FromWorker>);
        done();
      }, Math.random() * 3),
    );
  }

  async #handle(message: ToWorker): Promise<void> {
    if (message.type === 'setup') {
      this.#setup = message.setup;
      return;
    }
    if (message.type !== 'chunk') return;
    const setup = this.#setup!;
    const matrix = new ConfusionMatrix(setup.matrixOptions);
    try {
      for (const pair of message.task.pairs) {
        const gt = await decodeNamed(new Uint8Array(await pair.gt.arrayBuffer()), pair.gtPath, setup);
        const pred = await decodeNamed(new Uint8Array(await pair.pred.arrayBuffer()), pair.predPath, setup);
        countDecoded(matrix, gt, pred, pair, setup.matrixOptions);
        await this.#post({ type: 'pair-done', chunkIndex: message.task.chunkIndex });
      }
    } catch (error) {
      await this.#post({
        type: 'chunk-failed',
        chunkIndex: message.task.chunkIndex,
        error: serializeError(error),
      });
      return;
    }
    await this.#post({
      type: 'chunk-done',
      chunkIndex: message.task.chunkIndex,
      states: [matrix.toJSON()],
      kernels: ['general'],
    });
  }
}

describe('chunkSizeFor', () => {
  it('chunkSizeFor gives every worker several chunks of 1 to 16 pairs', () => {
    expect(chunkSizeFor(1, 4)).toBe(1);
    expect(chunkSizeFor(100, 2)).toBe(7);
    expect(chunkSizeFor(100_000, 4)).toBe(16);
    expect(chunksOf(pairs(5), 2).map((chunk) => chunk.pairs.length)).toEqual([2, 2, 1]);
  });
});

describe('CountPool', () => {
  it('CountPool merges the chunks in pair order: any number of workers gives the same matrix', async () => {
    const list = pairs(11);
    const results = [];
    for (const workers of [1, 3]) {
      const pool = new CountPool(() => new InlineWorker(), workers, SETUP, 1);
      const progress: number[] = [];
      const result = await pool.count(list, { chunkSize: 2, onProgress: (done) => progress.push(done) });
      pool.close();
      expect(progress).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      expect(result.kernels).toEqual(['general']);
      results.push(result.matrices[0]!.toJSON());
    }
    expect(results[1]).toEqual(results[0]);
    const direct = new ConfusionMatrix(SETUP.matrixOptions);
    for (const pair of list) {
      const gt = await decodeNamed(new Uint8Array(await pair.gt.arrayBuffer()), pair.gtPath, SETUP);
      const pred = await decodeNamed(new Uint8Array(await pair.pred.arrayBuffer()), pair.predPath, SETUP);
      countDecoded(direct, gt, pred, pair, SETUP.matrixOptions);
    }
    expect(results[0]).toEqual(direct.toJSON());
  });

  it('CountPool rejects with the failing pair’s error, naming both files, and stops the workers', async () => {
    const workers: InlineWorker[] = [];
    const pool = new CountPool(
      () => {
        const worker = new InlineWorker();
        workers.push(worker);
        return worker;
      },
      2,
      SETUP,
      1,
    );
    const error = await pool.count(pairs(9, 5), { chunkSize: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SHAPE_MISMATCH', context: { file: 'pred/img_5.png' } });
    expect((error as Error).message).toContain('gt/img_5.png');
    expect(workers.every((worker) => worker.terminated)).toBe(true);
  });

  it('CountPool rejects with CancelledError when the run is cancelled', async () => {
    const controller = new AbortController();
    const pool = new CountPool(() => new InlineWorker(), 2, SETUP, 1);
    const counting = pool.count(pairs(20), {
      chunkSize: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 3) controller.abort();
      },
    });
    await expect(counting).rejects.toBeInstanceOf(CancelledError);
  });
});
