import { describe, expect, it } from 'vitest';
import { formatSummaryInterval, formatSummaryValue, isCoefficient } from './format-summary-value.js';

describe('formatSummaryValue', () => {
  it('prints shares as percentages and kappa as a coefficient', () => {
    expect(formatSummaryValue('mIoU', 0.6664)).toBe('66.64');
    expect(formatSummaryValue('kappa', 0.93)).toBe('0.9300');
    expect(formatSummaryValue('kappa', -0.125)).toBe('-0.1250');
    expect(formatSummaryValue('kappa', Number.NaN)).toBe('—');
    expect(isCoefficient('kappa')).toBe(true);
    expect(isCoefficient('aAcc')).toBe(false);
  });

  it("rounds an exact tie to the even digit, as Python's format does (CPython 3.11)", () => {
    // aAcc 25/32 = 78.125 %: format(78.125, '.2f') == '78.12' (toFixed: 78.13)
    expect(formatSummaryValue('aAcc', 25 / 32)).toBe('78.12');
    // format(0.03125, '.4f') == '0.0312'
    expect(formatSummaryValue('kappa', 1 / 32)).toBe('0.0312');
    // format(6.25, '.1f') == '6.2', format(18.75, '.1f') == '18.8'
    expect(formatSummaryInterval('mIoU', [1 / 16, 3 / 16])).toBe('[6.2, 18.8]');
  });

  it('prints intervals the same way', () => {
    expect(formatSummaryInterval('mIoU', [0.617, 0.726])).toBe('[61.7, 72.6]');
    expect(formatSummaryInterval('kappa', [0.9, 0.95])).toBe('[0.9000, 0.9500]');
    expect(formatSummaryInterval('kappa', null)).toBe('—');
  });
});
