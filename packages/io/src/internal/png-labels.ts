import { ErrorCode } from '@segmetrics/core';
import { mapColorsToLabels } from '../color-palette.js';
import type { ColorType, DecodedLabelMap, DecodeOptions, DecodeSource, LabelData } from '../types.js';
import { ioError } from './errors.js';
import { paletteColorLabels } from './palette-color-labels.js';
import { PngColorType, type PngStructure } from './png-structure.js';
import { unpackBits } from './unpack.js';

const COLOR_TYPE_NAMES: Record<number, ColorType> = {
  0: 'gray',
  2: 'rgb',
  3: 'palette',
  4: 'gray-alpha',
  6: 'rgba',
};

/** The colour-type name of a PNG colour type number. */
export function colorTypeName(colorType: number): ColorType {
  return COLOR_TYPE_NAMES[colorType]!;
}

/** Throws for PNG variants no decoder here reads exactly (checked before decoding). */
export function assertSupported(png: PngStructure, options: DecodeOptions): void {
  const { file } = options;
  if (png.interlaced && png.bitDepth < 8) {
    throw ioError(
      ErrorCode.UNSUPPORTED_FORMAT,
      file,
      `interlaced (Adam7) ${png.bitDepth}-bit PNGs are not supported; re-save without interlacing`,
      { bitDepth: png.bitDepth, interlaced: true },
    );
  }
  if (png.colorType === PngColorType.RGB || png.colorType === PngColorType.RGBA) {
    if (png.bitDepth !== 8) {
      throw ioError(ErrorCode.UNSUPPORTED_FORMAT, file, '16-bit colour-coded masks are not supported', {
        bitDepth: png.bitDepth,
        colorType: colorTypeName(png.colorType),
      });
    }
    if (options.colorPalette === undefined) {
      throw ioError(
        ErrorCode.UNSUPPORTED_FORMAT,
        file,
        `${colorTypeName(png.colorType).toUpperCase()} colour-coded mask: pass a colour palette (colour → class id) to read it`,
        // `option` names what is missing, for callers that word it in their own terms (a CLI flag).
        { colorType: colorTypeName(png.colorType), option: 'colorPalette' },
      );
    }
  }
}

/**
 * Turns unfiltered, de-interlaced PNG samples into labels: gray and palette samples are the labels
 * (1/2/4-bit unpacked), gray-alpha keeps the gray channel, RGB/RGBA go through the colour palette, and
 * so does a palette PNG whose colours contradict its indices under it ({@link paletteColorLabels}).
 *
 * `samples` is one element per sample for 8/16-bit images, packed row-padded bytes below 8 bits.
 */
export function labelsFromSamples(
  png: PngStructure,
  samples: Uint8Array | Uint16Array,
  options: DecodeOptions,
  source: DecodeSource,
): DecodedLabelMap {
  const { width, height, bitDepth, colorType } = png;
  const count = width * height;
  let data: LabelData;
  if (colorType === PngColorType.GRAY || colorType === PngColorType.PALETTE) {
    data =
      bitDepth < 8
        ? unpackBits(samples as Uint8Array, width, height, bitDepth as 1 | 2 | 4, png.rowBytes)
        : samples.length === count
          ? samples
          : samples.subarray(0, count);
    if (colorType === PngColorType.PALETTE && options.colorPalette !== undefined) {
      data = paletteColorLabels(data as Uint8Array, png.plte!, options) ?? data;
    }
  } else if (colorType === PngColorType.GRAY_ALPHA) {
    const gray = bitDepth === 16 ? new Uint16Array(count) : new Uint8Array(count);
    for (let p = 0; p < count; p++) gray[p] = samples[2 * p]!;
    data = gray;
  } else {
    data = mapColorsToLabels(samples, {
      width,
      height,
      channels: colorType === PngColorType.RGBA ? 4 : 3,
      colorPalette: options.colorPalette!,
      ...(options.unknownColor === undefined ? {} : { unknownColor: options.unknownColor }),
      ...(options.file === undefined ? {} : { file: options.file }),
    });
  }
  const result: DecodedLabelMap = {
    data,
    width,
    height,
    bitDepth,
    colorType: colorTypeName(colorType),
    source,
  };
  // Built when first read: most decodes never look at the colours.
  if (png.hasPalette) {
    Object.defineProperty(result, PNG_OF, { value: png });
    Object.defineProperty(result, 'palette', { get: paletteOf, enumerable: true, configurable: true });
  }
  return result;
}

/** Where a decoded map with a palette keeps its PNG structure (not enumerable: spreads skip it). */
const PNG_OF = Symbol('png');

/**
 * The `palette` getter of every decoded map, one function for all: a getter closure per map gave each
 * map its own hidden class, which V8 allocates in old space — about 0.5 KB of old-space garbage per
 * palette image, so that peak memory grew with the number of images read.
 */
function paletteOf(this: { readonly [PNG_OF]?: PngStructure } | undefined): number[][] | undefined {
  return this?.[PNG_OF]?.palette;
}
