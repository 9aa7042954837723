import { datasetPresets } from '@segmetrics/io';
import { presets } from '@segmetrics/metrics';
import { knownMetricIds } from '@segmetrics/report';
import { describe, expect, it } from 'vitest';
import { OPTION_NAMES } from './option-names.js';

describe('OPTION_NAMES', () => {
  it('lists the dataset presets of @segmetrics/io in their order', () => {
    expect(OPTION_NAMES.datasets).toEqual(Object.keys(datasetPresets));
  });

  it('lists the parity presets of @segmetrics/metrics in their order', () => {
    expect(OPTION_NAMES.presets).toEqual(Object.keys(presets));
  });

  it('lists the metric ids of @segmetrics/report in their order', () => {
    expect(OPTION_NAMES.metrics).toEqual(knownMetricIds());
  });
});
