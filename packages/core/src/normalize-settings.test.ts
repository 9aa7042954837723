import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode } from './errors/segmetrics-error.js';
import { normalizeSettings, settingsEqual } from './normalize-settings.js';
import { type ConfusionMatrixOptions, MAX_NUM_CLASSES } from './types.js';

const refuse = (options: unknown) => thrown(() => normalizeSettings(options as ConfusionMatrixOptions));

describe('normalizeSettings', () => {
  it('writes out every default', () => {
    expect(normalizeSettings({ numClasses: 2 })).toEqual({
      numClasses: 2,
      ignoreIndex: [],
      labelMapping: null,
      perImage: false,
      instances: null,
      splitPredictedIgnore: false,
      boundary: null,
      splitIgnoredGroundTruth: false,
    });
    expect(normalizeSettings({ numClasses: 2, labelMapping: { table: { 3: 1 } } }).labelMapping).toEqual({
      table: [[3, 1]],
      reduceZeroLabel: false,
      applyTo: 'both',
      unmapped: 'pass',
    });
  });

  it(`accepts up to MAX_NUM_CLASSES (${MAX_NUM_CLASSES}) classes and refuses more with INVALID_OPTION naming the limit`, () => {
    expect(MAX_NUM_CLASSES).toBe(4096);
    expect(new ConfusionMatrix({ numClasses: MAX_NUM_CLASSES }).counts.length).toBe(4096 * 4096);
    for (const numClasses of [MAX_NUM_CLASSES + 1, 65536, 2 ** 31]) {
      const err = refuse({ numClasses });
      expect(err.code).toBe(ErrorCode.INVALID_OPTION);
      expect(err.context).toMatchObject({ option: 'numClasses', value: numClasses, limit: MAX_NUM_CLASSES });
      expect(err.message).toContain('4096');
    }
  });

  it('refuses non-boolean flags instead of reading them as false', () => {
    for (const [options, option] of [
      [{ numClasses: 2, perImage: 'yes' }, 'perImage'],
      [{ numClasses: 2, splitPredictedIgnore: 1 }, 'splitPredictedIgnore'],
      [{ numClasses: 2, labelMapping: { reduceZeroLabel: 'true' } }, 'labelMapping.reduceZeroLabel'],
    ] as const) {
      const err = refuse(options);
      expect(err.code).toBe(ErrorCode.INVALID_OPTION);
      expect(err.context.option).toBe(option);
    }
  });

  it('refuses table keys that are not written as integers (no silent "" → 0)', () => {
    for (const key of ['', ' 7', '0x10', '1e3', '07', '1.0', 'abc']) {
      const err = refuse({ numClasses: 2, labelMapping: { table: { [key]: 1 } } });
      expect(err.code).toBe(ErrorCode.INVALID_OPTION);
      expect(err.context.value).toBe(key);
    }
    expect(
      normalizeSettings({ numClasses: 2, labelMapping: { table: { '-3': 1 } } }).labelMapping!.table,
    ).toEqual([[-3, 1]]);
  });

  it('reads a sparse array table without walking its length', () => {
    const table: (number | null)[] = [];
    table[2 ** 32 - 2] = 1;
    table[5] = 0;
    expect(normalizeSettings({ numClasses: 2, labelMapping: { table } }).labelMapping!.table).toEqual([
      [5, 0],
      [2 ** 32 - 2, 1],
    ]);
  });

  it("validates unmapped, and refuses 'invalid' without a table", () => {
    expect(
      refuse({ numClasses: 2, labelMapping: { table: { 1: 0 }, unmapped: 'drop' } }).context.option,
    ).toBe('labelMapping.unmapped');
    const err = refuse({ numClasses: 2, labelMapping: { reduceZeroLabel: true, unmapped: 'invalid' } });
    expect(err.code).toBe(ErrorCode.INVALID_OPTION);
    expect(err.context.option).toBe('labelMapping.unmapped');
  });

  it('validates instances: an object with a non-negative integer minInstanceId, with perImage', () => {
    expect(
      normalizeSettings({ numClasses: 2, perImage: true, instances: { minInstanceId: 1001 } }).instances,
    ).toEqual({
      minInstanceId: 1001,
    });
    expect(normalizeSettings({ numClasses: 2, instances: null }).instances).toBeNull();
    for (const instances of [
      { minInstanceId: -1 },
      { minInstanceId: 1.5 },
      { minInstanceId: '1001' },
      {},
      1001,
    ]) {
      expect(refuse({ numClasses: 2, perImage: true, instances }).code).toBe(ErrorCode.INVALID_OPTION);
    }
    expect(refuse({ numClasses: 2, instances: { minInstanceId: 1001 } }).context.option).toBe('instances');
  });

  it('makes settings that differ only in a new option unequal', () => {
    const base = normalizeSettings({ numClasses: 2, perImage: true });
    expect(
      settingsEqual(base, normalizeSettings({ numClasses: 2, perImage: true, splitPredictedIgnore: false })),
    ).toBe(true);
    expect(
      settingsEqual(base, normalizeSettings({ numClasses: 2, perImage: true, splitPredictedIgnore: true })),
    ).toBe(false);
    expect(
      settingsEqual(
        base,
        normalizeSettings({ numClasses: 2, perImage: true, instances: { minInstanceId: 0 } }),
      ),
    ).toBe(false);
  });
});
