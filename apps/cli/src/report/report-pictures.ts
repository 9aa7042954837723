import { readLabelMapSync } from '@segmetrics/io/node';
import {
  type HtmlReportImage,
  type PerImageRow,
  REPORT_PICTURE_COLORS,
  type RgbTriple,
  THUMBNAIL_SIZE,
} from '@segmetrics/report';
import { reportImagePictures } from '@segmetrics/report/pictures';
import { decodeBuffers } from '../pipeline/decode-buffers.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import type { FilePair } from '../pipeline/types.js';
import { REPORT_PICTURE_ENCODING } from './picture-encoding.js';

const encoding = REPORT_PICTURE_ENCODING;

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
export function reportPictures(
  rows: readonly PerImageRow[],
  pairs: readonly FilePair[],
  settings: EvaluationSettings,
  colors: readonly RgbTriple[],
): ReportPictures {
  const byId = new Map(pairs.map((pair) => [pair.id, pair]));
  const images: HtmlReportImage[] = new Array(rows.length);
  const problems: (string | undefined)[] = [];
  // One image at a time, synchronously, into the thread's reused decode buffers (counting is over): the
  // files are small next to their decoding, and fresh memory per image costs more than the decode.
  rows.forEach((row, index) => {
    const pair = byId.get(row.id);
    if (pair === undefined) {
      images[index] = { row };
      return;
    }
    try {
      // Object.assign: see count-chunk's decode (a spread gives each options object its own hidden class).
      const gt = readLabelMapSync(
        pair.gtPath,
        Object.assign({}, settings.decodeOptions, { file: pair.gtPath, into: decodeBuffers.gt }),
      );
      const pred = readLabelMapSync(
        pair.predPath,
        Object.assign({}, settings.decodeOptions, { file: pair.predPath, into: decodeBuffers.pred }),
      );
      images[index] = { row, ...reportImagePictures(gt, pred, settings.matrixOptions, colors, encoding) };
    } catch (error) {
      problems[index] = `${row.id}: ${error instanceof Error ? error.message : String(error)}`;
      images[index] = { row };
    }
  });
  return { images, problems: problems.filter((p): p is string => p !== undefined) };
}
