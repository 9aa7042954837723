import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm-adjust.js';

describe('holmAdjust', () => {
  it("matches R's p.adjust(p, 'holm') on a worked example", () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => {
      expect(adjusted[i]).toBeCloseTo(v, 15);
    });
  });

  it('keeps null entries and leaves them out of the family size', () => {
    const adjusted = holmAdjust([0.01, null, 0.04, 0.03]);
    expect(adjusted[1]).toBeNull();
    [0.03, null, 0.06, 0.06].forEach((v, i) => {
      if (v !== null) expect(adjusted[i]).toBeCloseTo(v, 15);
    });
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([null])).toEqual([null]);
  });

  it('caps at 1, never lowers a p-value and keeps the order of the p-values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null })), (p) => {
        const adjusted = holmAdjust(p);
        p.forEach((v, i) => {
          if (v === null) {
            expect(adjusted[i]).toBeNull();
            return;
          }
          expect(adjusted[i]!).toBeGreaterThanOrEqual(v);
          expect(adjusted[i]!).toBeLessThanOrEqual(1);
          p.forEach((w, j) => {
            if (w !== null && v < w) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]!);
          });
        });
      }),
    );
  });
});
