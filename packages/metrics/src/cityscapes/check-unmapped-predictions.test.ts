import { ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import { expect, it } from 'vitest';
import { checkUnmappedPredictions } from './check-unmapped-predictions.js';

const options = {
  numClasses: 2,
  ignoreIndex: [255],
  labelMapping: { table: { 7: 0, 8: 1, 0: null }, unmapped: 'invalid' as const },
};

it('checkUnmappedPredictions refuses a prediction value outside the mapping table, also where the ground truth is ignored', () => {
  // Pixel 2's ground truth is ignored (raw 0 → null): the counting never looks at its prediction 9.
  const gt = Uint8Array.of(7, 8, 0, 7);
  const pred = Uint8Array.of(7, 8, 9, 7);
  const matrix = new ConfusionMatrix(options);
  expect(() => matrix.update(pred, gt)).not.toThrow();
  let error: unknown;
  try {
    checkUnmappedPredictions(options, pred, 2, 'frankfurt_1');
  } catch (caught) {
    error = caught;
  }
  expect(SegmetricsError.isInstance(error, ErrorCode.LABEL_OUT_OF_RANGE)).toBe(true);
  expect((error as SegmetricsError).message).toBe(
    `prediction label 9 at pixel 2 (x=0, y=1) is not in the label mapping table (labelMapping.unmapped: 'invalid') in sample "frankfurt_1"`,
  );
  expect((error as SegmetricsError).context).toMatchObject({
    side: 'prediction',
    value: 9,
    index: 2,
    x: 0,
    y: 1,
  });
  // 16-bit maps too; values of the table pass.
  expect(() => checkUnmappedPredictions(options, Uint16Array.of(7, 8, 0, 300), 2, 's')).toThrow(
    /label 300 at pixel 3/,
  );
  expect(() => checkUnmappedPredictions(options, Uint16Array.of(7, 8, 0, 7), 2, 's')).not.toThrow();
});

it('checkUnmappedPredictions does nothing unless unmapped values are invalid for predictions', () => {
  const pred = Uint8Array.of(9, 9);
  expect(() => checkUnmappedPredictions({ numClasses: 2 }, pred, 2, 's')).not.toThrow();
  const keep = { ...options, labelMapping: { ...options.labelMapping, unmapped: 'pass' as const } };
  expect(() => checkUnmappedPredictions(keep, pred, 2, 's')).not.toThrow();
  const gtOnly = { ...options, labelMapping: { ...options.labelMapping, applyTo: 'gt' as const } };
  expect(() => checkUnmappedPredictions(gtOnly, pred, 2, 's')).not.toThrow();
});
