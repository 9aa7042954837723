import { ErrorCode } from '@segmetrics/core';
import { ioError } from './internal/errors.js';
import { type PngCodec, writePng, type ZlibCompress } from './internal/png-writer.js';
import type { RgbColor } from './types.js';

/**
 * An 8-bit palette image already filtered: per row, its PNG filter type byte (0 None … 4 Paeth) and the
 * row's palette indices filtered by it — the "filtered scanlines" that PNG compresses into its image
 * data, `height × (width + 1)` bytes.
 */
export interface PaletteScanlines {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Options of `encodePaletteScanlines`. */
export interface PaletteScanlinesOptions {
  /** The zlib compressor (default: node:zlib's in Node, fflate's elsewhere); see `ZlibCompress`. */
  compress?: ZlibCompress;
  /** zlib level 0 … 9 (default 6). */
  level?: number;
}

/**
 * `encodePaletteScanlines` (see `PngWriters`) with `defaultCompress` when the options give no
 * compressor: checks the size, every row's filter type and the palette (1 … 256 colours), and writes
 * the PNG around the scanlines as given.
 */
export function paletteScanlinesPng(
  scanlines: PaletteScanlines,
  palette: readonly RgbColor[],
  options: PaletteScanlinesOptions,
  codec: PngCodec,
): Uint8Array {
  const { width, height, data } = scanlines;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) {
    throw ioError(ErrorCode.SHAPE_MISMATCH, undefined, `invalid image size ${width} × ${height}`, {
      width,
      height,
    });
  }
  if (data.length !== height * (width + 1)) {
    throw ioError(
      ErrorCode.SHAPE_MISMATCH,
      undefined,
      `palette scanlines hold ${data.length} bytes, expected ${height} × (${width} + 1)`,
      { length: data.length, width, height },
    );
  }
  for (let y = 0; y < height; y++) {
    const type = data[y * (width + 1)]!;
    if (type > 4) {
      throw ioError(ErrorCode.INVALID_OPTION, undefined, `row ${y} has filter type ${type}, expected 0 … 4`, {
        row: y,
        filter: type,
      });
    }
  }
  if (palette.length < 1 || palette.length > 256) {
    throw ioError(
      ErrorCode.INVALID_OPTION,
      undefined,
      `a palette holds 1 … 256 colours, got ${palette.length}`,
      {
        colors: palette.length,
      },
    );
  }
  return writePng(
    {
      width,
      height,
      bitDepth: 8,
      colorType: 3,
      samples: data,
      filtered: data,
      palette,
      ...(options.level === undefined ? {} : { level: options.level }),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
    },
    codec,
  );
}
