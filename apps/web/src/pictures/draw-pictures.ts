import type { RgbTriple } from '@segmetrics/report';
import { reportImagePictures } from '@segmetrics/report/pictures';
import type { PictureResult, PictureTask } from '../run/messages.js';
import { type CountSetup, decodeNamed, readNamed } from '../worker/count-pair.js';

/**
 * The pictures of one of the worst images, as the CLI's HTML report draws them: the two files are read
 * and decoded again, and `reportImagePictures` (@segmetrics/report) draws ground truth, prediction and
 * error map as small PNGs after the run's label mapping. A file that cannot be read again gives a
 * `problem` (the CLI's wording) instead of pictures.
 */
export async function drawPictures(
  task: PictureTask,
  setup: CountSetup,
  colors: readonly RgbTriple[],
): Promise<PictureResult> {
  try {
    const gt = await decodeNamed(await readNamed(task.gt, task.gtPath), task.gtPath, setup);
    const pred = await decodeNamed(await readNamed(task.pred, task.predPath), task.predPath, setup);
    return { index: task.index, ...reportImagePictures(gt, pred, setup.matrixOptions, colors) };
  } catch (error) {
    return {
      index: task.index,
      problem: `${task.id}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
