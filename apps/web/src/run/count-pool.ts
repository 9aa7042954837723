import { ConfusionMatrix } from '@segmetrics/core';
import type { CountSetup } from '../worker/count-pair.js';
import {
  type ChunkTask,
  deserializeError,
  type FromWorker,
  type PairTask,
  type PictureResult,
  type PictureTask,
  type ToWorker,
} from './messages.js';

/** The part of a `Worker` the pool uses (a real Web Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The counted matrices (one per prediction folder) and the counting kernels the workers reported. */
export interface PoolResult {
  readonly matrices: readonly ConfusionMatrix[];
  /** Distinct counting kernels of the images (core's `lastCountKernel()`), sorted. */
  readonly kernels: readonly string[];
}

/** Thrown (and only thrown) when the run is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * Pairs per chunk: the CLI's rule (`countPairs`), from the number of pairs and workers, 1 … 16, so that
 * every worker gets several chunks and memory stays bounded by the chunks in flight.
 */
export function chunkSizeFor(pairs: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(pairs / (Math.max(1, workers) * 8))));
}

/** Cuts `pairs` into chunks of consecutive pairs, numbered in order. */
export function chunksOf(pairs: readonly PairTask[], size: number): ChunkTask[] {
  const chunks: ChunkTask[] = [];
  for (let start = 0, index = 0; start < pairs.length; start += size, index++) {
    chunks.push({ chunkIndex: index, pairs: pairs.slice(start, start + size) });
  }
  return chunks;
}

function describeWorkerError(event: ErrorEvent): Error {
  const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
  return new Error(`a counting worker failed: ${event.message || 'it could not start'}${where}`);
}

/**
 * Decodes and counts on a pool of Web Workers. Chunks of consecutive pairs go to whichever worker is
 * free (at most two in flight per worker, and never more than a few chunks ahead of the oldest one not
 * yet merged, so memory stays bounded); their matrices are merged in chunk order, so the result — the
 * counts and the order of the per-image statistics — is bit-identical for any number of workers, and to
 * the CLI's. The first failing chunk in pair order decides the error. Cancelling (the `signal`)
 * terminates the workers at once.
 */
export class CountPool {
  readonly #workers: WorkerLike[];
  readonly #setup: CountSetup;
  readonly #predictions: 1 | 2;
  #closed = false;

