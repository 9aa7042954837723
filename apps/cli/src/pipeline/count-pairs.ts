import { Worker } from 'node:worker_threads';
import { ConfusionMatrix } from '@segmetrics/core';
import { countChunk, deserializeError, serializeError } from './count-chunk.js';
import type { ChunkResult, ChunkTask, CountSetup, FilePair } from './types.js';

/** Options of {@link countPairs}. */
export interface CountPairsOptions {
  /**
   * Parallel counters: the calling thread plus `workers − 1` worker threads (1 or 0: the calling
   * thread alone). The calling thread counts chunks too, so no core waits for a thread to start.
   */
  workers: number;
  /** Pairs per chunk (default: from the number of pairs and workers, 1 … 16). */
  chunkSize?: number;
  /** The matrix to add to (e.g. a resumed state); its settings must equal `setup.matrixOptions`'s. */
  initial?: ConfusionMatrix;
  /** Called after each chunk is merged, with the images merged so far in this call. */
  onProgress?: (done: number, total: number, matrix: ConfusionMatrix) => void;
  /** Aborting stops dispatching; the result then holds the chunks merged so far (a prefix). */
  signal?: AbortSignal;
  /** Stop (as if interrupted) once at least this many images were merged in this call. */
  stopAfter?: number;
}

/** Result of {@link countPairs}: the merged matrix, and whether every pair was counted. */
export interface CountPairsResult {
  matrix: ConfusionMatrix;
  complete: boolean;
  /** Images merged by this call. */
  counted: number;
}

/**
 * Decodes and counts `pairs` in the calling thread and a pool of worker threads. The pairs are cut
 * into chunks of consecutive pairs; chunks go to whichever counter is free, and their matrices are
 * merged in chunk order, so the result (counts and the order of per-image statistics) is
 * bit-identical for any worker count. Memory is bounded by the chunks in flight (a few per worker),
 * not the dataset size. On an error the first failing chunk in pair order decides the error thrown.
 */
export async function countPairs(
  setup: CountSetup,
  pairs: readonly FilePair[],
  options: CountPairsOptions,
): Promise<CountPairsResult> {
  const matrix = options.initial ?? new ConfusionMatrix(setup.matrixOptions);
  const workers = Math.max(0, Math.floor(options.workers));
  const chunkSize =
    options.chunkSize ?? Math.max(1, Math.min(16, Math.ceil(pairs.length / (Math.max(1, workers) * 8))));
  const chunks: ChunkTask[] = [];
  for (let start = 0, index = 0; start < pairs.length; start += chunkSize, index++) {
    chunks.push({ chunkIndex: index, pairs: pairs.slice(start, start + chunkSize) });
  }
  const state = { counted: 0 };
  const merge = (chunk: ConfusionMatrix): boolean => {
    matrix.merge(chunk);
    state.counted += chunk.images;
    options.onProgress?.(state.counted, pairs.length, matrix);
    return options.stopAfter !== undefined && state.counted >= options.stopAfter;
  };
  const stopped = () => options.signal?.aborted === true;

  if (workers <= 1) {
    for (const chunk of chunks) {
      // Let signal handlers and timers run between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped()) return { matrix, complete: false, counted: state.counted };
      if (merge(countChunk(setup, chunk))) {
        return { matrix, complete: state.counted === pairs.length, counted: state.counted };
      }
    }
    return { matrix, complete: true, counted: state.counted };
  }
  return runPool(
    setup,
    chunks,
    Math.max(0, Math.min(workers - 1, chunks.length - 1)),
    merge,
    stopped,
    options,
    () => ({
      matrix,
      counted: state.counted,
      total: pairs.length,
    }),
  );
}

type PoolResult = ChunkResult & { readonly matrix?: ConfusionMatrix };

function runPool(
  setup: CountSetup,
  chunks: readonly ChunkTask[],
  workerCount: number,
  merge: (chunk: ConfusionMatrix) => boolean,
  stopped: () => boolean,
  options: CountPairsOptions,
  snapshot: () => { matrix: ConfusionMatrix; counted: number; total: number },
): Promise<CountPairsResult> {
  return new Promise<CountPairsResult>((resolve, reject) => {
    const workerUrl = new URL('./worker.js', import.meta.url);
    const pool: Worker[] = [];
    const inFlight = new Map<Worker, number>();
    const done = new Map<number, PoolResult>();
    const lookAhead = (workerCount + 1) * 3;
    let nextToSend = 0;
    let nextToMerge = 0;
    let finished = false;
    let failed = false;

    const finish = (outcome: { error: unknown } | { complete: boolean }) => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of pool) void worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else {
        const { matrix, counted } = snapshot();
        resolve({ matrix, complete: outcome.complete, counted });
      }
    };
    const onAbort = () => finish({ complete: false });
    options.signal?.addEventListener('abort', onAbort);

    const dispatch = (worker: Worker) => {
      while (
        !finished &&
        !failed &&
        !stopped() &&
        (inFlight.get(worker) ?? 0) < 2 &&
        nextToSend < chunks.length &&
        nextToSend < nextToMerge + lookAhead
      ) {
        worker.postMessage(chunks[nextToSend]!);
        inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
        nextToSend++;
      }
    };
    const dispatchAll = () => {
      for (const worker of pool) dispatch(worker);
    };

    const drain = () => {
      while (!finished && done.has(nextToMerge)) {
        const result = done.get(nextToMerge)!;
        done.delete(nextToMerge);
        nextToMerge++;
        if (result.error !== undefined) {
          finish({ error: deserializeError(result.error) });
          return;
        }
        let stop: boolean;
        try {
          stop = merge(result.matrix ?? ConfusionMatrix.fromJSON(result.state));
        } catch (error) {
          finish({ error });
          return;
        }
        if (stop) {
          finish({ complete: nextToMerge === chunks.length });
          return;
        }
      }
      if (nextToMerge === chunks.length) finish({ complete: true });
      else if (stopped()) finish({ complete: false });
    };

    // The calling thread counts too, one chunk per event-loop turn, so worker messages, merges and
    // signals are handled between its chunks.
    let mainBusy = false;
    const mainStep = () => {
      if (
        finished ||
        failed ||
        stopped() ||
        nextToSend >= chunks.length ||
        nextToSend >= nextToMerge + lookAhead
      ) {
        mainBusy = false;
        if (!finished && stopped()) finish({ complete: false });
        return;
      }
      const task = chunks[nextToSend++]!;
      let result: PoolResult;
      try {
        result = { chunkIndex: task.chunkIndex, state: null, matrix: countChunk(setup, task) };
      } catch (error) {
        failed = true;
        result = { chunkIndex: task.chunkIndex, error: serializeError(error) };
      }
      done.set(result.chunkIndex, result);
      drain();
      dispatchAll();
      setImmediate(mainStep);
    };
    const runMain = () => {
      if (mainBusy || finished) return;
      mainBusy = true;
      setImmediate(mainStep);
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(workerUrl, { workerData: setup });
      pool.push(worker);
      worker.on('message', (result: ChunkResult) => {
        inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
        if (result.error !== undefined) failed = true;
        done.set(result.chunkIndex, result);
        drain();
        dispatchAll();
        runMain();
      });
      worker.on('error', (error) => finish({ error }));
      worker.on('exit', (code) => {
        if (!finished && code !== 0) finish({ error: new Error(`worker thread exited with code ${code}`) });
      });
    }
    if (chunks.length === 0) finish({ complete: true });
    else {
      // The threads load their modules meanwhile: the calling thread takes the first chunk at once.
      mainBusy = true;
      mainStep();
      dispatchAll();
    }
  });
}
