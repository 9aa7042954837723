import { parentPort, workerData } from 'node:worker_threads';
import { countChunk, serializeError } from './pipeline/count-chunk.js';
import type { ChunkResult, ChunkTask, CountSetup, WorkerReady } from './pipeline/types.js';

// Worker thread of `segmetrics eval`: decodes and counts the chunks the main thread sends, one at a
// time and in arrival order, and answers each with the chunk's serialised matrices (or its error).
const setup = workerData as CountSetup;
const port = parentPort;
if (port === null) throw new Error('segmetrics worker.js must run in a worker thread');

port.on('message', (task: ChunkTask) => {
  let result: ChunkResult;
  try {
    result = { chunkIndex: task.chunkIndex, states: countChunk(setup, task).map((m) => m.toTransfer()) };
  } catch (error) {
    result = { chunkIndex: task.chunkIndex, error: serializeError(error) };
  }
  port.postMessage(result);
});
// Booted and loaded: the main thread hands this thread chunks from now on.
port.postMessage({ ready: true } satisfies WorkerReady);
