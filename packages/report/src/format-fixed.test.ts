import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed.js';

/**
 * The naive reference: the float's exact value as a fraction of BigInts (mantissa · 2^exponent), times
 * 10^digits, rounded half to even, printed with `digits` decimals.
 */
function referenceFixed(value: number, digits: number): string {
  if (value === 0) return (0).toFixed(digits);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  // |value| · 10^digits = numerator / denominator exactly
  let numerator = mantissa * 10n ** BigInt(digits);
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  let q = numerator / denominator;
  const twice = 2n * (numerator - q * denominator);
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  const text = q.toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return value < 0 ? `-${body}` : body;
}

describe('formatFixed', () => {
  it("prints what CPython 3.11's format(value, '.Nf') prints (golden values)", () => {
    // /usr/bin/python3 -c "print([format(v, '.%df' % d) for d in (0, 1, 2, 4)])" for each value
    const golden: [number, [string, string, string, string]][] = [
      [78.125, ['78', '78.1', '78.12', '78.1250']],
      [0.125, ['0', '0.1', '0.12', '0.1250']],
      [0.375, ['0', '0.4', '0.38', '0.3750']],
      [0.625, ['1', '0.6', '0.62', '0.6250']],
      [0.875, ['1', '0.9', '0.88', '0.8750']],
      [2.5, ['2', '2.5', '2.50', '2.5000']],
      [3.5, ['4', '3.5', '3.50', '3.5000']],
      [-0.125, ['-0', '-0.1', '-0.12', '-0.1250']],
      [-2.5, ['-2', '-2.5', '-2.50', '-2.5000']],
      [0.5, ['0', '0.5', '0.50', '0.5000']],
      [-0.5, ['-0', '-0.5', '-0.50', '-0.5000']],
      [1.005, ['1', '1.0', '1.00', '1.0050']],
      [66.64, ['67', '66.6', '66.64', '66.6400']],
      [0.0625, ['0', '0.1', '0.06', '0.0625']],
      [12.34375, ['12', '12.3', '12.34', '12.3438']],
      [99.995, ['100', '100.0', '100.00', '99.9950']],
      [0.00125, ['0', '0.0', '0.00', '0.0013']],
      [100, ['100', '100.0', '100.00', '100.0000']],
      [1e-20, ['0', '0.0', '0.00', '0.0000']],
    ];
    for (const [value, expected] of golden) {
      expect(
        [0, 1, 2, 4].map((d) => formatFixed(value, d)),
        String(value),
      ).toEqual(expected);
    }
    // 25/32 as a percentage: aAcc 78.125 %, where toFixed prints 78.13
    expect(formatFixed(0.78125 * 100, 2)).toBe('78.12');
    expect((0.78125 * 100).toFixed(2)).toBe('78.13');
  });

  it('equals the exact half-to-even reference on random floats (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        (value, digits) => {
          if (Object.is(value, -0)) return;
          expect(formatFixed(value, digits)).toBe(referenceFixed(value, digits));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('equals the reference at exact ties and their neighbours (property)', () => {
    // k/2^s with s ≤ 8 is exact in binary: at `digits` < s decimals many of them are exact ties
    const ties = fc
      .record({
        k: fc.integer({ min: -1_000_000, max: 1_000_000 }),
        shift: fc.integer({ min: 1, max: 8 }),
        step: fc.constantFrom(-1, 0, 1),
        digits: fc.integer({ min: 0, max: 5 }),
      })
      .map(({ k, shift, step, digits }) => {
        const tie = k / 2 ** shift;
        const value = step === 0 ? tie : step < 0 ? prevFloat(tie) : nextFloat(tie);
        return { value, digits };
      });
    fc.assert(
      fc.property(ties, ({ value, digits }) => {
        if (value === 0) return;
        expect(formatFixed(value, digits)).toBe(referenceFixed(value, digits));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps toFixed for non-finite values and an unsigned zero', () => {
    expect(formatFixed(Number.NaN, 2)).toBe('NaN');
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('Infinity');
    expect(formatFixed(0, 2)).toBe('0.00');
    expect(formatFixed(-0, 2)).toBe('0.00');
    expect(formatFixed(1e21, 2)).toBe((1e21).toFixed(2));
  });
});

function nextFloat(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x >= 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

function prevFloat(x: number): number {
  return -nextFloat(-x);
}
