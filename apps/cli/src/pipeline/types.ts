import type { ConfusionMatrixOptions, ConfusionMatrixTransfer } from '@segmetrics/core';

/** One ground-truth / prediction file pair, identified by its relative path without suffix. */
export interface FilePair {
  readonly id: string;
  readonly gtPath: string;
  readonly predPath: string;
  /** The ground truth's instance-id map (Cityscapes `*_gtFine_instanceIds.png`), when instances are counted. */
  readonly instancesPath?: string;
  /**
   * Further predictions of the same ground truth (`segmetrics compare`): each is counted into its own
   * matrix while the ground truth is decoded once. Every pair of a run carries the same number.
   */
  readonly otherPredPaths?: readonly string[];
}

/** What a worker needs to decode and count: the matrix settings and the decoder options. */
export interface CountSetup {
  readonly matrixOptions: ConfusionMatrixOptions;
  /** Options passed to `readLabelMap` (e.g. a colour palette for RGB masks). */
  readonly decodeOptions: Readonly<Record<string, unknown>>;
  /** Predictions per pair: 1 (`predPath`) plus `otherPredPaths` (default 1). */
  readonly predictions?: number;
}

/** A chunk of consecutive pairs (in sorted order) counted into one matrix. */
export interface ChunkTask {
  readonly chunkIndex: number;
  readonly pairs: readonly FilePair[];
}

/** A `SegmetricsError` flattened for `postMessage`. */
export interface SerializedError {
  readonly code: string;
  readonly message: string;
  readonly context: Record<string, unknown>;
  readonly stack?: string;
  readonly segmetrics: boolean;
}

/**
 * A worker's answer to a {@link ChunkTask}: the chunk's matrix states (one per prediction, see
 * {@link CountSetup.predictions}), or the first error.
 */
export type ChunkResult =
  | {
      readonly chunkIndex: number;
      readonly states: readonly ConfusionMatrixTransfer[];
      readonly error?: undefined;
    }
  | { readonly chunkIndex: number; readonly error: SerializedError; readonly states?: undefined };

/** A worker thread's first message: it has loaded its modules and takes chunks from now on. */
export interface WorkerReady {
  readonly ready: true;
}
