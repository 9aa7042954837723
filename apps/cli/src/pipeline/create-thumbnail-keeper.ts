import { REPORT_PICTURE_ENCODING } from '../report/picture-encoding.js';
import { ThumbnailKeeper } from '../report/thumbnail-keeper.js';
import type { CountSetup } from './types.js';

/**
 * A counting thread's {@link ThumbnailKeeper} when `setup.keepThumbnails` asks for one, for one prediction
 * counted with per-image statistics (loading the report's thumbnail sampler then, and only then), else
 * undefined.
 */
export async function createThumbnailKeeper(setup: CountSetup): Promise<ThumbnailKeeper | undefined> {
  const limit = setup.keepThumbnails ?? 0;
  // Images are ranked from per-image statistics, which a state resumed without them lacks.
  if (limit <= 0 || (setup.predictions ?? 1) !== 1 || setup.matrixOptions.perImage !== true) return undefined;
  const { reportThumbnails } = await import('@segmetrics/report/pictures');
  // Filtered as the report writes them (REPORT_PICTURE_ENCODING's Up filter), while sampling.
  const filter = REPORT_PICTURE_ENCODING.filter;
  return new ThumbnailKeeper(limit, (gt, pred) =>
    reportThumbnails(gt, pred, setup.matrixOptions, filter === 0 || filter === 2 ? { filter } : {}),
  );
}
