import { describe, expect, it } from 'vitest';
import { assertSameSettings, settingsDifference } from './compare-settings.js';
import type { EvaluationSettings } from './evaluation-settings.js';

const base: EvaluationSettings = {
  numClasses: 2,
  classNames: ['a', 'b'],
  matrixOptions: { numClasses: 2, ignoreIndex: [255], perImage: false },
  decodeOptions: {},
  report: {
    aggregate: null,
    imageReduce: null,
    average: null,
    absent: null,
    excludeClasses: [],
    metrics: [],
    preset: null,
    beta: null,
  },
  dataset: null,
};

describe('settingsDifference', () => {
  it('names the setting as the user knows it, with both values', () => {
    const other = { ...base, matrixOptions: { ...base.matrixOptions, ignoreIndex: [0, 255] } };
    expect(settingsDifference(base, other)?.text).toBe('ignoreIndex: [255] vs [0, 255]');
    const preset = { ...base, report: { ...base.report, preset: 'mmseg' } };
    expect(settingsDifference(base, preset)?.text).toBe('preset: not set (its default) vs "mmseg"');
  });

  it('ignores key order (a state read back from JSON)', () => {
    const { dataset, ...rest } = base;
    const reordered = JSON.parse(JSON.stringify({ dataset, ...rest })) as EvaluationSettings;
    expect(settingsDifference(base, reordered)).toBeNull();
  });
});

describe('assertSameSettings', () => {
  it('throws INCOMPATIBLE_SETTINGS naming both files and the setting', () => {
    const other = { ...base, matrixOptions: { ...base.matrixOptions, perImage: true } };
    expect(() =>
      assertSameSettings({ file: 'a.json', settings: base }, { file: 'b.json', settings: other }),
    ).toThrowError(
      expect.objectContaining({
        code: 'INCOMPATIBLE_SETTINGS',
        message: 'b.json was evaluated with different settings than a.json: perImage: false vs true',
      }),
    );
  });
});
