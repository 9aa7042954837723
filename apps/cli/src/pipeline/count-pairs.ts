import { ConfusionMatrix } from '@segmetrics/core';
import { type ChunkCounter, createMainThreadCounter, createWorkerCounter } from './chunk-counters.js';
import { ChunkScheduler } from './chunk-scheduler.js';
import type { ChunkTask, CountSetup, FilePair } from './types.js';
import { defaultWorkerScript } from './worker-script.js';

/** Options of {@link countPairs}. */
export interface CountPairsOptions {
  /**
   * Parallel counters: the calling thread plus `workers − 1` worker threads (1 or 0: the calling
   * thread alone). The calling thread counts chunks too, so no core waits for a thread to start.
   */
  workers: number;
  /** The worker thread script (default: `worker.js` beside this module, as built into `dist/`). */
  workerScript?: URL | string;
  /** Pairs per chunk (default: from the number of pairs and workers, 1 … 16). */
  chunkSize?: number;
  /** The matrix to add to (e.g. a resumed state); its settings must equal `setup.matrixOptions`'s. */
  initial?: ConfusionMatrix;
  /** Called after each chunk is merged, with the images merged so far in this call. */
  onProgress?: (done: number, total: number, matrix: ConfusionMatrix) => void;
  /** Aborting stops at once; the result then holds the chunks merged so far (a prefix). */
  signal?: AbortSignal;
  /** Stop (as if interrupted) once at least this many images were merged in this call. */
  stopAfter?: number;
  /**
   * When the worker threads start: `'eager'` (default) at once; `'when-worth-it'` only once the calling
   * thread's first chunk (its CPU time per pair) shows that the remaining work outweighs a thread's start-up
   * ({@link WORKER_START_MS}), so that a small job never waits for threads it cannot use and more
   * workers are never slower than fewer.
   */
  startWorkers?: 'eager' | 'when-worth-it';
}

/**
 * Milliseconds of single-thread CPU work below which worker threads are not started (`startWorkers:
 * 'when-worth-it'`): a thread spends about 0.15–0.2 s of CPU (≈ 650 M instructions, measured on 100
 * VOC-sized pairs) booting Node and loading the reader and the counter before its first image, and its
 * results cost the calling thread a copy and a merge per chunk: a thread pays off only on well more work
 * than its start-up.
 */
export const WORKER_START_MS = 500;

/** Result of {@link countPairs}: the merged matrix, and whether every pair was counted. */
export interface CountPairsResult {
  /** The counts of each pair's `predPath`. */
  matrix: ConfusionMatrix;
  /** The counts of each further prediction (`otherPredPaths`), in order; empty without them. */
  others: ConfusionMatrix[];
  complete: boolean;
  /** Images merged by this call. */
  counted: number;
}

/** Chunks that may wait for merging per counter: enough to keep every counter busy, few enough to bound memory. */
const LOOK_AHEAD_PER_COUNTER = 3;

/** Emptied chunk matrices kept for this thread to count into (it counts one chunk at a time). */
const MAX_SPARE_CHUNKS = 2;

/**
 * Decodes and counts `pairs` in the calling thread and `workers − 1` worker threads. The pairs are cut
 * into chunks of consecutive pairs; a {@link ChunkScheduler} hands chunks to whichever counter is free
 * and merges their matrices in chunk order, so the result (counts and the order of per-image
 * statistics) is bit-identical for any worker count. Pairs that carry further predictions
 * (`otherPredPaths`, `segmetrics compare`) decode each ground truth once and count every prediction
 * into its own matrix (`others`). At most `3 × counters` chunk results wait at
 * once, so memory is bounded by the chunks in flight, not the dataset size. On an error the first
 * failing chunk in pair order decides the error thrown, after every chunk before it was merged into
 * `options.initial` (so a saved state keeps them).
 */