  constructor(createWorker: () => WorkerLike, workers: number, setup: CountSetup, predictions: 1 | 2) {
    this.#setup = setup;
    this.#predictions = predictions;
    this.#workers = Array.from({ length: Math.max(1, workers) }, () => {
      const worker = createWorker();
      worker.postMessage({ type: 'setup', setup, predictions });
      return worker;
    });
  }

  /** Number of workers. */
  get size(): number {
    return this.#workers.length;
  }

  /** Terminates every worker (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const worker of this.#workers) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
  }

  /**
   * Counts `pairs` in chunks of `chunkSize`; `onProgress(done, total)` after each image. Rejects with
   * the first failing chunk's error, a worker's error, or {@link CancelledError}.
   */
  count(
    pairs: readonly PairTask[],
    options: {
      chunkSize?: number;
      onProgress?: (done: number, total: number) => void;
      signal?: AbortSignal;
    } = {},
  ): Promise<PoolResult> {
    const chunks = chunksOf(pairs, options.chunkSize ?? chunkSizeFor(pairs.length, this.#workers.length));
    const matrices = Array.from(
      { length: this.#predictions },
      () => new ConfusionMatrix(this.#setup.matrixOptions),
    );
    const kernels = new Set<string>();
    const lookAhead = this.#workers.length * 3;
    return new Promise<PoolResult>((resolve, reject) => {
      const inFlight = new Map<WorkerLike, number>();
      const done = new Map<number, FromWorker>();
      let nextToSend = 0;
      let nextToMerge = 0;
      let images = 0;
      let finished = false;

      const finish = (outcome: { error: unknown } | { result: PoolResult }) => {
        if (finished) return;
        finished = true;
        options.signal?.removeEventListener('abort', onAbort);
        for (const worker of this.#workers) {
          worker.onmessage = null;
          worker.onerror = null;
        }
        if ('error' in outcome) {
          this.close();
          reject(outcome.error);
        } else resolve(outcome.result);
      };
      const onAbort = () => finish({ error: new CancelledError() });
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      options.signal?.addEventListener('abort', onAbort);

      const dispatch = () => {
        for (const worker of this.#workers) {
          while (
            !finished &&
            (inFlight.get(worker) ?? 0) < 2 &&
            nextToSend < chunks.length &&
            nextToSend < nextToMerge + lookAhead
          ) {
            worker.postMessage({ type: 'chunk', task: chunks[nextToSend]! });
            inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
            nextToSend++;
          }
        }
      };

      const drain = () => {
        while (!finished && done.has(nextToMerge)) {
          const message = done.get(nextToMerge)!;
          done.delete(nextToMerge);
          nextToMerge++;
          if (message.type === 'chunk-failed') {
            finish({ error: deserializeError(message.error) });
            return;
          }
          if (message.type !== 'chunk-done') continue;
          try {
            message.states.forEach((state, i) => {
              matrices[i]!.merge(ConfusionMatrix.fromJSON(state));
            });
          } catch (error) {
            finish({ error });
            return;
          }
          for (const kernel of message.kernels) kernels.add(kernel);
        }
        if (nextToMerge === chunks.length) finish({ result: { matrices, kernels: [...kernels].sort() } });
      };

      for (const worker of this.#workers) {
        worker.onmessage = (event) => {
          const message = event.data;
          if (message.type === 'pair-done') {
            images++;
            options.onProgress?.(images, pairs.length);
            return;
          }
          if (message.type !== 'chunk-done' && message.type !== 'chunk-failed') return;
          inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
          done.set(message.chunkIndex, message);
          drain();
          dispatch();
        };
        worker.onerror = (event) => {
          event.preventDefault?.();
          finish({ error: describeWorkerError(event) });
        };
      }
      if (chunks.length === 0) finish({ result: { matrices, kernels: [] } });
      else dispatch();
    });
  }

  /**
   * Draws the pictures of the worst images (the tasks spread over the workers, a few each); resolves
   * with one result per task, in task order. Rejects with a worker's error or {@link CancelledError}.
   */
  pictures(
    tasks: readonly PictureTask[],
    colors: readonly (readonly [number, number, number])[],
    signal?: AbortSignal,
  ): Promise<PictureResult[]> {
    const results: PictureResult[] = new Array(tasks.length);
    const groups = this.#workers.map((_, w) => tasks.filter((_, i) => i % this.#workers.length === w));
    return new Promise<PictureResult[]>((resolve, reject) => {
      let pending = groups.filter((group) => group.length > 0).length;
      let finished = false;
      const finish = (error?: unknown) => {
        if (finished) return;
        finished = true;
        signal?.removeEventListener('abort', onAbort);
        for (const worker of this.#workers) {
          worker.onmessage = null;
          worker.onerror = null;
        }
        if (error === undefined) resolve(results);
        else {
          this.close();
          reject(error);
        }
      };
      const onAbort = () => finish(new CancelledError());
      signal?.addEventListener('abort', onAbort);
      if (pending === 0) {
        finish();
        return;
      }
      this.#workers.forEach((worker, w) => {
        const group = groups[w]!;
        if (group.length === 0) return;
        worker.onmessage = (event) => {
          if (event.data.type !== 'pictures-done') return;
          for (const result of event.data.results) {
            const index = tasks.findIndex((task) => task.index === result.index);
            if (index >= 0) results[index] = result;
          }
          if (--pending === 0) finish();
        };
        worker.onerror = (event) => {
          event.preventDefault?.();
          finish(describeWorkerError(event));
        };
        worker.postMessage({ type: 'pictures', tasks: group, colors });
      });
    });
  }
}
