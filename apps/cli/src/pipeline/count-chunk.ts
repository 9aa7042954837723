import { ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import { type DecodeBuffer, readLabelMapSync } from '@segmetrics/io/node';
import { checkUnmappedPredictions } from '@segmetrics/metrics';
import { checkInstanceIds, readInstanceIds } from '../cityscapes/read-instance-ids.js';
import { decodeBuffers } from './decode-buffers.js';
import type { ChunkTask, CountSetup, FilePair, SerializedError } from './types.js';

/**
 * Decodes and counts the pairs of one chunk, in order, into fresh matrices: one per prediction of the
 * pairs (`setup.predictions`: `predPath`, then `otherPredPaths`), the ground truth decoded once for all.
 * `reuse` gives empty matrices of the same settings to count into instead (a chunk merged earlier, reset).
 * Any failure is a `SegmetricsError` whose message starts with the offending file. Reads synchronously:
 * a worker thread handles one file at a time, and the sync path skips the thread-pool round trip.
 */
export function countChunk(
  setup: CountSetup,
  task: ChunkTask,
  reuse?: readonly ConfusionMatrix[],
): ConfusionMatrix[] {
  const matrices = Array.from(
    { length: setup.predictions ?? 1 },
    (_, j) => reuse?.[j] ?? new ConfusionMatrix(setup.matrixOptions),
  );
  for (const pair of task.pairs) countPair(matrices, setup, pair);
  return matrices;
}

function countPair(matrices: readonly ConfusionMatrix[], setup: CountSetup, pair: FilePair): void {
  const gt = decode(pair.gtPath, setup, decodeBuffers.gt);
  // Read once, after the first prediction's size check (as without further predictions).
  let instances: ReturnType<typeof readInstanceIds> | undefined;
  const readInstances = () => {
    if (pair.instancesPath === undefined) return undefined;
    instances ??= readInstanceIds(pair.instancesPath, gt.width, gt.height);
    return instances;
  };
  const predPaths = [pair.predPath, ...(pair.otherPredPaths ?? [])];
  matrices.forEach((matrix, j) => {
    countPrediction(matrix, setup, pair, predPaths[j]!, gt, readInstances);
  });
}

function countPrediction(
  matrix: ConfusionMatrix,
  setup: CountSetup,
  pair: FilePair,
  predPath: string,
  gt: ReturnType<typeof decode>,
  readInstances: () => ReturnType<typeof readInstanceIds> | undefined,
): void {
  const pred = decode(predPath, setup, decodeBuffers.pred);
  if (gt.width !== pred.width || gt.height !== pred.height) {
    throw new SegmetricsError(
      ErrorCode.SHAPE_MISMATCH,
      `${predPath}: prediction is ${pred.width}×${pred.height} but ground truth ${pair.gtPath} is ${gt.width}×${gt.height}`,
      {
        context: {
          file: predPath,
          gtFile: pair.gtPath,
          sampleId: pair.id,
          predictionSize: [pred.width, pred.height],
          groundTruthSize: [gt.width, gt.height],
        },
      },
    );
  }
  const instances = readInstances();
  try {
    checkUnmappedPredictions(setup.matrixOptions, pred.data, pred.width, pair.id);
    matrix.update(pred.data, gt.data, {
      width: gt.width,
      height: gt.height,
      sampleId: pair.id,
      ...(instances === undefined ? {} : { instances }),
    });
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    const { side } = error.context;
    const file =
      side === 'prediction'
        ? predPath
        : side === 'instances' && pair.instancesPath !== undefined
          ? pair.instancesPath
          : pair.gtPath;
    throw new SegmetricsError(error.code, `${file}: ${error.message}`, {
      context: { ...error.context, file },
      cause: error,
    });
  }
  if (pair.instancesPath !== undefined) checkInstanceIds(matrix, pair.id, pair.instancesPath);
}

/**
 * The library names its decode option (`context.option: 'scoresLayout'`); the CLI's user needs the
 * flag. Rewrites such an error to name `--scores-layout`, keeping the file, the shape and the code.
 */
function inCliTerms(error: SegmetricsError, path: string): SegmetricsError {
  if (error.context.option !== 'scoresLayout') return error;
  const shape = Array.isArray(error.context.shape) ? ` (${error.context.shape.join(', ')})` : '';
  const problem =
    error.context.shape === undefined
      ? `--scores-layout must be chw or hwc, got ${JSON.stringify(error.context.value)}`
      : `cannot tell the class axis of score array${shape}: pass --scores-layout chw (classes first) or hwc (classes last)`;
  return new SegmetricsError(error.code, `${path}: ${problem}`, {
    context: { ...error.context, file: path, option: '--scores-layout' },
    cause: error,
  });
}

function decode(path: string, setup: CountSetup, into: DecodeBuffer) {
  try {
    // Object.assign, not `{ ...decodeOptions, file, into }`: with any decode option set, that spread gave
    // every file's options a hidden class of its own in Node 20's V8 (old-space garbage per file).
    return readLabelMapSync(path, Object.assign({}, setup.decodeOptions, { file: path, into }));
  } catch (error) {
    if (SegmetricsError.isInstance(error)) {
      if (error.context.option === 'scoresLayout') throw inCliTerms(error, path);
      if (error.message.includes(path)) throw error;
      throw new SegmetricsError(error.code, `${path}: ${error.message}`, {
        context: { ...error.context, file: path },
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SegmetricsError(ErrorCode.IO_FAILED, `${path}: cannot read: ${reason}`, {
      context: { file: path },
      cause: error,
    });
  }
}

/** Flattens an error for `postMessage` (structured clone keeps plain data only). */
export function serializeError(error: unknown): SerializedError {
  if (SegmetricsError.isInstance(error)) {
    return {
      code: error.code,
      message: error.message,
      context: cloneable(error.context),
      ...(error.stack === undefined ? {} : { stack: error.stack }),
      segmetrics: true,
    };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    code: 'INTERNAL',
    message: err.message,
    context: {},
    ...(err.stack === undefined ? {} : { stack: err.stack }),
    segmetrics: false,
  };
}

/** Rebuilds an error sent by {@link serializeError}. */
export function deserializeError(data: SerializedError): Error {
  const error = data.segmetrics
    ? new SegmetricsError(data.code as ErrorCode, data.message, { context: data.context })
    : new Error(data.message);
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

function cloneable(context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    const t = typeof value;
    if (value === null || t === 'string' || t === 'number' || t === 'boolean' || Array.isArray(value)) {
      out[key] = value;
    } else if (t !== 'function' && t !== 'symbol' && t !== 'undefined') {
      out[key] = JSON.parse(JSON.stringify(value)) as unknown;
    }
  }
  return out;
}
