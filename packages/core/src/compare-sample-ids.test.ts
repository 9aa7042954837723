import { describe, expect, it } from 'vitest';
import { compareSampleIds } from './compare-sample-ids.js';

describe('compareSampleIds', () => {
  it('orders ids by UTF-16 code units, like Array.prototype.sort, whatever the locale', () => {
    const ids = ['b', 'a', 'Z', 'ä', 'ab', '10', '9', '\u{1F600}', '\uFFFF'];
    expect([...ids].sort(compareSampleIds)).toEqual([...ids].sort());
  });

  it('puts images without an id last, keeping their order in a stable sort', () => {
    const rows = [
      { id: null, n: 1 },
      { id: 'b', n: 2 },
      { id: null, n: 3 },
      { id: 'a', n: 4 },
    ];
    rows.sort((x, y) => compareSampleIds(x.id, y.id));
    expect(rows.map((r) => r.n)).toEqual([4, 2, 1, 3]);
    expect(compareSampleIds(null, null)).toBe(0);
    expect(compareSampleIds('x', 'x')).toBe(0);
  });
});
