import { MAX_DILATION_RATIO as CORE_MAX_DILATION_RATIO } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { MAX_DILATION_RATIO } from './limits.js';

describe('MAX_DILATION_RATIO', () => {
  it('is core’s limit (kept as a constant so that help and version load no library)', () => {
    expect(MAX_DILATION_RATIO).toBe(CORE_MAX_DILATION_RATIO);
  });
});
