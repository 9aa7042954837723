/**
 * The indices 0 … n − 1 ordered by `value(index)`: ascending (or descending), NaN values last, ties
 * by index; `value` is called once per index, in index order. The order of `rankImages` and of
 * `evaluate`'s `perImage: { worst }` selection.
 */
export function rankOrder(n: number, value: (index: number) => number, ascending: boolean): number[] {
  const values = Array.from({ length: n }, (_, i) => value(i));
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
    }
    return (ascending ? x - y : y - x) || a - b;
  });
}
