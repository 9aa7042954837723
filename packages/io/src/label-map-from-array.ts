import { ErrorCode } from '@segmetrics/core';
import { allocateLabels } from './color-palette.js';
import { ioError } from './internal/errors.js';
import type { DecodedLabelMap } from './types.js';

/** Integer typed arrays accepted by {@link labelMapFromArray}. */
export type IntegerTypedArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array;

const INTEGER_ARRAYS = [
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
] as const;

/** Options of {@link labelMapFromArray}. */
export interface ArrayLabelMapOptions {
  width: number;
  height: number;
  /** Interleaved samples per pixel (default 1). */
  channels?: number;
  /** Which sample of each pixel holds the label (default 0). */
  channel?: number;
  /** Name reported in errors. */
  file?: string;
}

/**
 * Wraps a raw integer typed array (e.g. a model output already on the CPU) as a label map.
 * Single-channel Uint8Array, Uint16Array and Int32Array are used as they are (no copy); other types,
 * or one channel of an interleaved buffer, are copied into the smallest of Uint8/Uint16/Int32Array
 * that holds the values. Throws `INVALID_OPTION` for a bad size/channel, an array that is not one of the
 * integer types above (a Float32Array would be truncated) or values outside int32, and
 * `SHAPE_MISMATCH` when the length is not width × height × channels.
 */
export function labelMapFromArray(data: IntegerTypedArray, options: ArrayLabelMapOptions): DecodedLabelMap {
  const { width, height, file } = options;
  const channels = options.channels ?? 1;
  const channel = options.channel ?? 0;
  const bad = (message: string, value: unknown) =>
    ioError(ErrorCode.INVALID_OPTION, file, message, { value });
  if (!INTEGER_ARRAYS.some((type) => data instanceof type)) {
    // Float or BigInt arrays from untyped callers: a float label would be truncated, a wide one wrapped.
    throw bad(
      `labelMapFromArray expects an integer typed array (Uint8/Int8/Uint16/Int16/Uint32/Int32), got ${Object.prototype.toString.call(data)}`,
      Object.prototype.toString.call(data),
    );
  }
  if (!Number.isInteger(width) || width <= 0) throw bad(`width must be a positive integer`, width);
  if (!Number.isInteger(height) || height <= 0) throw bad(`height must be a positive integer`, height);
  if (!Number.isInteger(channels) || channels <= 0)
    throw bad(`channels must be a positive integer`, channels);
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
    throw bad(`channel must be in [0, ${channels})`, channel);
  }
  if (data.length !== width * height * channels) {
    throw ioError(
      ErrorCode.SHAPE_MISMATCH,
      file,
      `array holds ${data.length} values, expected ${width} × ${height} × ${channels}`,
      { length: data.length, width, height, channels },
    );
  }
  if (
    channels === 1 &&
    (data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Int32Array)
  ) {
    return { width, height, colorType: 'raw', source: 'array', data, bitDepth: data.BYTES_PER_ELEMENT * 8 };
  }
  const count = width * height;
  let min = 0;
  let max = 0;
  for (let p = 0, s = channel; p < count; p++, s += channels) {
    const v = data[s]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max > 2147483647) throw bad(`label ${max} does not fit in int32`, max);
  const out = allocateLabels(count, min, max);
  for (let p = 0, s = channel; p < count; p++, s += channels) out[p] = data[s]!;
  // Literals, not `{ ...base, data }`: a spread followed by new properties gives each map its own hidden
  // class in Node 20's V8.
  return {
    width,
    height,
    colorType: 'raw',
    source: 'array',
    data: out,
    bitDepth: data.BYTES_PER_ELEMENT * 8,
  };
}
