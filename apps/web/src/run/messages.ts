import { type ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { CountSetup } from '../worker/count-pair.js';

/** One pair as sent to a worker: the files (structured-cloned `File`s) and the paths shown in messages. */
export interface PairTask {
  readonly id: string;
  readonly gt: File;
  readonly gtPath: string;
  readonly pred: File;
  readonly predPath: string;
  readonly predB?: File;
  readonly predBPath?: string;
}

/** A chunk of consecutive pairs, counted into one matrix per prediction folder. */
export interface ChunkTask {
  readonly chunkIndex: number;
  readonly pairs: readonly PairTask[];
}

/** One of the worst images whose pictures a worker draws. */
export interface PictureTask {
  readonly index: number;
  readonly id: string;
  readonly gt: File;
  readonly gtPath: string;
  readonly pred: File;
  readonly predPath: string;
}

/** A message from the page to a worker. */
export type ToWorker =
  | { readonly type: 'setup'; readonly setup: CountSetup; readonly predictions: 1 | 2 }
  | { readonly type: 'chunk'; readonly task: ChunkTask }
  | {
      readonly type: 'pictures';
      readonly tasks: readonly PictureTask[];
      /** Colour of each class (index = class id), `[r, g, b]`. */
      readonly colors: readonly (readonly [number, number, number])[];
    };

/** An error flattened for `postMessage` (structured clone keeps plain data only). */
export interface SerializedError {
  readonly code: string;
  readonly message: string;
  readonly context: Record<string, unknown>;
  readonly segmetrics: boolean;
}

/** The pictures of one worst image (PNG bytes), or why they could not be drawn. */
export interface PictureResult {
  readonly index: number;
  readonly width?: number;
  readonly height?: number;
  readonly groundTruth?: Uint8Array;
  readonly prediction?: Uint8Array;
  readonly errorMap?: Uint8Array;
  readonly problem?: string;
}

/** A message from a worker to the page. */
export type FromWorker =
  | { readonly type: 'pair-done'; readonly chunkIndex: number }
  | {
      readonly type: 'chunk-done';
      readonly chunkIndex: number;
      /** `ConfusionMatrix#toJSON()` of the chunk, per prediction folder. */
      readonly states: readonly unknown[];
      /** The counting kernels of the chunk's images (core's `lastCountKernel()` after each), distinct. */
      readonly kernels: readonly string[];
    }
  | { readonly type: 'chunk-failed'; readonly chunkIndex: number; readonly error: SerializedError }
  | { readonly type: 'pictures-done'; readonly results: readonly PictureResult[] };

/** Flattens an error for `postMessage`. */
export function serializeError(error: unknown): SerializedError {
  if (SegmetricsError.isInstance(error)) {
    return { code: error.code, message: error.message, context: cloneable(error.context), segmetrics: true };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  return { code: 'INTERNAL', message: err.message, context: {}, segmetrics: false };
}

/** Rebuilds an error sent by {@link serializeError}. */
export function deserializeError(data: SerializedError): Error {
  return data.segmetrics
    ? new SegmetricsError(data.code as ErrorCode, data.message, { context: data.context })
    : new Error(data.message);
}

function cloneable(context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    const t = typeof value;
    if (value === null || t === 'string' || t === 'number' || t === 'boolean') out[key] = value;
    else if (t === 'object') {
      try {
        out[key] = JSON.parse(JSON.stringify(value)) as unknown;
      } catch {
        // Not plain data: left out.
      }
    }
  }
  return out;
}
