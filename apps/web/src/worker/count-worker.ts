// The Web Worker that decodes and counts. The page sends it the run's setup once, then chunks of pairs
// (files as `File` objects, read here one at a time) and, at the end, the worst images to draw. Each
// chunk is counted into a fresh matrix per prediction folder and sent back as `toJSON()` states, which
// the page merges in chunk order. Messages are handled one at a time, in the order they arrive.
import { ConfusionMatrix, lastCountKernel } from '@segmetrics/core';
import { drawPictures } from '../pictures/draw-pictures.js';
import {
  type ChunkTask,
  type FromWorker,
  type PictureResult,
  serializeError,
  type ToWorker,
} from '../run/messages.js';
import { type CountSetup, countDecoded, decodeNamed, readNamed } from './count-pair.js';

let setup: CountSetup | null = null;
let predictions: 1 | 2 = 1;
let queue: Promise<void> = Promise.resolve();

const post = (message: FromWorker) => self.postMessage(message);

async function countChunk(task: ChunkTask): Promise<void> {
  if (setup === null) throw new Error('count worker: chunk before setup');
  const current = setup;
  const matrices = Array.from({ length: predictions }, () => new ConfusionMatrix(current.matrixOptions));
  const kernels = new Set<string>();
  const noteKernel = () => {
    const kernel = lastCountKernel();
    if (kernel !== null) kernels.add(kernel);
  };
  try {
    for (const pair of task.pairs) {
      const gt = await decodeNamed(await readNamed(pair.gt, pair.gtPath), pair.gtPath, current);
      const pred = await decodeNamed(await readNamed(pair.pred, pair.predPath), pair.predPath, current);
      countDecoded(matrices[0]!, gt, pred, pair, current.matrixOptions);
      noteKernel();
      if (predictions === 2 && pair.predB !== undefined && pair.predBPath !== undefined) {
        const predB = await decodeNamed(await readNamed(pair.predB, pair.predBPath), pair.predBPath, current);
        countDecoded(
          matrices[1]!,
          gt,
          predB,
          { id: pair.id, gtPath: pair.gtPath, predPath: pair.predBPath },
          current.matrixOptions,
        );
        noteKernel();
      }
      post({ type: 'pair-done', chunkIndex: task.chunkIndex });
    }
  } catch (error) {
    post({ type: 'chunk-failed', chunkIndex: task.chunkIndex, error: serializeError(error) });
    return;
  }
  post({
    type: 'chunk-done',
    chunkIndex: task.chunkIndex,
    states: matrices.map((m) => m.toJSON()),
    kernels: [...kernels],
  });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'setup':
      setup = message.setup;
      predictions = message.predictions;
      return;
    case 'chunk':
      return countChunk(message.task);
    case 'pictures': {
      if (setup === null) throw new Error('count worker: pictures before setup');
      const results: PictureResult[] = [];
      for (const task of message.tasks) results.push(await drawPictures(task, setup, message.colors));
      const buffers = new Set<ArrayBuffer>();
      for (const r of results) {
        for (const png of [r.groundTruth, r.prediction, r.errorMap]) {
          if (png !== undefined) buffers.add(png.buffer as ArrayBuffer);
        }
      }
      self.postMessage({ type: 'pictures-done', results } satisfies FromWorker, { transfer: [...buffers] });
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue
    .then(() => handle(event.data))
    .catch((error: unknown) => {
      // A bug, not a data problem (those are reported per chunk): let the page's error handler see it.
      setTimeout(() => {
        throw error;
      });
    });
};
