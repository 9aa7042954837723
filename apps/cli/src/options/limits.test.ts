import { MAX_DILATION_RATIO as CORE_MAX_DILATION_RATIO } from '@segmetrics/core';
import {
  DEFAULT_BOUNDARY_DILATION_RATIO,
  MAX_PALETTE_ID,
  LABEL_VALUE_RANGE as REPORT_LABEL_VALUE_RANGE,
} from '@segmetrics/report';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DILATION_RATIO,
  LABEL_VALUE_RANGE,
  MAX_DILATION_RATIO,
  MAX_UNKNOWN_COLOR,
} from './limits.js';

// Kept as constants here so that help and version load no library; each must equal the library's.
describe('limits shown by --help', () => {
  it('the largest dilation ratio is core’s', () => {
    expect(MAX_DILATION_RATIO).toBe(CORE_MAX_DILATION_RATIO);
  });

  it('the default dilation ratio, the label value range and the largest mask label are @segmetrics/report’s', () => {
    expect(DEFAULT_DILATION_RATIO).toBe(DEFAULT_BOUNDARY_DILATION_RATIO);
    expect(LABEL_VALUE_RANGE).toEqual(REPORT_LABEL_VALUE_RANGE);
    expect(MAX_UNKNOWN_COLOR).toBe(MAX_PALETTE_ID);
  });
});
