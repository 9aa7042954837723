import {
  type ConfusionMatrix,
  type ConfusionMatrixOptions,
  ErrorCode,
  SegmetricsError,
} from '@segmetrics/core';
import { type DecodedLabelMap, type DecodeOptions, decodeLabelMapAsync } from '@segmetrics/io';
import { checkUnmappedPredictions } from '@segmetrics/metrics';

/** What a worker needs to decode and count: the matrix settings and the decoder options. */
export interface CountSetup {
  readonly matrixOptions: ConfusionMatrixOptions;
  /** Options passed to `decodeLabelMap` (e.g. a colour palette for RGB masks). */
  readonly decodeOptions: Readonly<Record<string, unknown>>;
}

/**
 * Decodes one label-map file's bytes (io's `decodeLabelMapAsync`: `decodeLabelMap`'s labels, with the
 * browser's native zlib); every failure is a `SegmetricsError` whose message starts with
 * `path` (the CLI's wording: io's errors name the file; anything else is `IO_FAILED`, "cannot read").
 */
export async function decodeNamed(
  bytes: Uint8Array,
  path: string,
  setup: CountSetup,
): Promise<DecodedLabelMap> {
  try {
    // Object.assign, not `{ ...decodeOptions, file }`: in V8 (Node 20's at least) that spread gives every
    // file's options a hidden class of its own after a few dozen calls (old-space garbage per file).
    return await decodeLabelMapAsync(
      bytes,
      Object.assign({}, setup.decodeOptions as DecodeOptions, { file: path }),
    );
  } catch (error) {
    if (SegmetricsError.isInstance(error)) {
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

/** Reads a file's bytes; a failure (file gone, permission) is `IO_FAILED` naming it. */
export async function readNamed(file: Blob, path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SegmetricsError(ErrorCode.IO_FAILED, `${path}: cannot read: ${reason}`, {
      context: { file: path },
      cause: error,
    });
  }
}

/**
 * Counts one decoded pair into `matrix` (made with `options`) as the CLI does: a size mismatch is
 * `SHAPE_MISMATCH` naming both files; a prediction value outside a strict label mapping (Cityscapes
 * labelIds) and any counting error (label out of range, ...) name the file of the side at fault.
 */
export function countDecoded(
  matrix: ConfusionMatrix,
  gt: DecodedLabelMap,
  pred: DecodedLabelMap,
  pair: { readonly id: string; readonly gtPath: string; readonly predPath: string },
  options: ConfusionMatrixOptions,
): void {
  if (gt.width !== pred.width || gt.height !== pred.height) {
    throw new SegmetricsError(
      ErrorCode.SHAPE_MISMATCH,
      `${pair.predPath}: prediction is ${pred.width}×${pred.height} but ground truth ${pair.gtPath} is ${gt.width}×${gt.height}`,
      {
        context: {
          file: pair.predPath,
          gtFile: pair.gtPath,
          sampleId: pair.id,
          predictionSize: [pred.width, pred.height],
          groundTruthSize: [gt.width, gt.height],
        },
      },
    );
  }
  try {
    checkUnmappedPredictions(options, pred.data, pred.width, pair.id);
    matrix.update(pred.data, gt.data, { width: gt.width, height: gt.height, sampleId: pair.id });
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    const file = error.context.side === 'prediction' ? pair.predPath : pair.gtPath;
    throw new SegmetricsError(error.code, `${file}: ${error.message}`, {
      context: { ...error.context, file },
      cause: error,
    });
  }
}
