import { ErrorCode, type LabelArray } from '@segmetrics/core';
import { ioError } from './internal/errors.js';
import { type FilterStrategy, type PngCodec, writePng } from './internal/png-writer.js';

/** PNG row filter choice: 0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth, `'adaptive'` or a per-row function. */
export type PngFilter = FilterStrategy;

/** Options of `encodeLabelPng`. */
export interface EncodeLabelPngOptions {
  /** 8 or 16; default the smallest that holds the largest label. */
  bitDepth?: 8 | 16;
  /** Row filters (default `'adaptive'`, as libpng and PIL choose them). */
  filter?: PngFilter;
  /** zlib level 0 … 9 (default 6). */
  level?: number;
}

/** Checks that `data` holds width × height integers in [0, max]; returns the largest. */
export function checkLabels(
  data: LabelArray,
  width: number,
  height: number,
  max: number,
  what: string,
): number {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, `invalid image size ${width}×${height}`, {
      width,
      height,
    });
  }
  if (data.length !== width * height) {
    throw ioError(
      ErrorCode.SHAPE_MISMATCH,
      undefined,
      `${what} holds ${data.length} labels, expected ${width} × ${height}`,
      { length: data.length, width, height },
    );
  }
  let largest = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v)) {
      throw ioError(
        ErrorCode.LABEL_NOT_INTEGER,
        undefined,
        `${what}: label ${v} at index ${i} is not an integer`,
        {
          value: v,
          index: i,
        },
      );
    }
    if (v < 0 || v > max) {
      throw ioError(
        ErrorCode.LABEL_OUT_OF_RANGE,
        undefined,
        `${what}: label ${v} at (x=${i % width}, y=${Math.floor(i / width)}) is outside [0, ${max}]`,
        { value: v, index: i, x: i % width, y: Math.floor(i / width) },
      );
    }
    if (v > largest) largest = v;
  }
  return largest;
}

/** `encodeLabelPng` (see `PngWriters`), written with `codec`. */
export function labelPng(
  data: LabelArray,
  width: number,
  height: number,
  options: EncodeLabelPngOptions,
  codec: PngCodec,
): Uint8Array {
  if (options.bitDepth !== undefined && options.bitDepth !== 8 && options.bitDepth !== 16) {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, 'bitDepth must be 8 or 16', {
      value: options.bitDepth,
    });
  }
  const largest = checkLabels(data, width, height, options.bitDepth === 8 ? 255 : 65535, 'label map');
  const bitDepth = options.bitDepth ?? (largest > 255 ? 16 : 8);
  return writePng(
    {
      width,
      height,
      bitDepth,
      colorType: 0,
      samples: data,
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.level === undefined ? {} : { level: options.level }),
    },
    codec,
  );
}
