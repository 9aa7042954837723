import { parentPort, workerData } from 'node:worker_threads';
import type { ConfusionMatrix } from '@segmetrics/core';
import { countChunk, serializeError } from './pipeline/count-chunk.js';
import { transferList } from './pipeline/transfer-list.js';
import type { ChunkResult, ChunkTask, CountSetup, WorkerReady } from './pipeline/types.js';

// Worker thread of `segmetrics eval`: decodes and counts the chunks the main thread sends, one at a
// time and in arrival order, and answers each with the chunk's matrix states (or its error).
const setup = workerData as CountSetup;
const port = parentPort;
if (port === null) throw new Error('segmetrics worker.js must run in a worker thread');

// The chunk matrices, emptied and counted into again by the next chunk: their states leave as copies
// (`toTransfer`), which are moved to the main thread, not copied once more. Fresh memory per chunk
// (C² counts, 180 KB at 150 classes, several times over) made the process's memory grow with the
// number of chunks and cost page faults.
let spare: ConfusionMatrix[] | undefined;

port.on('message', (task: ChunkTask) => {
  let result: ChunkResult;
  try {
    const matrices = countChunk(setup, task, spare);
    result = { chunkIndex: task.chunkIndex, states: matrices.map((m) => m.toTransfer()) };
    for (const m of matrices) m.reset();
    spare = matrices;
  } catch (error) {
    spare = undefined;
    result = { chunkIndex: task.chunkIndex, error: serializeError(error) };
  }
  port.postMessage(result, transferList(result));
});
// Booted and loaded: the main thread hands this thread chunks from now on.
port.postMessage({ ready: true } satisfies WorkerReady);
