/**
 * Files saved in a format that is not read as a label map, found among a folder's paths: the usual
 * reason for "no prediction" or "no label maps found" is a folder of `.jpg` (or `.tif`, `.npz`, ...)
 * files. Only PNG and `.npy` label maps are read; JPEG is lossy and changes labels at region edges.
 */
export interface UnreadLabelFiles {
  /** Up to three of the paths, in the order given. */
  readonly examples: readonly string[];
  /** How many such paths there are. */
  readonly count: number;
  /** Their extensions, lower case with the dot, sorted. */
  readonly extensions: readonly string[];
}

/** Which paths {@link findUnreadLabelFiles} keeps (all image-like ones without either). */
export interface FindUnreadOptions {
  /**
   * Ids (relative paths without extension, `/`-separated) that found no file: keep paths that are the
   * id with another extension (`<id>.<ext>`), or start with it then `_` or `.` (`<id>_leftImg8bit.jpg`).
   */
  readonly ids?: readonly string[];
  /** How `ids` were formed (as in pairing): from relative paths (default) or file names only. */
  readonly matchBy?: 'path' | 'basename';
  /** Keep paths whose file name starts with one of these (e.g. Cityscapes' `<city>_<seq>_<frame>`). */
  readonly namePrefixes?: readonly string[];
  /**
   * Ids that were paired (as `ids`): leave out the paths that belong to them (`<id>.jpg`,
   * `<id>_leftImg8bit.jpg`: the images beside the label maps, not label maps left out).
   */
  readonly pairedIds?: readonly string[];
}

/** Extensions of images and arrays that label maps are sometimes saved as, but which are not read. */
const IMAGE_LIKE = new Set([
  '.jpg',
  '.jpeg',
  '.jpe',
  '.bmp',
  '.tif',
  '.tiff',
  '.webp',
  '.gif',
  '.pgm',
  '.ppm',
  '.npz',
  '.mat',
]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/**
 * Whether a file name has the extension of an image format no reader takes (`.jpg`, `.tif`, `.npz`, …,
 * any case): what {@link findUnreadLabelFiles} looks for.
 */
export function hasUnreadImageExtension(name: string): boolean {
  return IMAGE_LIKE.has(extensionOf(name));
}

function hidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

function matchesId(path: string, ids: ReadonlySet<string>): boolean {
  const stem = path.slice(0, path.length - extensionOf(path).length);
  if (ids.has(stem)) return true;
  for (let at = stem.indexOf('_'); at > 0; at = stem.indexOf('_', at + 1)) {
    if (ids.has(stem.slice(0, at))) return true;
  }
  for (let at = stem.indexOf('.'); at > 0; at = stem.indexOf('.', at + 1)) {
    if (ids.has(stem.slice(0, at))) return true;
  }
  return false;
}

/**
 * The image-like paths (`.jpg`, `.jpeg`, `.tif`, `.bmp`, `.webp`, `.gif`, `.pgm`, `.ppm`, `.npz`,
 * `.mat`, any case) among `paths` (relative, `/`-separated; hidden ones left out), narrowed by `ids` or
 * `namePrefixes` when given; `null` when there are none. Pure and browser-safe: for error messages
 * ({@link describeUnreadLabelFiles}).
 *
 * @example
 * findUnreadLabelFiles(['a.jpg', 'b.png'], { ids: ['a'] });
 * // { examples: ['a.jpg'], count: 1, extensions: ['.jpg'] }
 */
export function findUnreadLabelFiles(
  paths: readonly string[],
  options: FindUnreadOptions = {},
): UnreadLabelFiles | null {
  const ids = options.ids === undefined ? null : new Set(options.ids);
  const paired = options.pairedIds === undefined ? null : new Set(options.pairedIds);
  const prefixes = options.namePrefixes;
  const found = paths.filter((path) => {
    if (!IMAGE_LIKE.has(extensionOf(path)) || hidden(path)) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const key = options.matchBy === 'basename' ? name : path;
    if (ids !== null && !matchesId(key, ids)) return false;
    if (paired !== null && matchesId(key, paired)) return false;
    return prefixes === undefined || prefixes.some((prefix) => name.startsWith(prefix));
  });
  if (found.length === 0) return null;
  const extensions = [...new Set(found.map(extensionOf))].sort();
  return { examples: found.slice(0, 3), count: found.length, extensions };
}

/**
 * The clause an error message appends for {@link findUnreadLabelFiles}' result, with the examples as
 * `pathOf` shows them: what was found, and that only PNG and `.npy` label maps are read (JPEG is named
 * as lossy).
 */
export function describeUnreadLabelFiles(
  files: UnreadLabelFiles,
  pathOf: (path: string) => string = (path) => path,
): string {
  const shown = files.examples.map(pathOf).join(', ');
  const more = files.count > files.examples.length ? ` and ${files.count - files.examples.length} more` : '';
  const lossy = files.extensions.some((ext) => ext === '.jpg' || ext === '.jpeg' || ext === '.jpe');
  return `found ${shown}${more}: only PNG (.png) and NumPy (.npy) label maps are read${lossy ? ' (JPEG is lossy: it changes labels at region edges; save label maps as PNG)' : ''}`;
}

/**
 * The warning for ground-truth files of an unread format that pairing skipped while it paired others
 * (e.g. a `c.jpg` beside `a.png` and `b.png`: image `c` is left out of the dataset), with the examples as
 * `pathOf` shows them: how many, their extensions, up to three of them, and that only PNG and `.npy`
 * label maps are read. What the CLI prints and the web app shows alike.
 */
export function describeSkippedGroundTruth(
  files: UnreadLabelFiles,
  pathOf: (path: string) => string = (path) => path,
): string {
  const n = files.count;
  const shown = files.examples.map(pathOf).join(', ');
  const more = n > files.examples.length ? ` and ${n - files.examples.length} more` : '';
  const lossy = files.extensions.some((ext) => ext === '.jpg' || ext === '.jpeg' || ext === '.jpe');
  return `${n} ground-truth file${n === 1 ? '' : 's'} with an unsupported extension (${files.extensions.join(', ')}) ${n === 1 ? 'was' : 'were'} skipped and not evaluated: ${shown}${more}; only PNG (.png) and NumPy (.npy) label maps are read${lossy ? ' (JPEG is lossy: save label maps as PNG)' : ''}`;
}
