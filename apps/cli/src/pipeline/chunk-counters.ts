import type { Worker as WorkerThread } from 'node:worker_threads';
import { ConfusionMatrix } from '@segmetrics/core';
import { requireBuiltin } from '../util/require-builtin.js';
import { countChunk, deserializeError } from './count-chunk.js';
import type { ChunkResult, ChunkTask, CountSetup, WorkerReady } from './types.js';

/** Something that decodes and counts one chunk of pairs into a matrix: this thread or a worker thread. */
export interface ChunkCounter {
  /**
   * Counts `task` into one matrix per prediction; rejects with the chunk's first error (a
   * `SegmetricsError` naming the file).
   */
  count(task: ChunkTask): Promise<ConfusionMatrix[]>;
  /** Tasks this counter may hold at once (a worker keeps one queued behind the running one). */
  readonly concurrency: number;
  /**
   * Settles once the counter can start on a chunk at once: a worker thread has booted and loaded its
   * modules (rejects if it never does). Chunks are handed to a counter only then, so that no chunk waits
   * in a booting thread while the others count past it and fill the in-order merge window.
   */
  readonly ready: Promise<void>;
  /** Stops the counter; pending counts reject. A worker thread is told to stop, not waited for. */
  close(): Promise<void>;
}

/**
 * Counts in the calling thread, one chunk per event-loop turn, so that worker messages, merges, timers
 * and signals are handled between its chunks. `spare` gives, when it has one, emptied matrices of merged
 * chunks to count into (see `countChunk`'s `reuse`).
 */
export function createMainThreadCounter(
  setup: CountSetup,
  spare: () => readonly ConfusionMatrix[] | undefined = () => undefined,
): ChunkCounter {
  return {
    concurrency: 1,
    ready: Promise.resolve(),
    async count(task) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return countChunk(setup, task, spare());
    },
    async close() {},
  };
}

/**
 * Counts in a worker thread running `script` (the built `worker.js`): tasks are posted in order, the
 * worker answers each with the chunk's matrix states (`toTransfer`: typed arrays, no JSON) or its error. `onFatal` is called if the
 * thread fails outside a task (cannot start, crashes, exits).
 */
export function createWorkerCounter(
  setup: CountSetup,
  script: URL | string,
  onFatal: (error: unknown) => void,
): ChunkCounter {
  const { Worker } = requireBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
  const worker: WorkerThread = new Worker(script, { workerData: setup });
  const pending = new Map<
    number,
    { resolve: (m: ConfusionMatrix[]) => void; reject: (e: unknown) => void }
  >();
  let closing = false;
  let becameReady: () => void = () => undefined;
  let neverReady: (error: unknown) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    becameReady = resolve;
    neverReady = reject;
  });
  // Nobody may be waiting when the thread fails before it is ready.
  ready.catch(() => undefined);
  worker.on('message', (result: ChunkResult | WorkerReady) => {
    if ('ready' in result) {
      becameReady();
      return;
    }
    const waiter = pending.get(result.chunkIndex);
    if (waiter === undefined) return;
    pending.delete(result.chunkIndex);
    if (result.error !== undefined) {
      waiter.reject(deserializeError(result.error));
      return;
    }
    try {
      waiter.resolve(result.states.map((state) => ConfusionMatrix.fromTransfer(state)));
    } catch (error) {
      waiter.reject(error);
    }
  });
  worker.on('error', (error) => {
    neverReady(error);
    if (!closing) onFatal(error);
  });
  worker.on('exit', (code) => {
    const error = new Error(`a segmetrics worker thread exited with code ${code}`);
    neverReady(error);
    if (!closing) onFatal(error);
  });
  return {
    concurrency: 2,
    ready,
    count(task) {
      return new Promise((resolve, reject) => {
        pending.set(task.chunkIndex, { resolve, reject });
        worker.postMessage(task);
      });
    },
    async close() {
      closing = true;
      neverReady(new Error('the worker thread was stopped'));
      for (const waiter of pending.values()) waiter.reject(new Error('the worker thread was stopped'));
      pending.clear();
      // Not awaited: a thread takes 20–40 ms to stop, which the run need not wait for (nothing it
      // sends is read any more, and the process exits only once it has stopped).
      worker.terminate().catch(() => undefined);
    },
  };
}
