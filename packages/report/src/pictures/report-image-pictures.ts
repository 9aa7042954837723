import { type ConfusionMatrixOptions, type LabelArray, normalizeSettings } from '@segmetrics/core';
import { encodeColorizedPng, type ZlibCompress } from '@segmetrics/io/encode';
import { REPORT_PICTURE_COLORS, type RgbTriple } from '../html/class-colors.js';
import { type ThumbnailCodePair, thumbnailCodePair } from './thumbnail-codes.js';

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
 * states ({@link thumbnailCodePair}), and the full image's size. Small (three bytes per thumbnail pixel,
 * ≤ 192 KiB), so that a run can keep them for its candidate worst images while it counts.
 */
export interface ReportThumbnails {
  /** The full image's size. */
  readonly width: number;
  readonly height: number;
  readonly codes: ThumbnailCodePair;
}

/**
 * The thumbnails of one image (see {@link reportImagePictures}): both maps after the run's label mapping
 * exactly as the matrix counts them, downscaled with nearest neighbour to at most 256 px.
 */
export function reportThumbnails(
  gt: RawLabelMap,
  pred: RawLabelMap,
  matrixOptions: ConfusionMatrixOptions,
): ReportThumbnails {
  const settings = normalizeSettings(matrixOptions);
  return {
    width: gt.width,
    height: gt.height,
    codes: thumbnailCodePair(gt, pred, settings, settings.labelMapping?.applyTo !== 'gt'),
  };
}

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
  const palette: RgbTriple[] = [...colors.slice(0, c), REPORT_PICTURE_COLORS.ignored, INVALID_COLOR];
  const { gt, pred, states } = thumbnails.codes;
  const { width, height } = gt;
  const png = (data: Uint16Array | Uint8Array, entries: readonly RgbTriple[]) =>
    encodeColorizedPng({ data, width, height }, entries, {
      filter: encoding.filter ?? 0,
      ...(encoding.compress === undefined ? {} : { compress: encoding.compress }),
    });
  return {
    width: thumbnails.width,
    height: thumbnails.height,
    groundTruth: png(gt.data, palette),
    prediction: png(pred.data, palette),
    errorMap: png(states, ERROR_PALETTE),
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
  return encodeReportPictures(reportThumbnails(gt, pred, matrixOptions), matrixOptions, colors, encoding);
}
