import { ErrorCode } from '@segmetrics/core';
import { mapColorsToLabels } from './color-palette.js';
import { ioError } from './internal/errors.js';
import type { ColorPalette, DecodedLabelMap } from './types.js';

/** The shape of a browser `ImageData` (RGBA, 8 bits per channel, row-major). */
export interface ImageDataLike {
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Options of {@link labelMapFromImageData}. */
export interface ImageDataOptions {
  /** Colour → id table (alpha is ignored). Required unless `channel` is given. */
  colorPalette?: ColorPalette;
  /** Id for colours missing from the palette; default `'error'` (`UNKNOWN_COLOR`). */
  unknownColor?: 'error' | number;
  /** Read labels from one channel instead (0 = red … 3 = alpha), e.g. a gray mask drawn to a canvas. */
  channel?: 0 | 1 | 2 | 3;
  /** Name reported in errors. */
  file?: string;
}

/**
 * Converts a browser `ImageData` (e.g. from `canvas.getContext('2d').getImageData(...)`) into a label
 * map: RGBA colours mapped to ids through `colorPalette`, or one channel's values as labels.
 * Note that canvases colour-manage and premultiply alpha: draw masks with alpha 255 and no smoothing.
 * Throws `INVALID_OPTION` (no palette and no channel), `DECODE_FAILED` (data length ≠ 4 × width ×
 * height) or `UNKNOWN_COLOR`.
 */
export function labelMapFromImageData(image: ImageDataLike, options: ImageDataOptions): DecodedLabelMap {
  const { width, height, data } = image;
  const { file } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw ioError(ErrorCode.INVALID_OPTION, file, `invalid image size ${width}×${height}`, { width, height });
  }
  if (data.length !== width * height * 4) {
    throw ioError(
      ErrorCode.DECODE_FAILED,
      file,
      `ImageData holds ${data.length} bytes, expected 4 × ${width} × ${height}`,
      { length: data.length, width, height },
    );
  }
  if (options.channel !== undefined) {
    if (![0, 1, 2, 3].includes(options.channel)) {
      throw ioError(ErrorCode.INVALID_OPTION, file, 'channel must be 0, 1, 2 or 3', {
        value: options.channel,
      });
    }
    const out = new Uint8Array(width * height);
    for (let p = 0, s = options.channel; p < out.length; p++, s += 4) out[p] = data[s]!;
    return { width, height, bitDepth: 8, colorType: 'rgba', source: 'image-data', data: out };
  }
  if (options.colorPalette === undefined) {
    throw ioError(ErrorCode.INVALID_OPTION, file, 'labelMapFromImageData needs a colorPalette or a channel');
  }
  const labels = mapColorsToLabels(data, {
    width,
    height,
    channels: 4,
    colorPalette: options.colorPalette,
    ...(options.unknownColor === undefined ? {} : { unknownColor: options.unknownColor }),
    ...(file === undefined ? {} : { file }),
  });
  // Literals, not `{ ...base, data }` (a hidden class per map in Node 20's V8, see labelMapFromArray).
  return { width, height, bitDepth: 8, colorType: 'rgba', source: 'image-data', data: labels };
}
