import { normalizeSettings } from '@segmetrics/core';
import { encodeColorizedPng, encodeErrorMapPng } from '@segmetrics/io';
import { readLabelMap } from '@segmetrics/io/node';
import {
  type HtmlReportImage,
  type PerImageRow,
  REPORT_PICTURE_COLORS,
  type RgbTriple,
} from '@segmetrics/report';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import type { FilePair } from '../pipeline/types.js';
import { displayLabels } from './display-labels.js';
import { THUMBNAIL_SIZE, thumbnailLabels } from './thumbnail-labels.js';

/** Colour of display code C + 1: a label outside the classes (the run would have failed on it). */
const INVALID_COLOR: RgbTriple = [255, 0, 255];

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
  const images: HtmlReportImage[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const pair = byId.get(row.id);
    if (pair === undefined) {
      images.push({ row });
      continue;
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
      images.push({
        row,
        width: gt.width,
        height: gt.height,
        groundTruth: encodeColorizedPng({ data: gtCodes, width, height }, palette),
        prediction: encodeColorizedPng({ data: predCodes, width, height }, palette),
        errorMap: encodeErrorMapPng(predCodes, gtCodes, {
          width,
          height,
          ignoreIndex: c,
          colors: {
            correct: REPORT_PICTURE_COLORS.correct,
            wrong: REPORT_PICTURE_COLORS.wrong,
            ignored: REPORT_PICTURE_COLORS.errorIgnored,
          },
        }),
      });
    } catch (error) {
      problems.push(`${row.id}: ${error instanceof Error ? error.message : String(error)}`);
      images.push({ row });
    }
  }
  return { images, problems };
}
