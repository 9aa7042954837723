import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@segmetrics/core exports', () => {
  it('exports exactly the reviewed API surface', () => {
    // An API change shows up here as a reviewed diff and needs a changeset.
    expect(Object.keys(core).sort()).toEqual([
      'CONFUSION_MATRIX_KIND',
      'CONFUSION_MATRIX_SCHEMA_VERSION',
      'ConfusionMatrix',
      'ErrorCode',
      'MAX_DILATION_RATIO',
      'MAX_NUM_CLASSES',
      'SegmetricsError',
      'boundaryDilation',
      'classCounts',
      'compareSampleIds',
      'confusionMatrixTotals',
      'fromTotals',
      'imageClassCounts',
      'lastCountKernel',
      'normalizeConfusionMatrix',
      'normalizeSettings',
      'settingsEqual',
    ]);
  });
});
