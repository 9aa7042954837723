import { listItems, QUERY_KEYS, type WebSettings } from './web-settings.js';

/**
 * Settings that are the page's own (not flags of `segmetrics eval`) or become other flags: the
 * confidence intervals are `--ci LEVEL`, `--bootstrap N` and `--seed S` (see {@link cliCommand}).
 */
const PAGE_ONLY: ReadonlySet<keyof WebSettings> = new Set([
  'reduceZeroLabel',
  'boundaryIou',
  // Web Workers: the numbers do not depend on them, and the CLI's own limit is per core.
  'workers',
  'reportImages',
  // `compare` only (below).
  'topImages',
  'confidence',
  'samples',
  'seed',
]);
const LISTS: ReadonlySet<keyof WebSettings> = new Set(['presetOptions', 'include', 'exclude']);

/** Settings that hold a file's text: the CLI's flag reads it from a file (see {@link fileArgument}). */
const FILE_TEXTS: ReadonlySet<keyof WebSettings> = new Set(['classNames', 'labelMap', 'palette']);

/**
 * A file argument holding `text`, for bash and zsh: a process substitution, `<(printf '%s\n' …)`, so that
 * the command is complete as it stands (the CLI reads the file the shell makes). Class names go one per
 * line (trimmed, blank lines dropped: what the CLI reads of them); JSON goes as written.
 */
function fileArgument(key: keyof WebSettings, text: string): ShellSyntax {
  const lines =
    key === 'classNames'
      ? text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '')
      : [text];
  return { syntax: `<(printf '%s\\n' ${lines.map(shellWord).join(' ')})` };
}

/** A word that is shell syntax already (a process substitution): written as it is, never quoted. */
interface ShellSyntax {
  readonly syntax: string;
}

/** Quotes a shell word when it needs it (POSIX single quotes). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `segmetrics eval` command (`segmetrics compare` with a second prediction folder, `predB`) that
 * computes the same numbers as the page with these settings: every
 * setting that is given becomes its flag (the URL uses the same names; the confidence level, samples and
 * seed are `--ci`, `--bootstrap` and `--seed`; class names, label map and palette are process
 * substitutions holding their text, see {@link fileArgument}). Reduce zero label "on" is
 * `--reduce-zero-label`; "off" has no flag (the CLI cannot turn a dataset's choice off), which the
 * returned `exact` says.
 */
export function cliCommand(
  settings: WebSettings,
  folders: { gt: string; pred: string; predB?: string },
): { command: string; exact: boolean } {
  const compare = folders.predB !== undefined;
  const words: (string | ShellSyntax)[] = [
    'segmetrics',
    compare ? 'compare' : 'eval',
    '--gt',
    folders.gt,
    '--pred',
    folders.pred,
  ];
  if (folders.predB !== undefined) words.push('--pred', folders.predB);
  for (const key of Object.keys(QUERY_KEYS) as (keyof WebSettings)[]) {
    const value = settings[key].trim();
    if (value === '' || PAGE_ONLY.has(key)) continue;
    const flag = `--${QUERY_KEYS[key]}`;
    if (LISTS.has(key)) for (const item of listItems(value)) words.push(flag, item);
    else if (FILE_TEXTS.has(key)) words.push(flag, fileArgument(key, value));
    else if (key === 'ignoreIndex')
      words.push(
        flag,
        value
          .split(/[\s,]+/)
          .filter((v) => v !== '')
          .join(','),
      );
    else words.push(flag, value);
  }
  if (settings.reduceZeroLabel === 'on') words.push('--reduce-zero-label');
  // A width alone turns Boundary IoU on, as in the CLI.
  if (settings.boundaryIou === 'on' && settings.boundaryDilationRatio.trim() === '')
    words.push('--boundary-iou');
  // Confidence intervals: `--ci LEVEL`, with the samples and seed when given (the defaults are the same;
  // either alone implies the default level in both).
  const level = settings.confidence.trim();
  if (level !== '') words.push('--ci', level);
  if (settings.samples.trim() !== '') words.push('--bootstrap', settings.samples.trim());
  if (settings.seed.trim() !== '') words.push('--seed', settings.seed.trim());
  if (compare && settings.topImages.trim() !== '') words.push('--top-images', settings.topImages.trim());
  // The page reads no instance-id maps: the CLI's Cityscapes run without iIoU (`compare` reads none).
  if (settings.dataset.trim() === 'cityscapes-labelids' && !compare) words.push('--no-instances');
  return {
    command: words.map((word) => (typeof word === 'string' ? shellWord(word) : word.syntax)).join(' '),
    exact: settings.reduceZeroLabel !== 'off',
  };
}
