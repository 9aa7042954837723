/**
 * The warning for an ignore label that no `--ignore-index` gave (implied by `--reduce-zero-label`, which
 * ignores 255 as mmsegmentation does, or by a `--dataset` preset) and that is also a class id, below
 * `--num-classes`: its pixels are ignored, so that class is never counted, silently. `null` when every
 * ignore label is outside [0, numClasses) or the user chose them with `--ignore-index`.
 */
export function impliedIgnoreWarning(
  flags: { ignoreIndex?: readonly string[] | undefined },
  settings: { numClasses: number; matrixOptions: { ignoreIndex?: number | readonly number[] } },
): string | null {
  if (flags.ignoreIndex !== undefined && flags.ignoreIndex.length > 0) return null;
  const given = settings.matrixOptions.ignoreIndex;
  const ignored = given === undefined ? [] : typeof given === 'number' ? [given] : given;
  const c = settings.numClasses;
  const classes = ignored.filter((v) => v >= 0 && v < c);
  if (classes.length === 0) return null;
  const list = classes.join(', ');
  const one = classes.length === 1;
  return one
    ? `ignore label ${list} (no --ignore-index given) is also a class id below --num-classes ${c}: its pixels are ignored, so class ${list} is never counted; if ${list} is a class, pass --ignore-index with a value that is not one (e.g. 65535)`
    : `ignore labels ${list} (no --ignore-index given) are also class ids below --num-classes ${c}: their pixels are ignored, so classes ${list} are never counted; if they are classes, pass --ignore-index with values that are not (e.g. 65535)`;
}
