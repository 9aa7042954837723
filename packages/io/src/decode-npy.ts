import { ErrorCode } from '@segmetrics/core';
import { allocateLabels } from './color-palette.js';
import { ioError } from './internal/errors.js';
import { checkDecodeOptions } from './internal/options.js';
import type { DecodedLabelMap, DecodeOptions, LabelData } from './types.js';

/** `\x93NUMPY`: the magic string of the .npy format. */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

/** True when `bytes` starts with the `.npy` magic string. */
export function hasNpyMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 6) return false;
  for (let i = 0; i < 6; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/** The parsed header of a `.npy` file. */
export interface NpyHeader {
  /** NumPy dtype string, e.g. `'<u2'`, `'|b1'`, `'>i8'`. */
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Offset of the array data in the file. */
  readonly dataOffset: number;
}

/**
 * Parses the header of a `.npy` file (format versions 1.0, 2.0 and 3.0, see
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html). Throws `DECODE_FAILED`
 * for a malformed header and `UNSUPPORTED_FORMAT` for structured dtypes.
 */
export function parseNpyHeader(bytes: Uint8Array, file?: string): NpyHeader {
  const fail = (message: string) => ioError(ErrorCode.DECODE_FAILED, file, message);
  if (!hasNpyMagic(bytes)) throw fail('not a .npy file (bad magic string)');
  if (bytes.length < 10) throw fail('truncated .npy header');
  const major = bytes[6]!;
  let headerLength: number;
  let start: number;
  if (major === 1) {
    headerLength = bytes[8]! | (bytes[9]! << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw fail('truncated .npy header');
    headerLength = (bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16) | (bytes[11]! << 24)) >>> 0;
    start = 12;
  } else {
    throw ioError(ErrorCode.UNSUPPORTED_FORMAT, file, `unknown .npy format version ${major}.${bytes[7]}`, {
      version: `${major}.${bytes[7]}`,
    });
  }
  if (start + headerLength > bytes.length) throw fail('truncated .npy header');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(start, start + headerLength),
  );
  const header = parseHeaderDict(text, fail);
  if (header === 'structured') {
    throw ioError(ErrorCode.UNSUPPORTED_FORMAT, file, 'structured .npy dtypes are not supported', {
      header: text.trim(),
    });
  }
  // Property by property, not `{ ...header, dataOffset }`: in Node 20's V8 an object spread followed by
  // another property gives each result a hidden class of its own, allocated in old space (≈ 0.2 KB of
  // old-space garbage per file read).
  return {
    descr: header.descr,
    fortranOrder: header.fortranOrder,
    shape: header.shape,
    dataOffset: start + headerLength,
  };
}

/**
 * The header's Python dict literal, read as numpy reads it (`ast.literal_eval`, then exactly the keys
 * `descr`, `fortran_order` and `shape`): a quoted dtype string (a list: a structured dtype), `True` or
 * `False`, and a tuple of non-negative integers; then only spaces and newlines. A repeated or unknown
 * key, or a shape entry that is not an integer (`11.0`), is a malformed header: numpy refuses the last
 * two, and for a repeated key would take the last value where a first-match reader takes the first.
 */
function parseHeaderDict(
  text: string,
  fail: (message: string) => Error,
): Omit<NpyHeader, 'dataOffset'> | 'structured' {
  const malformed = () => fail(`malformed .npy header: ${text.trim()}`);
  let at = 0;
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const take = (pattern: RegExp): string | null => {
    skip();
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return null;
    at = pattern.lastIndex;
    return match.slice(1).find((group) => group !== undefined) ?? match[0];
  };
  const values = new Map<string, unknown>();
  if (take(/\{/y) === null) throw malformed();
  for (;;) {
    if (take(/\}/y) !== null) break;
    const name = take(/'([^'\\]*)'|"([^"\\]*)"/y);
    if (name === null || take(/:/y) === null) throw malformed();
    if (values.has(name)) throw fail(`malformed .npy header: the key '${name}' is repeated: ${text.trim()}`);
    if (name === 'descr') {
      if (take(/\[/y) !== null) return 'structured';
      const descr = take(/'([^'\\]*)'|"([^"\\]*)"/y);
      if (descr === null) throw malformed();
      values.set(name, descr);
    } else if (name === 'fortran_order') {
      const flag = take(/True|False/y);
      if (flag === null) throw malformed();
      values.set(name, flag === 'True');
    } else if (name === 'shape') {
      const tuple = take(/\(([^)]*)\)/y);
      if (tuple === null) throw malformed();
      const parts = tuple.split(',').map((part) => part.trim());
      // `(3,)` has a trailing comma; `()` is a scalar; an empty part elsewhere is malformed.
      if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      if (parts.length === 1 && parts[0] === '') parts.pop();
      if (!parts.every((part) => /^\d+L?$/.test(part))) throw fail(`malformed .npy shape (${tuple})`);
      const dims = parts.map((part) => Number(part.replace(/L$/, '')));
      if (!dims.every((d) => Number.isSafeInteger(d))) throw fail(`malformed .npy shape (${tuple})`);
      values.set(name, dims);
    } else {
      throw fail(
        `malformed .npy header: unknown key '${name}' (numpy writes descr, fortran_order and shape): ${text.trim()}`,
      );
    }
    if (take(/,/y) === null) {
      if (take(/\}/y) === null) throw malformed();
      break;
    }
  }
  skip();
  if (at !== text.length || !values.has('descr') || !values.has('fortran_order') || !values.has('shape')) {
    throw malformed();
  }
  return {
    descr: values.get('descr') as string,
    fortranOrder: values.get('fortran_order') as boolean,
    shape: values.get('shape') as number[],
  };
}

