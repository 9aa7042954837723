import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileInterval, quantile } from './quantile.js';

// Golden values: numpy 2.4.6, np.quantile(x, q) (method='linear', type 7).
const SEVEN = [0.1, 0.2, 0.3, 0.41, 0.55, 0.7, 0.9];
const THOUSAND = Float64Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1009) / 1009).sort();

describe('quantile', () => {
  it('equals numpy’s np.quantile bit for bit', () => {
    expect([0, 0.025, 0.25, 0.5, 0.975, 1, 0.05].map((q) => quantile([1, 2, 3, 4], q))).toEqual([
      1, 1.075, 1.75, 2.5, 3.925, 4, 1.15,
    ]);
    expect([0, 0.025, 0.25, 0.5, 0.975, 1, 0.05].map((q) => quantile(SEVEN, q))).toEqual([
      0.1, 0.115, 0.25, 0.41, 0.8699999999999999, 0.9, 0.13,
    ]);
    expect([0.025, 0.05, 0.5, 0.975].map((q) => quantile(THOUSAND, q))).toEqual([
      0.02475222993062438, 0.04950445986124876, 0.5009910802775024, 0.9742566897918732,
    ]);
    expect(quantile([5], 0.3)).toBe(5);
  });

  it('is NaN for no values and clamps p to [0, 1]', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([1, 2], -1)).toBe(1);
    expect(quantile([1, 2], 2)).toBe(2);
  });
});

describe('percentileInterval', () => {
  it('is [type 7 at (1 − level)/2, type 7 at (1 + level)/2] (numpy within 1e-15)', () => {
    const [low, high] = percentileInterval(THOUSAND, 0.95)!;
    expect(low).toBe(0.0247522299306244); // np.quantile(x, (1 - 0.95) / 2)
    expect(high).toBeCloseTo(0.9742566897918732, 15); // np.quantile(x, (1 + 0.95) / 2)
    const [low90, high90] = percentileInterval(THOUSAND, 0.9)!;
    expect(low90).toBe(0.04950445986124875);
    expect(high90).toBeCloseTo(0.9495044598612488, 15);
    expect(percentileInterval([0.3, 0.1, 0.7, 0.2, 0.9, 0.55, 0.41], 0.8)).toEqual([0.16, 0.78]);
  });

  it('negates exactly when the values are negated (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (values, level) => {
          const [low, high] = percentileInterval(values, level)!;
          const [nlow, nhigh] = percentileInterval(
            values.map((v) => -v),
            level,
          )!;
          expect(nlow === -high && nhigh === -low).toBe(true); // === : +0 and −0 alike
          expect(low).toBeLessThanOrEqual(high);
        },
      ),
    );
  });

  it('leaves NaN out, and is null when fewer than half of the values are defined', () => {
    expect(percentileInterval([1, Number.NaN, 3, 2], 0.5)).toEqual(percentileInterval([1, 2, 3], 0.5));
    expect(percentileInterval([1, Number.NaN, Number.NaN, 2], 0.5)).not.toBeNull();
    expect(percentileInterval([1, Number.NaN, Number.NaN, Number.NaN], 0.5)).toBeNull();
    expect(percentileInterval([], 0.95)).toBeNull();
    expect(percentileInterval([4], 0.95)).toEqual([4, 4]);
  });
});
