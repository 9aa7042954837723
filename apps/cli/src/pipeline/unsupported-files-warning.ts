import { join } from 'node:path';
import type { UnreadLabelFiles } from '@segmetrics/io/node';

/**
 * The warning for image files in the ground-truth folder that are not read because of their extension
 * (`.jpg`, `.tif`, `.bmp`, `.webp`, `.npz`, ... any case; `@segmetrics/io`'s `findUnreadLabelFiles`):
 * pairing walks only PNG and `.npy` files, so a `c.jpg` beside `a.png` and `b.png` would silently leave
 * image `c` out of the dataset. Names how many there are, their extensions and up to three of them; null
 * when there are none. `found` comes from the pairing walk (`pairDatasets`' `unreadGroundTruth`: no
 * second listing of the folder). Other files (`.txt`, `.json`) and hidden ones are not mentioned.
 */
export function unsupportedFilesWarning(dir: string, found: UnreadLabelFiles | null): string | null {
  if (found === null) return null;
  const n = found.count;
  const shown = found.examples.map((path) => join(dir, path)).join(', ');
  const more = n > found.examples.length ? ` and ${n - found.examples.length} more` : '';
  const lossy = found.extensions.some((ext) => ext === '.jpg' || ext === '.jpeg' || ext === '.jpe');
  return `${n} ground-truth file${n === 1 ? '' : 's'} with an unsupported extension (${found.extensions.join(', ')}) ${n === 1 ? 'was' : 'were'} skipped and not evaluated: ${shown}${more}; only PNG (.png) and NumPy (.npy) label maps are read${lossy ? ' (JPEG is lossy: save label maps as PNG)' : ''}`;
}