type Kind = 'b' | 'u' | 'i' | 'f';

export interface Dtype {
  kind: Kind;
  size: number;
  littleEndian: boolean;
}

function parseDtype(descr: string, file: string | undefined): Dtype {
  const match = /^([<>|=])([buif])(\d+)$/.exec(descr);
  const supported: Record<string, readonly number[]> = {
    b: [1],
    u: [1, 2, 4, 8],
    i: [1, 2, 4, 8],
    f: [2, 4, 8],
  };
  if (match === null || !supported[match[2]!]!.includes(Number(match[3]))) {
    throw ioError(
      ErrorCode.UNSUPPORTED_FORMAT,
      file,
      `.npy dtype ${descr} is not supported (use bool, uint8/16/32/64, int8/16/32/64 or float16/32/64)`,
      { dtype: descr },
    );
  }
  return { kind: match[2] as Kind, size: Number(match[3]), littleEndian: match[1] !== '>' };
}

type Values =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** The array elements in storage order, native endian; 64-bit integers narrowed to int32 (checked). */
function readValues(raw: Uint8Array, dtype: Dtype, count: number, descr: string, file?: string): Values {
  const { kind, size } = dtype;
  if (size === 1) {
    if (kind === 'b') {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = raw[i] === 0 ? 0 : 1;
      return out;
    }
    const copy = Uint8Array.prototype.slice.call(raw, 0, count); // a copy even for a Buffer
    return kind === 'i' ? new Int8Array(copy.buffer) : copy;
  }
  const copy = Uint8Array.prototype.slice.call(raw, 0, count * size); // aligned, owned (Buffer#slice is a view)
  if (!dtype.littleEndian) {
    for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse();
  }
  const buffer = copy.buffer;
  if (size === 2) {
    if (kind === 'u') return new Uint16Array(buffer);
    if (kind === 'i') return new Int16Array(buffer);
    const bits = new Uint16Array(buffer);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = halfToFloat(bits[i]!);
    return out;
  }
  if (size === 4) {
    if (kind === 'u') return new Uint32Array(buffer);
    if (kind === 'i') return new Int32Array(buffer);
    return new Float32Array(buffer);
  }
  if (kind === 'f') return new Float64Array(buffer);
  const words = new Int32Array(buffer);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    const fits = kind === 'i' ? hi === lo >> 31 : hi === 0 && lo >= 0;
    if (!fits) {
      const value =
        kind === 'i'
          ? BigInt(hi) * 2n ** 32n + BigInt(lo >>> 0)
          : BigInt(hi >>> 0) * 2n ** 32n + BigInt(lo >>> 0);
      throw ioError(
        ErrorCode.UNSUPPORTED_FORMAT,
        file,
        `.npy ${descr} value ${value} at element ${i} does not fit in int32`,
        { dtype: descr, value: value.toString(), index: i },
      );
    }
    out[i] = lo;
  }
  return out;
}

