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

  it('reads class names, a label map and a palette from their fields, as the CLI reads their files', () => {
    const run = parseWebSettings(
      given({
        classNames: '# my classes\nroad\n\n Sky \ncar',
        labelMap: '{"0": null, "7": 0}',
        palette: '{"#000000": 0, "#800000": 1, "#008000": 2}',
        excludeClasses: 'sky, 2',
        metrics: 'iou, kappa',
      }),
    );
    expect(run.settings.numClasses).toBe(3);
    expect(run.settings.classNames).toEqual(['road', 'Sky', 'car']);
    expect(run.settings.matrixOptions.labelMapping).toEqual({
      table: { 0: null, 7: 0 },
      reduceZeroLabel: false,
    });
    expect(run.settings.decodeOptions.colorPalette).toEqual({ '#000000': 0, '#800000': 1, '#008000': 2 });
    expect(run.settings.report.excludeClasses).toEqual([1, 2]);
    expect(run.settings.report.metrics).toEqual(['iou', 'kappa']);
  });

  it.each([
    [{ classNames: '#\n\n' }, 'Class names: the field holds no class names'],
    [{ classNames: 'a\nb\na' }, 'Class names: the field: the name "a" is given to classes 0 and 2'],
    [{ classNames: 'a\nb', numClasses: '3' }, 'Class names: the field holds 2 names but there are 3 classes'],
    [
      { numClasses: '3', labelMap: '{"1": 0, "01": 2}' },
      'Label map: the field: entries "1" and "01" both name label value 1',
    ],
    [{ numClasses: '3', labelMap: '[0,' }, 'Label map: the field is not valid JSON'],
    [
      { numClasses: '3', palette: '{"#800000": 1, "#800000": 2}' },
      'Colour palette: the field: the colour "#800000" is given twice',
    ],
    [
      { numClasses: '3', excludeClasses: 'water' },
      'Exclude classes: unknown class "water" (use an id or a class name)',
    ],
    [
      { numClasses: '3', excludeClasses: '0,,1' },
      'Exclude classes: expected a comma list without empty items, got "0,,1"',
    ],
    [{ numClasses: '3', metrics: 'iou,nope' }, 'Metrics: unknown metric "nope"'],
    [
      { numClasses: '3', boundaryDilationRatio: '2' },
      'Boundary width: expected a fraction of the image diagonal above 0 and at most 1',
    ],
    [{ numClasses: '3', boundaryDilationRatio: '0' }, 'Boundary width: expected a fraction'],
  ] as const)('names the field of a mistake: %j', (fields, message) => {
    const error = thrown(() => parseWebSettings(given(fields)));
    expect(error.code === 'INVALID_OPTION' || error.code === 'UNKNOWN_METRIC').toBe(true);
    expect(error.message).toContain(message);
  });

  it('refuses more than 1024 class names without a class count, as the CLI', () => {
    const names = Array.from({ length: 1025 }, (_, k) => `c${k}`).join('\n');
    expect(thrown(() => parseWebSettings(given({ classNames: names }))).message).toBe(
      'Class names: the field holds 1025 class names, more than the largest class count segmetrics evaluates (1024)',
    );
  });

  it('counts Boundary IoU when it is on or a width is given (the CLI’s --boundary-iou, --boundary-dilation-ratio)', () => {
    expect(parseWebSettings(given({ numClasses: '3' })).settings.matrixOptions.boundary).toBeUndefined();
    expect(
      parseWebSettings(given({ numClasses: '3', boundaryIou: 'on' })).settings.matrixOptions.boundary,
    ).toEqual({ dilationRatio: 0.02 });
    expect(
      parseWebSettings(given({ numClasses: '3', boundaryDilationRatio: ' 0.005 ' })).settings.matrixOptions
        .boundary,
    ).toEqual({ dilationRatio: 0.005 });
    expect(
      parseWebSettings(given({ numClasses: '3', boundaryDilationRatio: '+0.02' })).settings.matrixOptions
        .boundary,
    ).toEqual({ dilationRatio: 0.02 });
  });

  it('passes the scores layout to the decoder, as --scores-layout', () => {
    expect(parseWebSettings(given({ numClasses: '3' })).settings.decodeOptions.scoresLayout).toBeUndefined();
    expect(
      parseWebSettings(given({ numClasses: '3', scoresLayout: 'hwc' })).settings.decodeOptions,
    ).toMatchObject({
      scoresLayout: 'hwc',
    });
  });

  it('refuses a minus sign on zero among the ignore labels, as the CLI', () => {
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', ignoreIndex: '255, -0' })))).toMatchObject({
      code: 'INVALID_OPTION',
      message: 'Ignore labels: got "-0": write 0 (a minus sign on 0 is refused)',
    });
  });

  it('takes samples or a seed alone at the 0.95 level, as the CLI’s --bootstrap and --seed', () => {
    expect(parseWebSettings(given({ numClasses: '3', seed: '4' })).settings.report.confidence).toEqual({
      level: 0.95,
      seed: 4,
    });
    expect(parseWebSettings(given({ numClasses: '3', samples: '50' })).settings.report.confidence).toEqual({
      level: 0.95,
      samples: 50,
    });
    expect(parseWebSettings(given({ numClasses: '3' })).settings.report.confidence).toBeUndefined();
  });

  it('lists 10 images where B loses and gains most unless told otherwise (compare --top-images)', () => {
    expect(parseWebSettings(given({ numClasses: '3' })).topImages).toBe(10);
    expect(parseWebSettings(given({ numClasses: '3', topImages: '0' })).topImages).toBe(0);
    expect(thrown(() => parseWebSettings(given({ numClasses: '3', topImages: '1001' }))).message).toContain(
      'Images listed: expected a whole number from 0 to 1000',
    );
  });
});
