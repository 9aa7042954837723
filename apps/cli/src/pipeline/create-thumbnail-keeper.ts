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
  return new ThumbnailKeeper(limit, (gt, pred) => reportThumbnails(gt, pred, setup.matrixOptions));
}
