import { describe, expect, it } from 'vitest';
import { formatLevel } from '../format-level.js';
import { formatDelta, formatDeltaInterval } from './comparison-rows.js';
import { comparisonVerdict, formatPValue } from './comparison-verdict.js';

describe('comparisonVerdict', () => {
  it('words a clear gain with the interval and p-value', () => {
    expect(comparisonVerdict({ estimate: 0.012, ci: [0.004, 0.02], pValue: 0.004 }, 0.95, 500)).toEqual({
      metric: 'mIoU',
      outcome: 'better',
      text: 'B is better by 1.20 mIoU points (95% CI 0.40 to 2.00, p = 0.004, 500 images)',
    });
  });

  it('words a loss with the interval of the loss', () => {
    const verdict = comparisonVerdict(
      { estimate: -0.0023, ci: [-0.0028, -0.0018], pValue: 0.000999 },
      0.95,
      200,
    );
    expect(verdict.outcome).toBe('worse');
    expect(verdict.text).toBe('B is worse by 0.23 mIoU points (95% CI 0.18 to 0.28, p = 0.001, 200 images)');
  });

  it('says "no detectable difference" when the interval holds 0 or p is above 1 − level', () => {
    const straddles = comparisonVerdict({ estimate: 0.001, ci: [-0.003, 0.005], pValue: 0.62 }, 0.95, 20);
    expect(straddles.outcome).toBe('no-detectable-difference');
    expect(straddles.text).toBe(
      'No detectable difference in mIoU: B − A = +0.10 points (95% CI −0.30 to 0.50, p = 0.62, 20 images)',
    );
    // The tests disagree (interval above 0, p = 0.07 > 0.05): not called a gain.
    expect(comparisonVerdict({ estimate: 0.01, ci: [0.001, 0.02], pValue: 0.07 }, 0.95, 30).outcome).toBe(
      'no-detectable-difference',
    );
    // The interval on the other side of 0 than the estimate (a percentile interval need not hold it):
    // neither a gain nor a loss, with the numbers as they are.
    const contradicts = comparisonVerdict({ estimate: -0.001, ci: [0.0005, 0.002], pValue: 0.01 }, 0.95, 8);
    expect(contradicts.outcome).toBe('no-detectable-difference');
    expect(contradicts.text).toBe(
      'No detectable difference in mIoU: B − A = −0.10 points (95% CI 0.05 to 0.20, p = 0.010, 8 images)',
    );
    expect(comparisonVerdict({ estimate: 0.001, ci: [-0.002, -0.0005], pValue: 0.01 }, 0.95, 8).outcome).toBe(
      'no-detectable-difference',
    );
    expect(comparisonVerdict({ estimate: 0, ci: [0, 0], pValue: 1 }, 0.95, 1).text).toBe(
      'No detectable difference in mIoU: B − A = 0.00 points (95% CI 0.00 to 0.00, p = 1.00, 1 image)',
    );
  });

  it('names the class mean the mIoU holds under the micro and weighted averages', () => {
    const delta = { estimate: 0.0011, ci: [0.0004, 0.002] as [number, number], pValue: 0.01 };
    expect(comparisonVerdict(delta, 0.95, 9, 'weighted').text).toBe(
      'B is better by 0.11 mIoU (weighted mean) points (95% CI 0.04 to 0.20, p = 0.010, 9 images)',
    );
    expect(comparisonVerdict({ ...delta, pValue: 0.5 }, 0.95, 9, 'micro').text).toContain(
      'No detectable difference in mIoU (micro: pooled counts): B − A = +0.11 points',
    );
  });

  it('says when the difference is undefined', () => {
    expect(comparisonVerdict({ estimate: Number.NaN, ci: null, pValue: null }, 0.9, 3).outcome).toBe(
      'undefined',
    );
  });
});

describe('formatPValue, exact ties', () => {
  it("rounds them to the even digit, as Python's format does (CPython 3.11)", () => {
    // format(0.125, '.2f') == '0.12', format(0.375, '.2f') == '0.38', format(0.0625, '.3f') == '0.062'
    expect([0.125, 0.375, 0.0625].map(formatPValue)).toEqual(['0.12', '0.38', '0.062']);
  });

  it('in differences too: format(3.125, ".2f") == "3.12"', () => {
    expect(formatDelta(-1 / 32)).toBe('−3.12');
    expect(formatDelta(1 / 32)).toBe('+3.12');
  });
});

describe('formatPValue', () => {
  it('prints two decimals from 0.1, three from 0.001, else one significant digit', () => {
    expect([1, 0.62, 0.05, 0.004, 0.000999, 0.0002, null].map(formatPValue)).toEqual([
      '1.00',
      '0.62',
      '0.050',
      '0.004',
      '0.001',
      '0.0002',
      '—',
    ]);
  });
});

describe('formatLevel', () => {
  it('prints a level as a percentage without trailing zeros', () => {
    expect([0.95, 0.975, 0.9].map(formatLevel)).toEqual(['95%', '97.5%', '90%']);
  });

  it('never rounds a level below 1 up to 100%', () => {
    expect([0.99999999999, 0.9999999, 0.999, 0.5, 0.123456789].map(formatLevel)).toEqual([
      '99.999999999%',
      '99.99999%',
      '99.9%',
      '50%',
      '12.3456789%',
    ]);
  });
});

describe('formatDelta', () => {
  it('signs every difference but an exact zero, also when it rounds to zero', () => {
    expect([0.0123, -0.004, 0, -0, -1.84e-5, 2e-6, Number.NaN].map((v) => formatDelta(v))).toEqual([
      '+1.23',
      '−0.40',
      '0.00',
      '0.00',
      '−0.00',
      '+0.00',
      '—',
    ]);
    // An interval that excludes 0 does not print as touching it.
    expect(formatDeltaInterval([-0.002, -1.84e-5])).toBe('[−0.20, −0.00]');
  });
});

describe('comparisonSummaryRows', () => {
  it('shows kappa as coefficients and their difference, other values in percent and points', async () => {
    const { comparisonSummaryRows } = await import('./comparison-rows.js');
    const ci = { mIoU: [0.5, 0.6], kappa: [0.88, 0.9] };
    const report = {
      settings: { metrics: ['mIoU', 'kappa'] },
      a: { summary: { mIoU: 0.55, kappa: 0.89 }, confidence: { summary: ci } },
      b: { summary: { mIoU: 0.57, kappa: 0.9192 }, confidence: { summary: ci } },
      delta: {
        mIoU: { estimate: 0.02, ci: [0.01, 0.03], pValue: 0.01 },
        kappa: { estimate: 0.0292, ci: [0.0026, 0.0566], pValue: 0.02 },
      },
    } as unknown as Parameters<typeof comparisonSummaryRows>[0];
    const [miou, kappa] = comparisonSummaryRows(report);
    expect(miou).toMatchObject({ a: '55.00', delta: '+2.00', interval: '[+1.00, +3.00]' });
    expect(kappa).toMatchObject({
      a: '0.8900',
      b: '0.9192',
      bInterval: '[0.8800, 0.9000]',
      delta: '+0.0292',
      interval: '[+0.0026, +0.0566]',
    });
  });
});
