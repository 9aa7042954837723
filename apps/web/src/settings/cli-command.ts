import { listItems, QUERY_KEYS, type WebSettings } from './web-settings.js';

/**
 * Settings that are the page's own (not flags of `segmetrics eval`) or become other flags: the
 * confidence intervals are `--ci LEVEL`, `--bootstrap N` and `--seed S` (see {@link cliCommand}).
 */
const PAGE_ONLY: ReadonlySet<keyof WebSettings> = new Set([
  'reduceZeroLabel',
  'reportImages',
  'confidence',
  'samples',
  'seed',
]);
const LISTS: ReadonlySet<keyof WebSettings> = new Set(['presetOptions', 'include', 'exclude']);

/** Quotes a shell word when it needs it (POSIX single quotes). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `segmetrics eval` command (`segmetrics compare` with a second prediction folder, `predB`) that
 * computes the same numbers as the page with these settings: every
 * setting that is given becomes its flag (the URL uses the same names; the confidence level, samples and
 * seed are `--ci`, `--bootstrap` and `--seed`). Reduce zero label "on" is
 * `--reduce-zero-label`; "off" has no flag (the CLI cannot turn a dataset's choice off), which the
 * returned `exact` says.
 */
export function cliCommand(
  settings: WebSettings,
  folders: { gt: string; pred: string; predB?: string },
): { command: string; exact: boolean } {
  const compare = folders.predB !== undefined;
  const words = ['segmetrics', compare ? 'compare' : 'eval', '--gt', folders.gt, '--pred', folders.pred];
  if (folders.predB !== undefined) words.push('--pred', folders.predB);
  for (const key of Object.keys(QUERY_KEYS) as (keyof WebSettings)[]) {
    const value = settings[key].trim();
    if (value === '' || PAGE_ONLY.has(key)) continue;
    const flag = `--${QUERY_KEYS[key]}`;
    if (LISTS.has(key)) for (const item of listItems(value)) words.push(flag, item);
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
  // Confidence intervals: `--ci LEVEL`, with the samples and seed when given (the defaults are the same).
  const level = settings.confidence.trim();
  if (level !== '') {
    words.push('--ci', level);
    if (settings.samples.trim() !== '') words.push('--bootstrap', settings.samples.trim());
    if (settings.seed.trim() !== '') words.push('--seed', settings.seed.trim());
  }
  // The page reads no instance-id maps: the CLI's Cityscapes run without iIoU (`compare` reads none).
  if (settings.dataset.trim() === 'cityscapes-labelids' && !compare) words.push('--no-instances');
  return {
    command: words.map(shellWord).join(' '),
    exact: settings.reduceZeroLabel !== 'off',
  };
}
