import { deflateSync } from 'node:zlib';
import { readLabelMap } from '@segmetrics/io/node';
import {
  type HtmlReportImage,
  type PerImageRow,
  REPORT_PICTURE_COLORS,
  type RgbTriple,
  THUMBNAIL_SIZE,
} from '@segmetrics/report';
import { reportImagePictures } from '@segmetrics/report/pictures';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import type { FilePair } from '../pipeline/types.js';

/** node:zlib's deflate: about 7× faster than the portable default on these thumbnails (same pictures). */
const compress = (data: Uint8Array, level: number): Uint8Array => deflateSync(data, { level });

/** Worst images read at once. */
const READS_IN_FLIGHT = 4;

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
      images[index] = { row, ...reportImagePictures(gt, pred, settings.matrixOptions, colors, compress) };
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