/**
 * Decodes a NumPy `.npy` file into a label map.
 *
 * - Integer and bool arrays of shape (H, W) (singleton leading/trailing axes are squeezed, e.g.
 *   (1, H, W) or (H, W, 1)) are label maps: bool → 0/1, uint8/16/32/64, int8/16/32/64, C or Fortran
 *   order, either endianness. Values must fit in int32 (`UNSUPPORTED_FORMAT` otherwise). uint8 and bool
 *   give Uint8Array, uint16 Uint16Array; other dtypes the smallest of Uint8Array / Uint16Array /
 *   Int32Array that holds the values.
 * - Float arrays of shape (H, W) are accepted when every value is an integer (a label map saved as float).
 * - Float arrays of shape (C, H, W) or (H, W, C) (a leading batch axis of 1 is squeezed) are class scores
 *   reduced by argmax over C, with NumPy's rules: the first maximum wins, and a NaN counts as the maximum.
 *   `options.scoresLayout` says which axis is C; by default it is inferred when the first or last axis is
 *   strictly the smallest, otherwise `INVALID_OPTION`.
 *
 * Other dtypes or shapes are `UNSUPPORTED_FORMAT`; a malformed or truncated file is `DECODE_FAILED`; more
 * than `options.maxPixels` pixels is `IMAGE_TOO_LARGE`.
 */
/** Where the image sits in a `.npy` array: element type, axes, strides, size. */
export interface NpyLayout {
  readonly dtype: Dtype;
  readonly strides: readonly number[];
  /** Elements in the array. */
  readonly total: number;
  readonly classAxis: { size: number; axis: number } | undefined;
  readonly yAxis: { size: number; axis: number };
  readonly xAxis: { size: number; axis: number };
  readonly width: number;
  readonly height: number;
}

/**
 * Checks a `.npy` header (dtype, shape, scores layout, pixel limit) before any data is read, and says
 * how to read the image: throws `UNSUPPORTED_FORMAT`, `INVALID_OPTION` or `IMAGE_TOO_LARGE`.
 */
export function npyLayout(header: NpyHeader, options: DecodeOptions = {}): NpyLayout {
  const { file } = options;
  const dtype = parseDtype(header.descr, file);
  const fullShape = header.shape;
  const unsupportedShape = (why: string) =>
    ioError(ErrorCode.UNSUPPORTED_FORMAT, file, `.npy shape (${fullShape.join(', ')}) ${why}`, {
      shape: fullShape,
      dtype: header.descr,
    });
  let axes = fullShape.map((size, axis) => ({ size, axis }));
  const strides = new Array<number>(fullShape.length);
  let stride = 1;
  for (let k = 0; k < fullShape.length; k++) {
    const axis = header.fortranOrder ? k : fullShape.length - 1 - k;
    strides[axis] = stride;
    stride *= fullShape[axis]!;
  }
  const total = stride;
  const isScores = dtype.kind === 'f';
  const wanted = isScores && axes.length >= 3 ? 3 : 2;
  while (axes.length > wanted && axes[0]!.size === 1) axes = axes.slice(1);
  while (!isScores && axes.length > 2 && axes[axes.length - 1]!.size === 1) axes = axes.slice(0, -1);
  if (axes.length < 2)
    throw unsupportedShape('is not an image (need (H, W) labels or (C, H, W) / (H, W, C) scores)');
  if (axes.length > wanted) {
    throw unsupportedShape(
      isScores ? 'has too many axes for a score array' : 'is not a label map (need (H, W), integer dtype)',
    );
  }
  let layout: 'chw' | 'hwc' | undefined;
  if (axes.length === 3) {
    const [a, , c] = axes.map((x) => x.size) as [number, number, number];
    const b = axes[1]!.size;
    layout = options.scoresLayout;
    if (layout !== undefined && layout !== 'chw' && layout !== 'hwc') {
      throw ioError(ErrorCode.INVALID_OPTION, file, `the scores layout must be 'chw' or 'hwc'`, {
        value: layout,
        option: 'scoresLayout',
        choices: ['chw', 'hwc'],
      });
    }
    if (layout === undefined) {
      if (a < b && a < c) layout = 'chw';
      else if (c < a && c < b) layout = 'hwc';
      else {
        throw ioError(
          ErrorCode.INVALID_OPTION,
          file,
          `cannot tell the class axis of score array (${fullShape.join(', ')}): give the scores layout ('chw' = classes first, 'hwc' = classes last; option scoresLayout)`,
          { shape: fullShape, option: 'scoresLayout', choices: ['chw', 'hwc'] },
        );
      }
    }
  }
  const classAxis = layout === 'chw' ? axes[0]! : layout === 'hwc' ? axes[2]! : undefined;
  const [yAxis, xAxis] = layout === 'chw' ? [axes[1]!, axes[2]!] : [axes[0]!, axes[1]!];
  const height = yAxis.size;
  const width = xAxis.size;
  const maxPixels = checkDecodeOptions(options);
  if (width * height > maxPixels) {
    throw ioError(
      ErrorCode.IMAGE_TOO_LARGE,
      file,
      `array is ${width}×${height} = ${width * height} pixels, above the limit of ${maxPixels}`,
      { width, height, maxPixels },
    );
  }
  if (width === 0 || height === 0) throw unsupportedShape('is empty');
  if (classAxis !== undefined && classAxis.size < 2) {
    throw unsupportedShape('has fewer than 2 classes to argmax over; save label maps with an integer dtype');
  }
  return { dtype, strides, total, classAxis, yAxis, xAxis, width, height };
}

