import { listItems, QUERY_KEYS, type WebSettings } from './web-settings.js';

/**
 * Settings that are the page's own (not flags of `segmetrics eval`): the confidence intervals have no
 * `eval` flag yet, so the command gives the numbers without them.
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
 * The `segmetrics eval` command that computes the same numbers as the page with these settings: every
 * setting that is given becomes its flag (the URL uses the same names). Reduce zero label "on" is
 * `--reduce-zero-label`; "off" has no flag (the CLI cannot turn a dataset's choice off), which the
 * returned `exact` says.
 */
export function cliCommand(
  settings: WebSettings,
  folders: { gt: string; pred: string },
): { command: string; exact: boolean } {
  const words = ['segmetrics', 'eval', '--gt', folders.gt, '--pred', folders.pred];
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
  // The page reads no instance-id maps: the CLI's Cityscapes run without iIoU.
  if (settings.dataset.trim() === 'cityscapes-labelids') words.push('--no-instances');
  return {
    command: words.map(shellWord).join(' '),
    exact: settings.reduceZeroLabel !== 'off',
  };
}
