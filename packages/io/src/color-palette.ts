import { ErrorCode } from '@segmetrics/core';
import { ioError } from './internal/errors.js';
import { checkLabelId } from './internal/label-id.js';
import type { ColorPalette, LabelData, RgbColor } from './types.js';

const HEX = /^#?([0-9a-f]{6})$/i;

function isByte(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}

/** Formats a colour as `#rrggbb`. */
export function formatColor(color: RgbColor): string {
  return `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Parses `'#rrggbb'` (or `'rrggbb'`) into `[r, g, b]`. Throws `INVALID_OPTION` for anything else.
 */
export function parseColor(text: string): RgbColor {
  const match = HEX.exec(text.trim());
  if (match === null) {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, `invalid colour "${text}" (expected #rrggbb)`, {
      value: text,
    });
  }
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/**
 * Normalises a {@link ColorPalette} into a lookup from packed colour (`r << 16 | g << 8 | b`) to class
 * id. Throws `INVALID_OPTION` for malformed colours, ids that are not integers in [−2^31, 2^31 − 1]
 * (a label array could not hold them without wrapping) or a colour given two ids.
 */
export function colorLookup(palette: ColorPalette): Map<number, number> {
  const lookup = new Map<number, number>();
  const add = (color: RgbColor, id: number, where: string) => {
    if (!Array.isArray(color) || color.length !== 3 || !color.every(isByte)) {
      throw ioError(ErrorCode.INVALID_OPTION, undefined, `colour palette entry ${where} is not [r, g, b]`, {
        value: color,
      });
    }
    checkLabelId(id, `colour palette id of ${where}`);
    const key = (color[0] << 16) | (color[1] << 8) | color[2];
    const existing = lookup.get(key);
    if (existing !== undefined && existing !== id) {
      throw ioError(
        ErrorCode.INVALID_OPTION,
        undefined,
        `colour ${formatColor(color)} is given to two ids (${existing} and ${id})`,
        { value: formatColor(color), ids: [existing, id] },
      );
    }
    lookup.set(key, id);
  };
  if (Array.isArray(palette)) {
    (palette as readonly (RgbColor | null | undefined)[]).forEach((color, id) => {
      if (color !== null && color !== undefined) add(color, id, `${id}`);
    });
  } else {
    for (const [hex, id] of Object.entries(palette as Readonly<Record<string, number>>)) {
      add(parseColor(hex), id, hex);
    }
  }
  return lookup;
}

/** Lookups of deeply frozen palettes (they cannot change, so their lookup is built once). */
const frozenLookups = new WeakMap<object, ReadonlyMap<number, number>>();

/** True when `palette` and every colour in it are frozen: nothing in it can change any more. */
function deeplyFrozen(palette: ColorPalette): boolean {
  if (!Object.isFrozen(palette)) return false;
  if (!Array.isArray(palette)) return true; // a record's values are ids (numbers)
  return (palette as readonly (RgbColor | null | undefined)[]).every(
    (color) => color === null || color === undefined || Object.isFrozen(color),
  );
}

/**
 * {@link colorLookup} for the decoders, read-only: built once for a deeply frozen palette (the dataset
 * presets' mask palettes; `Object.freeze` a palette and its colours to get the same), per call for any
 * other (it may have changed since).
 */
export function paletteLookup(palette: ColorPalette): ReadonlyMap<number, number> {
  const cached = frozenLookups.get(palette);
  if (cached !== undefined) return cached;
  const lookup = colorLookup(palette);
  if (deeplyFrozen(palette)) frozenLookups.set(palette, lookup);
  return lookup;
}

/**
 * The smallest label array type that holds every value in [min, max]. Throws `INVALID_OPTION` when
 * `min` or `max` is not an integer in [−2^31, 2^31 − 1] (no label array holds it without wrapping).
 */
export function allocateLabels(length: number, min: number, max: number): LabelData {
  checkLabelId(min, 'the smallest label');
  checkLabelId(max, 'the largest label');
  if (min >= 0 && max <= 0xff) return new Uint8Array(length);
  if (min >= 0 && max <= 0xffff) return new Uint16Array(length);
  return new Int32Array(length);
}

export interface MapColorsOptions {
  width: number;
  height: number;
  /** Samples per pixel: 3 (RGB) or 4 (RGBA; alpha is ignored). */
  channels: 3 | 4;
  colorPalette: ColorPalette;
  unknownColor?: 'error' | number;
  file?: string;
}

/**
 * Maps the pixels of an interleaved 8-bit RGB/RGBA buffer to class ids through a colour palette.
 * Alpha is ignored. A colour missing from the palette throws `UNKNOWN_COLOR` naming the colour and
 * its first pixel (x, y), unless `unknownColor` gives the id to use instead. Ids (palette and
 * `unknownColor`) must be integers in [−2^31, 2^31 − 1] (`INVALID_OPTION`), never wrapped.
 */
export function mapColorsToLabels(samples: ArrayLike<number>, options: MapColorsOptions): LabelData {
  const { width, height, channels, file } = options;
  const unknownColor =
    options.unknownColor === undefined || options.unknownColor === 'error'
      ? 'error'
      : checkLabelId(options.unknownColor, "unknownColor ('error' or a class id)", file);
  const lookup = paletteLookup(options.colorPalette);
  let min = unknownColor === 'error' ? 0 : unknownColor;
  let max = min;
  for (const id of lookup.values()) {
    if (id < min) min = id;
    if (id > max) max = id;
  }
  const count = width * height;
  if (samples.length < count * channels) {
    throw ioError(
      ErrorCode.DECODE_FAILED,
      file,
      `pixel buffer holds ${samples.length} samples, need ${count * channels}`,
    );
  }
  const out = allocateLabels(count, min, max);
  let lastKey = -1;
  let lastId = 0;
  for (let p = 0, s = 0; p < count; p++, s += channels) {
    const key = (samples[s]! << 16) | (samples[s + 1]! << 8) | samples[s + 2]!;
    if (key !== lastKey) {
      const id = lookup.get(key);
      if (id === undefined) {
        if (unknownColor === 'error') {
          const color = formatColor([samples[s]!, samples[s + 1]!, samples[s + 2]!]);
          const x = p % width;
          const y = (p - x) / width;
          throw ioError(
            ErrorCode.UNKNOWN_COLOR,
            file,
            `colour ${color} at pixel (x=${x}, y=${y}) is not in the colour palette`,
            { value: color, x, y, index: p },
          );
        }
        lastId = unknownColor;
      } else {
        lastId = id;
      }
      lastKey = key;
    }
    out[p] = lastId;
  }
  return out;
}
