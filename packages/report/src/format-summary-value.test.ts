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

  it('prints intervals the same way', () => {
    expect(formatSummaryInterval('mIoU', [0.617, 0.726])).toBe('[61.7, 72.6]');
    expect(formatSummaryInterval('kappa', [0.9, 0.95])).toBe('[0.9000, 0.9500]');
    expect(formatSummaryInterval('kappa', null)).toBe('—');
  });
});
