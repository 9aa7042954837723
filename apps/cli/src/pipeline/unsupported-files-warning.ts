import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * The warning for image files in the ground-truth folder that are not read because of their extension
 * (`.jpg`, `.tif`, `.bmp`, `.webp`, `.npz`, ... any case; `@segmetrics/io`'s `findUnreadLabelFiles`):
 * pairing walks only PNG and `.npy` files, so a `c.jpg` beside `a.png` and `b.png` would silently leave
 * image `c` out of the dataset. Names how many there are, their extensions and up to three of them; null
 * when there are none or the folder cannot be listed. Other files (`.txt`, `.json`) and hidden ones are
 * not mentioned.
 */
export async function unsupportedFilesWarning(dir: string): Promise<string | null> {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return null;
  }
  const paths = (sep === '/' ? names : names.map((name) => name.split(sep).join('/'))).sort();
  const { findUnreadLabelFiles } = await import('@segmetrics/io');
  const found = findUnreadLabelFiles(paths);
  if (found === null) return null;
  const n = found.count;
  const shown = found.examples.map((path) => join(dir, path)).join(', ');
  const more = n > found.examples.length ? ` and ${n - found.examples.length} more` : '';
  const lossy = found.extensions.some((ext) => ext === '.jpg' || ext === '.jpeg' || ext === '.jpe');
  return `${n} ground-truth file${n === 1 ? '' : 's'} with an unsupported extension (${found.extensions.join(', ')}) ${n === 1 ? 'was' : 'were'} skipped and not evaluated: ${shown}${more}; only PNG (.png) and NumPy (.npy) label maps are read${lossy ? ' (JPEG is lossy: save label maps as PNG)' : ''}`;
}
