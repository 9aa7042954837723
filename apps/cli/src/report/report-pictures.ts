import { deflateSync } from 'node:zlib';
import { normalizeSettings } from '@segmetrics/core';
import { encodeColorizedPng } from '@segmetrics/io';
import { readLabelMap } from '@segmetrics/io/node';
import {
  type HtmlReportImage,
  type PerImageRow,
  REPORT_PICTURE_COLORS,
  type RgbTriple,
} from '@segmetrics/report';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import type { FilePair } from '../pipeline/types.js';
import { displayLabels, errorStates } from './display-labels.js';
import { THUMBNAIL_SIZE, thumbnailLabels } from './thumbnail-labels.js';

/** Colour of display code C + 1: a label outside the classes (the run would have failed on it). */
const INVALID_COLOR: RgbTriple = [255, 0, 255];

/** node:zlib's deflate: about 7× faster than the portable default on these thumbnails (same pictures). */
const compress = (data: Uint8Array, level: number): Uint8Array => deflateSync(data, { level });

/** Worst images read at once. */
const READS_IN_FLIGHT = 4;

/** Error map colours by {@link errorStates} index: correct, wrong, ignored (as `encodeErrorMapPng`). */
const ERROR_PALETTE: readonly RgbTriple[] = [
  REPORT_PICTURE_COLORS.correct,
  REPORT_PICTURE_COLORS.wrong,
  REPORT_PICTURE_COLORS.errorIgnored,
];

/** The worst images with their pictures, and the problems met while reading them. */
export interface ReportPictures {
  readonly images: HtmlReportImage[];
  /** One line per image whose files could not be read again (its pictures are left out). */
  readonly problems: string[];
}

/**
 * Re-reads the files of the worst images (only those: `rows` is already ranked and cut to N) and
 * encodes small PNG thumbnails: ground truth and prediction in the class colours (ignored pixels in
 * {@link REPORT_PICTURE_COLORS}.ignored), and the error map (correct / wrong / ignored), all after the
 * run's label mapping, downscaled with nearest neighbour to at most {@link THUMBNAIL_SIZE} px. An
 * image whose pair is unknown or whose files cannot be read keeps its row without pictures.
 */
export async function reportPictures(
  rows: readonly PerImageRow[],
  pairs: readonly FilePair[],
  settings: EvaluationSettings,
  colors: readonly RgbTriple[],
): Promise<ReportPictures> {
  const byId = new Map(pairs.map((pair) => [pair.id, pair]));
  const matrixSettings = normalizeSettings(settings.matrixOptions);
  const c = matrixSettings.numClasses;
  const palette: RgbTriple[] = [...colors.slice(0, c), REPORT_PICTURE_COLORS.ignored, INVALID_COLOR];
  const predMapped = matrixSettings.labelMapping?.applyTo !== 'gt';
  const images: HtmlReportImage[] = new Array(rows.length);
  const problems: (string | undefined)[] = [];
  const one = async (row: PerImageRow, index: number): Promise<void> => {
    const pair = byId.get(row.id);
    if (pair === undefined) {
      images[index] = { row };
      return;
    }
    try {
      const [gt, pred] = await Promise.all([
        readLabelMap(pair.gtPath, { ...settings.decodeOptions, file: pair.gtPath }),
        readLabelMap(pair.predPath, { ...settings.decodeOptions, file: pair.predPath }),
      ]);
      const gtThumb = thumbnailLabels(gt);
      const predThumb = thumbnailLabels(pred);
      const { width, height } = gtThumb;
      const gtCodes = displayLabels(gtThumb.data, matrixSettings, true);
      const predCodes = displayLabels(predThumb.data, matrixSettings, predMapped);
      // Palette PNGs without row filters (what the PNG specification advises for palette images):
      // smaller here, and about half the encoding time of the adaptive filters.
      const png = (data: Uint16Array | Uint8Array, entries: readonly RgbTriple[]) =>
        encodeColorizedPng({ data, width, height }, entries, { filter: 0, compress });
      images[index] = {
        row,
        width: gt.width,
        height: gt.height,
        groundTruth: png(gtCodes, palette),
        prediction: png(predCodes, palette),
        errorMap: png(errorStates(predCodes, gtCodes, c), ERROR_PALETTE),
      };
    } catch (error) {
      problems[index] = `${row.id}: ${error instanceof Error ? error.message : String(error)}`;
      images[index] = { row };
    }
  };
  // A few reads in flight: file reads and node:zlib inflation overlap with decoding and encoding.
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const index = next++;
      await one(rows[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, rows.length) }, lane));
  return { images, problems: problems.filter((p): p is string => p !== undefined) };
}
