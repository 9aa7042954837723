import { join } from 'node:path';
import { describeSkippedGroundTruth, type UnreadLabelFiles } from '@segmetrics/io/node';

/**
 * The warning for image files in the ground-truth folder that are not read because of their extension
 * (`.jpg`, `.tif`, `.bmp`, `.webp`, `.npz`, ... any case; `@segmetrics/io`'s `findUnreadLabelFiles`):
 * pairing walks only PNG and `.npy` files, so a `c.jpg` beside `a.png` and `b.png` would silently leave
 * image `c` out of the dataset. Names how many there are, their extensions and up to three of them; null
 * when there are none. `found` comes from the pairing walk (`pairDatasets`' `unreadGroundTruth`: no
 * second listing of the folder). Other files (`.txt`, `.json`) and hidden ones are not mentioned.
 */
export function unsupportedFilesWarning(dir: string, found: UnreadLabelFiles | null): string | null {
  return found === null ? null : describeSkippedGroundTruth(found, (path) => join(dir, path));
}
