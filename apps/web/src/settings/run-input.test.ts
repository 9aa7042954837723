import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_IMAGES, parseWebSettings } from './run-input.js';
import { DEFAULT_SETTINGS, type WebSettings } from './web-settings.js';

const given = (settings: Partial<WebSettings>): WebSettings => ({ ...DEFAULT_SETTINGS, ...settings });

function thrown(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  return {};
}

describe('parseWebSettings', () => {
  it('parseWebSettings resolves the fields with the CLI rules (dataset defaults, explicit overrides)', () => {
    const run = parseWebSettings(given({ dataset: 'ade20k', ignoreIndex: '255, 0 255' }));
    expect(run.settings.numClasses).toBe(150);
    expect(run.settings.matrixOptions.ignoreIndex).toEqual([0, 255]);
    expect(run.settings.matrixOptions.labelMapping?.reduceZeroLabel).toBe(true);
    expect(run.workers).toBeNull();
    expect(run.reportImages).toBe(DEFAULT_REPORT_IMAGES);
    expect(parseWebSettings(given({ numClasses: '4', workers: '3', reportImages: '0' }))).toMatchObject({
      workers: 3,
      reportImages: 0,
    });
  });

  it('Mapping applies to: the ground truth only, as --mapping-applies-to gt; refused without a mapping', () => {
    const run = parseWebSettings(given({ dataset: 'ade20k', mappingAppliesTo: 'gt' }));
    expect(run.settings.matrixOptions.labelMapping).toMatchObject({ reduceZeroLabel: true, applyTo: 'gt' });
    expect(parseWebSettings(given({ dataset: 'ade20k' })).settings.matrixOptions.labelMapping?.applyTo).toBe(
      undefined,
    );
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', mappingAppliesTo: 'gt' })))).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('Mapping applies to'),
    });
    expect(
      thrown(() => parseWebSettings(given({ dataset: 'cityscapes-labelids', mappingAppliesTo: 'gt' })))
        .message,
    ).toContain("the mapping applies to 'gt' only");
  });

  it('parseWebSettings names the field of each mistake', () => {
    expect(thrown(() => parseWebSettings(given({ numClasses: 'three' })))).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('Number of classes: expected a whole number'),
    });
    expect(thrown(() => parseWebSettings(given({ numClasses: '1025' }))).code).toBe('INVALID_OPTION');
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', ignoreIndex: '1.5' }))).code).toBe(
      'INVALID_OPTION',
    );
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', absent: '2' }))).code).toBe(
      'INVALID_OPTION',
    );
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', gtPattern: '(' }))).code).toBe(
      'INVALID_OPTION',
    );
    expect(
      thrown(() => parseWebSettings(given({ numClasses: '3', gtSuffix: '.png', gtPattern: '(.*)' }))).code,
    ).toBe('INVALID_OPTION');
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', preset: 'nope' }))).code).toBe(
      'UNKNOWN_PRESET',
    );
  });

  it('parseWebSettings lets imagewise presets use per-image statistics only when the settings ask for them (the CLI rule)', () => {
    const ci = parseWebSettings(given({ numClasses: '6', confidence: '0.9', samples: '500', seed: '3' }));
    // The bootstrap resamples images, so they are counted; `libraries` stays as without --ci.
    expect(ci.settings.matrixOptions.perImage).toBe(true);
    expect(ci.settings.report.confidence).toEqual({ level: 0.9, samples: 500, seed: 3 });
    expect(ci.presetsPerImage).toBe(false);
    expect(parseWebSettings(given({ numClasses: '6' })).presetsPerImage).toBe(false);
    expect(parseWebSettings(given({ numClasses: '6', aggregate: 'image' })).presetsPerImage).toBe(true);
    expect(parseWebSettings(given({ numClasses: '6', preset: 'torchmetrics-meaniou' }))).toMatchObject({
      presetsPerImage: true,
    });
    expect(
      parseWebSettings(given({ numClasses: '6', aggregate: 'image', confidence: '0.95' })).presetsPerImage,
    ).toBe(true);
  });

  it('parseWebSettings counts a Cityscapes labelIds run as the CLI does without instance maps', () => {
    const run = parseWebSettings(given({ dataset: 'cityscapes-labelids' }));
    expect(run.settings.matrixOptions).toMatchObject({
      numClasses: 19,
      splitPredictedIgnore: true,
      splitIgnoredGroundTruth: true,
    });
    expect(run.settings.matrixOptions.labelMapping?.unmapped).toBe('invalid');
    expect(
      thrown(() => parseWebSettings(given({ dataset: 'cityscapes-labelids', numClasses: '20' }))),
    ).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('Dataset: cityscapes-labelids'),
    });
  });
});
