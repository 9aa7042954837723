import { ErrorCode, type LabelMap } from '@segmetrics/core';
import { ioError } from './internal/errors.js';
import {
  type FilterStrategy,
  filterPaletteBytes,
  type PngCodec,
  writePng,
  type ZlibCompress,
} from './internal/png-writer.js';
import type { RgbColor } from './types.js';
import { vocColorMap } from './voc-color-map.js';

/** Options of `encodeColorizedPng`. */
export interface ColorizeOptions {
  /** Colour for labels without a palette entry (default: the VOC colour map's colour for that id). */
  fallbackColor?: RgbColor;
  /** Row filters (default `'adaptive'`). */
  filter?: FilterStrategy;
  /**
   * The zlib compressor of the image data, `(data, level) => zlib stream` (default: node:zlib's in Node,
   * fflate's elsewhere). Any conforming compressor gives the same image; only the file's bytes may differ.
   */
  compress?: ZlibCompress;
}

/** `encodeColorizedPng` (see `PngWriters`) with `codec`'s compressor when the options give none. */
export function colorizedPng(
  labelMap: LabelMap,
  palette: readonly (RgbColor | null | undefined)[],
  options: ColorizeOptions,
  codec: PngCodec,
): Uint8Array {
  const { data, width, height } = labelMap;
  if (data.length !== width * height || width <= 0 || height <= 0) {
    throw ioError(
      ErrorCode.SHAPE_MISMATCH,
      undefined,
      `label map holds ${data.length} labels, expected ${width} × ${height}`,
      {
        length: data.length,
        width,
        height,
      },
    );
  }
  // Palette indices of one byte under the None or Up filter: scanned and filtered in one pass.
  const filter = options.filter;
  const fused =
    data instanceof Uint8Array && (filter === 0 || filter === 2)
      ? filterPaletteBytes(data, width, height, filter)
      : null;
  let largest = 0;
  if (fused !== null) {
    largest = fused.largest;
  } else if (data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Uint8ClampedArray) {
    // Unsigned integers by type: only the largest label matters.
    largest = largestOf(data);
  } else {
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!Number.isInteger(v) || v < 0) {
        throw ioError(ErrorCode.LABEL_OUT_OF_RANGE, undefined, `cannot colourise label ${v} at index ${i}`, {
          value: v,
          index: i,
        });
      }
      if (v > largest) largest = v;
    }
  }
  // The VOC colour map is built only when a label has neither a palette entry nor a fallback colour.
  let fallback: readonly RgbColor[] | undefined;
  const colorOf = (id: number): RgbColor => {
    const color = palette[id] ?? options.fallbackColor;
    if (color !== undefined) return color;
    fallback ??= vocColorMap(256);
    return fallback[id % 256]!;
  };
  if (largest <= 255) {
    const entries: RgbColor[] = [];
    for (let id = 0; id <= largest; id++) entries.push(colorOf(id));
    return writePng(
      {
        width,
        height,
        bitDepth: 8,
        colorType: 3,
        samples: data,
        palette: entries,
        ...(options.filter === undefined ? {} : { filter: options.filter }),
        ...(options.compress === undefined ? {} : { compress: options.compress }),
        ...(fused === null ? {} : { filtered: fused.filtered }),
      },
      codec,
    );
  }
  const rgb = new Uint8Array(data.length * 3);
  const cache = new Map<number, RgbColor>();
  for (let i = 0; i < data.length; i++) {
    const id = data[i]!;
    let color = cache.get(id);
    if (color === undefined) {
      color = colorOf(id);
      cache.set(id, color);
    }
    rgb[3 * i] = color[0];
    rgb[3 * i + 1] = color[1];
    rgb[3 * i + 2] = color[2];
  }
  return writePng(
    {
      width,
      height,
      bitDepth: 8,
      colorType: 2,
      samples: rgb,
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
    },
    codec,
  );
}

/**
 * The largest value of an unsigned typed array (0 when empty). A function of its own: a loop that shares
 * its function with code that has not run yet is deoptimized when that code first runs.
 */
function largestOf(data: Uint8Array | Uint16Array | Uint8ClampedArray): number {
  let largest = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > largest) largest = data[i]!;
  return largest;
}
