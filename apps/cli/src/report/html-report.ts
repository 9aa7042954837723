import type { ConfusionMatrix } from '@segmetrics/core';
import type { EvaluationReport } from '@segmetrics/metrics';
import {
  type HtmlReportImage,
  perImageRows,
  type Report,
  renderHtmlReport,
  runClassColors,
} from '@segmetrics/report';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import type { FilePair } from '../pipeline/types.js';
import { reportPictures } from './report-pictures.js';

/** The rendered HTML report and what the CLI tells the user about it. */
export interface HtmlReportOutput {
  readonly html: string;
  /** Images listed (with or without pictures). */
  readonly images: number;
  /** Worst images whose files could not be read again (pictures left out). */
  readonly problems: readonly string[];
}

/** Where the worst images' pictures come from. */
export interface PictureSource {
  /** The run's pairs (`eval`), or `null` when there are no files to read (`merge`). */
  readonly pairs: readonly FilePair[] | null;
}

/**
 * The HTML report of a run: the report model, its `limit` worst images (ranked from the evaluation's
 * per-image results) with thumbnails re-read from the pairs, the run's class colours, and a note when
 * pictures or the image list are missing and why.
 */
export function htmlReport(
  report: Report,
  evaluation: EvaluationReport,
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  limit: number,
  source: PictureSource,
): HtmlReportOutput {
  const colors = runClassColors(settings);
  const notes: string[] = [];
  let images: HtmlReportImage[] = [];
  let problems: string[] = [];
  if (!matrix.settings.perImage) {
    notes.push(
      'The counts carry no per-image statistics (a state saved without --report, --per-image or --aggregate image), so the worst images cannot be ranked.',
    );
  } else if (limit === 0) {
    notes.push('No images listed (--report-images 0).');
  } else {
    const rows = perImageRows(evaluation, limit);
    if (source.pairs === null) {
      images = rows.map((row) => ({ row }));
      notes.push(
        'Pictures omitted: merge combines state files and reads no image files. The images are ranked from the states’ per-image statistics.',
      );
    } else {
      ({ images, problems } = reportPictures(rows, source.pairs, settings, colors));
      if (problems.length > 0) {
        notes.push(
          `Pictures of ${problems.length} image(s) left out, their files could not be read again: ${problems[0]}`,
        );
      }
    }
  }
  const html = renderHtmlReport({
    report,
    images,
    classColors: colors,
    ...(notes.length === 0 ? {} : { imagesNote: notes.join(' ') }),
  });
  return { html, images: images.length, problems };
}
