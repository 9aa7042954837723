import { ErrorCode, type LabelArray } from '@segmetrics/core';
import { ioError } from './internal/errors.js';
import { type PngCodec, writePng } from './internal/png-writer.js';
import type { RgbColor } from './types.js';

/** Palette indices of an error map PNG. */
export const ErrorMapIndex = { CORRECT: 0, WRONG: 1, IGNORED: 2 } as const;

/** Options of `encodeErrorMapPng`. */
export interface ErrorMapOptions {
  width: number;
  height: number;
  /** Ground-truth values that are not evaluated (shown as ignored). */
  ignoreIndex?: number | readonly number[];
  /** Colours; defaults: correct black (0, 0, 0), wrong red (255, 0, 0), ignored gray (128, 128, 128). */
  colors?: { correct?: RgbColor; wrong?: RgbColor; ignored?: RgbColor };
}

/** `encodeErrorMapPng` (see `PngWriters`), written with `codec`. */
export function errorMapPng(
  pred: LabelArray,
  gt: LabelArray,
  options: ErrorMapOptions,
  codec: PngCodec,
): Uint8Array {
  const { width, height } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, `invalid image size ${width}×${height}`, {
      width,
      height,
    });
  }
  const count = width * height;
  for (const [side, array] of [
    ['prediction', pred],
    ['ground truth', gt],
  ] as const) {
    if (array.length !== count) {
      throw ioError(
        ErrorCode.SHAPE_MISMATCH,
        undefined,
        `${side} holds ${array.length} labels, expected ${width} × ${height}`,
        {
          side,
          length: array.length,
          width,
          height,
        },
      );
    }
  }
  const ignore = new Set(
    options.ignoreIndex === undefined
      ? []
      : typeof options.ignoreIndex === 'number'
        ? [options.ignoreIndex]
        : options.ignoreIndex,
  );
  const states = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const g = gt[i]!;
    states[i] = ignore.has(g)
      ? ErrorMapIndex.IGNORED
      : pred[i] === g
        ? ErrorMapIndex.CORRECT
        : ErrorMapIndex.WRONG;
  }
  const colors = options.colors ?? {};
  const palette = [
    colors.correct ?? [0, 0, 0],
    colors.wrong ?? [255, 0, 0],
    colors.ignored ?? [128, 128, 128],
  ];
  return writePng({ width, height, bitDepth: 8, colorType: 3, samples: states, palette }, codec);
}
