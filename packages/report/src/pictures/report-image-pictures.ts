import { type ConfusionMatrixOptions, type LabelArray, normalizeSettings } from '@segmetrics/core';
import {
  encodeColorizedPng,
  encodePaletteScanlines,
  vocColorMap,
  type ZlibCompress,
} from '@segmetrics/io/encode';
import { REPORT_PICTURE_COLORS, type RgbTriple } from '../html/class-colors.js';
import {
  type FilteredPicture,
  type ThumbnailCodePair,
  type ThumbnailScratch,
  thumbnailCodePair,
} from './thumbnail-codes.js';
import { THUMBNAIL_SIZE } from './thumbnail-labels.js';

/** Colour of display code C + 1: a label outside the classes (the run would have failed on it). */
const INVALID_COLOR: RgbTriple = [255, 0, 255];

/** Error map colours by {@link errorStates} index: correct, wrong, ignored (as `encodeErrorMapPng`). */
const ERROR_PALETTE: readonly RgbTriple[] = [
  REPORT_PICTURE_COLORS.correct,
  REPORT_PICTURE_COLORS.wrong,
  REPORT_PICTURE_COLORS.errorIgnored,
];

/** A decoded label map (raw values, before any label mapping). */
export interface RawLabelMap {
  readonly data: LabelArray;
  readonly width: number;
  readonly height: number;
}

/** How {@link reportImagePictures} writes its PNGs. */
export interface PictureEncoding {
  /** The zlib compressor (default: `@segmetrics/io/encode`'s: node:zlib's in Node, fflate's elsewhere). */
  readonly compress?: ZlibCompress;
  /**
   * The PNG row filter of every row (default 0, none: smallest with deflate's default strategy); Up (2)
   * suits run-length compressors (e.g. node:zlib's `'rle'` strategy).
   */
  readonly filter?: 0 | 1 | 2 | 3 | 4;
}

/** The three pictures of one image as PNG bytes, and the full image's size. */
export interface ImagePictures {
  readonly width: number;
  readonly height: number;
  readonly groundTruth: Uint8Array;
  readonly prediction: Uint8Array;
  readonly errorMap: Uint8Array;
}

/**
 * What the pictures of one image are drawn from: the display codes of both thumbnails and their error
 * states ({@link thumbnailCodePair}) with the pictures' scanlines, and the full image's size: what
 * {@link encodeReportPictures} writes the pictures from.
 */
export interface ReportThumbnails {
  /** The full image's size. */
  readonly width: number;
  readonly height: number;
  readonly codes: ThumbnailCodePair;
}

/**
 * The thumbnails of one image (see {@link reportImagePictures}): both maps after the run's label mapping
 * exactly as the matrix counts them, downscaled with nearest neighbour to at most 256 px, and the
 * pictures' PNG scanlines filtered in the same pass under `options.filter` (None by default, or Up: the
 * {@link PictureEncoding} filter they will be written with; 8-bit maps whose codes fit a byte), so that
 * {@link encodeReportPictures} only compresses them.
 */
export function reportThumbnails(
  gt: RawLabelMap,
  pred: RawLabelMap,
  matrixOptions: ConfusionMatrixOptions,
  options: { readonly filter?: 0 | 2; readonly scratch?: ThumbnailScratch } = {},
): ReportThumbnails {
  const settings = normalizeSettings(matrixOptions);
  const predMapped = settings.labelMapping?.applyTo !== 'gt';
  return {
    width: gt.width,
    height: gt.height,
    codes: thumbnailCodePair(
      gt,
      pred,
      settings,
      predMapped,
      THUMBNAIL_SIZE,
      options.filter,
      options.scratch ?? null,
    ),
  };
}

/** The thumbnails' memory, reused by every {@link reportImagePictures} call (each encodes them at once). */
const scratch: ThumbnailScratch = { arrays: [] };

/**
 * The pictures of {@link reportImagePictures} from thumbnails made by {@link reportThumbnails} (with the
 * same `matrixOptions`): the same pictures, whenever and wherever the thumbnails were made.
 */
export function encodeReportPictures(
  thumbnails: ReportThumbnails,
  matrixOptions: ConfusionMatrixOptions,
  colors: readonly RgbTriple[],
  encoding: PictureEncoding = {},
): ImagePictures {
  const c = matrixOptions.numClasses;
  // C class colours (the VOC colour map's where `colors` has none), then ignored and invalid at C, C + 1.
  const fallback = colors.length >= c ? [] : vocColorMap(c);
  const palette: RgbTriple[] = [
    ...Array.from({ length: c }, (_, k) => colors[k] ?? (fallback[k] as RgbTriple)),
    REPORT_PICTURE_COLORS.ignored,
    INVALID_COLOR,
  ];
  const { gt, pred, states, scanlines } = thumbnails.codes;
  const { width, height } = gt;
  const filter = encoding.filter ?? 0;
  const compress = encoding.compress === undefined ? {} : { compress: encoding.compress };
  const png = (
    data: Uint16Array | Uint8Array,
    filtered: FilteredPicture | undefined,
    entries: readonly RgbTriple[],
  ) =>
    // Scanlines filtered while sampling, under this filter: the same PNG, with no pass over the pixels.
    filtered !== undefined && scanlines?.filter === filter
      ? encodePaletteScanlines(
          { width, height, data: filtered.data },
          entries.slice(0, filtered.largest + 1),
          compress,
        )
      : encodeColorizedPng({ data, width, height }, entries, { filter, ...compress });
  return {
    width: thumbnails.width,
    height: thumbnails.height,
    groundTruth: png(gt.data, scanlines?.gt, palette),
    prediction: png(pred.data, scanlines?.pred, palette),
    errorMap: png(states, scanlines?.errorMap, ERROR_PALETTE),
  };
}

/**
 * The HTML report's pictures of one image from its decoded ground truth and prediction: both in the
 * class colours (ignored pixels in {@link REPORT_PICTURE_COLORS}.ignored, labels outside the classes in
 * magenta) and the error map (correct / wrong / ignored), all after the run's label mapping exactly as
 * the matrix counts them, downscaled with nearest neighbour to at most 256 px, as unfiltered palette
 * PNGs by default (what the PNG specification advises for palette images: smaller here, and about half
 * the encoding time of the adaptive filters). Used by the CLI and the web app alike. `encoding` may
 * replace the compressor and the row filter (the CLI: node:zlib's run-length strategy after the Up
 * filter, several times faster); the pictures are the same, only the PNG bytes differ.
 * `encodeReportPictures(reportThumbnails(gt, pred, matrixOptions), matrixOptions, colors, encoding)`.
 */
export function reportImagePictures(
  gt: RawLabelMap,
  pred: RawLabelMap,
  matrixOptions: ConfusionMatrixOptions,
  colors: readonly RgbTriple[],
  encoding: PictureEncoding = {},
): ImagePictures {
  const filter = encoding.filter ?? 0;
  // Filtered while sampling under None or Up; the other filters filter the codes when encoding.
  const thumbnails = reportThumbnails(
    gt,
    pred,
    matrixOptions,
    filter === 0 || filter === 2 ? { filter, scratch } : { scratch },
  );
  return encodeReportPictures(thumbnails, matrixOptions, colors, encoding);
}