export function decodeNpy(bytes: Uint8Array, options: DecodeOptions = {}): DecodedLabelMap {
  const { file } = options;
  const header = parseNpyHeader(bytes, file);
  const { dtype, strides, total, classAxis, yAxis, xAxis, width, height } = npyLayout(header, options);
  const isScores = dtype.kind === 'f';
  const needed = header.dataOffset + total * dtype.size;
  if (bytes.length < needed) {
    throw ioError(
      ErrorCode.DECODE_FAILED,
      file,
      `truncated .npy data: ${bytes.length} bytes, ${needed} expected`,
      {
        bytes: bytes.length,
        expected: needed,
      },
    );
  }
  const values = readValues(bytes.subarray(header.dataOffset), dtype, total, header.descr, file);
  const sy = strides[yAxis.axis]!;
  const sx = strides[xAxis.axis]!;
  const hasClassAxis = classAxis !== undefined;
  // One object literal (a property added to it keeps one hidden class), not a spread of a shared base
  // (see parseNpyHeader).
  const map: { -readonly [K in keyof DecodedLabelMap]: DecodedLabelMap[K] } = {
    width,
    height,
    bitDepth: dtype.size * 8,
    colorType: 'npy',
    dtype: header.descr,
    source: 'npy',
    data: hasClassAxis
      ? argmax(values, width, height, sy, sx, classAxis.size, strides[classAxis.axis]!)
      : toLabels(values, width, height, sy, sx, isScores, header.descr, file),
  };
  if (hasClassAxis) map.argmax = true;
  return map;
}

function toLabels(
  values: Values,
  width: number,
  height: number,
  sy: number,
  sx: number,
  isFloat: boolean,
  descr: string,
  file: string | undefined,
): LabelData {
  const count = width * height;
  const rowMajor = sx === 1 && sy === width;
  if (
    rowMajor &&
    (values instanceof Uint8Array || values instanceof Uint16Array || values instanceof Int32Array)
  ) {
    return narrow(values);
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const gathered = new Float64Array(count);
  let p = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0, at = y * sy; x < width; x++, at += sx) {
      const v = values[at]!;
      if (isFloat && !(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647)) {
        throw ioError(
          ErrorCode.UNSUPPORTED_FORMAT,
          file,
          Number.isInteger(v)
            ? `.npy ${descr} value ${v} at pixel (x=${x}, y=${y}) does not fit in int32`
            : `.npy ${descr} label map holds the non-integer value ${v} at pixel (x=${x}, y=${y}); float arrays are read as labels only when every value is an integer`,
          { dtype: descr, value: v, x, y },
        );
      }
      if (!isFloat && descr.endsWith('u4') && v > 2147483647) {
        throw ioError(
          ErrorCode.UNSUPPORTED_FORMAT,
          file,
          `.npy ${descr} value ${v} at pixel (x=${x}, y=${y}) does not fit in int32`,
          {
            dtype: descr,
            value: v,
            x,
            y,
          },
        );
      }
      if (v < min) min = v;
      if (v > max) max = v;
      gathered[p++] = v;
    }
  }
  const out = allocateLabels(count, min, max);
  out.set(gathered);
  return out;
}

/** Int32 labels re-typed to Uint8Array/Uint16Array when their range allows. */
function narrow(values: Uint8Array | Uint16Array | Int32Array): LabelData {
  if (!(values instanceof Int32Array)) return values;
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min < 0 || max > 0xffff) return values;
  const out = allocateLabels(values.length, min, max);
  out.set(values);
  return out;
}

function argmax(
  values: Values,
  width: number,
  height: number,
  sy: number,
  sx: number,
  classes: number,
  sc: number,
): LabelData {
  const count = width * height;
  const best = new Float64Array(count);
  const out = allocateLabels(count, 0, classes - 1);
  for (let c = 0; c < classes; c++) {
    let p = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0, at = c * sc + y * sy; x < width; x++, at += sx, p++) {
        const v = values[at]!;
        const current = best[p]!;
        // NumPy: the first NaN is the maximum; otherwise the first strictly larger value wins.
        if (c === 0 || (!Number.isNaN(current) && (v > current || Number.isNaN(v)))) {
          best[p] = v;
          out[p] = c;
        }
      }
    }
  }
  return out;
}