export async function countPairs(
  setup: CountSetup,
  pairs: readonly FilePair[],
  options: CountPairsOptions,
): Promise<CountPairsResult> {
  const matrix = options.initial ?? new ConfusionMatrix(setup.matrixOptions);
  // `segmetrics compare`: each pair carries further predictions, counted against the same ground truth.
  const predictions = 1 + (pairs[0]?.otherPredPaths?.length ?? 0);
  const others = Array.from({ length: predictions - 1 }, () => new ConfusionMatrix(setup.matrixOptions));
  const counting: CountSetup = predictions === 1 ? setup : { ...setup, predictions };
  const workers = Math.max(1, Math.floor(options.workers));
  const chunkSize = Math.max(1, options.chunkSize ?? Math.min(16, Math.ceil(pairs.length / (workers * 8))));
  const chunks = Math.ceil(pairs.length / chunkSize);
  const taskOf = (index: number): ChunkTask => ({
    chunkIndex: index,
    pairs: pairs.slice(index * chunkSize, (index + 1) * chunkSize),
  });

  let counted = 0;
  const workerThreads = Math.max(0, Math.min(workers - 1, chunks - 1));
  // Merged chunk matrices, emptied, for this thread to count into: a fresh matrix per chunk costs its
  // C² counts in fresh memory (180 KB at 150 classes), which these VMs make pay by the page.
  const spare: ConfusionMatrix[][] = [];
  const scheduler = new ChunkScheduler<ConfusionMatrix[]>(
    chunks,
    LOOK_AHEAD_PER_COUNTER * (workerThreads + 1),
    (result) => {
      const [chunk, ...rest] = result;
      matrix.merge(chunk!);
      rest.forEach((other, j) => {
        others[j]!.merge(other);
      });
      counted += chunk!.images;
      if (spare.length < MAX_SPARE_CHUNKS) {
        for (const m of result) m.reset();
        spare.push(result);
      }
      options.onProgress?.(counted, pairs.length, matrix);
      return options.stopAfter !== undefined && counted >= options.stopAfter;
    },
  );
  const onAbort = () => scheduler.cancel();
  if (options.signal?.aborted === true) scheduler.cancel();
  options.signal?.addEventListener('abort', onAbort);

  const counters: ChunkCounter[] = [createMainThreadCounter(counting, () => spare.pop())];
  const script = options.workerScript ?? defaultWorkerScript();
  const startThreads = () => {
    for (let i = 0; i < workerThreads; i++) {
      const counter = createWorkerCounter(counting, script, (error) => scheduler.abort(error));
      counters.push(counter);
      for (let slot = 0; slot < counter.concurrency; slot++) void drive(counter, scheduler, taskOf);
    }
  };
  try {
    if (options.startWorkers === 'when-worth-it' && workerThreads > 0) {
      // The calling thread counts alone while the time per pair of its last chunk says that what is left
      // is too little for a thread.
      void driveUntilWorthIt(counters[0]!, scheduler, taskOf, pairs.length, chunkSize, startThreads);
    } else {
      // Worker threads load their modules meanwhile: the calling thread starts on the first chunk at once.
      void drive(counters[0]!, scheduler, taskOf);
      startThreads();
    }
    const outcome = await scheduler.outcome;
    if (outcome.status === 'failed') throw outcome.error;
    return { matrix, others, complete: outcome.status === 'complete', counted };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    scheduler.cancel();
    await Promise.all(counters.map((counter) => counter.close()));
  }
}

/**
 * The calling thread's slot under `startWorkers: 'when-worth-it'`: like {@link drive}, and after each of
 * its chunks, while no thread runs, estimates the work left (the chunk's time per pair — the lesser of
 * its wall and CPU times — × the pairs not yet handed out) and starts the threads once it exceeds {@link WORKER_START_MS} — four times
 * that after the first chunk, which also pays for compiling the code.
 */
async function driveUntilWorthIt(
  counter: ChunkCounter,
  scheduler: ChunkScheduler<ConfusionMatrix[]>,
  taskOf: (index: number) => ChunkTask,
  total: number,
  chunkSize: number,
  startThreads: () => void,
): Promise<void> {
  let threads = false;
  for (let chunk = 0; ; chunk++) {
    const index = await scheduler.acquire();
    if (index === null) return;
    const task = taskOf(index);
    const before = process.cpuUsage();
    const startedAt = performance.now();
    try {
      scheduler.complete(index, await counter.count(task));
    } catch (error) {
      scheduler.fail(index, error);
    }
    if (threads || scheduler.ended || task.pairs.length === 0) continue;
    // This thread's time on the chunk is at most its wall time (which a busy machine stretches) and at
    // most the process's CPU time (which V8's compiler and GC threads inflate while the code warms up).
    const cpu = process.cpuUsage(before);
    const spent = Math.min((cpu.user + cpu.system) / 1000, performance.now() - startedAt);
    const left = Math.max(0, total - (index + 1) * chunkSize);
    const remaining = (spent / task.pairs.length) * left;
    if (remaining > WORKER_START_MS * (chunk === 0 ? 4 : 1)) {
      threads = true;
      startThreads();
    }
  }
}

/**
 * One counter slot: once the counter is ready, takes chunks from the scheduler until there are none,
 * reporting each (a counter that never becomes ready takes none: its failure aborts the scheduler).
 */
async function drive(
  counter: ChunkCounter,
  scheduler: ChunkScheduler<ConfusionMatrix[]>,
  taskOf: (index: number) => ChunkTask,
): Promise<void> {
  try {
    await counter.ready;
  } catch {
    return;
  }
  for (;;) {
    const index = await scheduler.acquire();
    if (index === null) return;
    try {
      scheduler.complete(index, await counter.count(taskOf(index)));
    } catch (error) {
      scheduler.fail(index, error);
    }
  }
}
