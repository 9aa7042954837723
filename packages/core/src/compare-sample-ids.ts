/**
 * The canonical image order of segmetrics, as a comparator of sample ids: ids ascending by UTF-16 code
 * units (the order of `Array.prototype.sort()` on strings, independent of locale), images without an id
 * (`null`) after every id. Equal ids and two `null`s compare 0, so a stable sort keeps images without an
 * id in the order they were counted. {@link ConfusionMatrix.imageStats} is already in this order.
 *
 * @example
 * rows.sort((a, b) => compareSampleIds(a.sampleId, b.sampleId));
 */
export function compareSampleIds(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
