import { describe, expect, it } from 'vitest';
import { cliCommand } from './cli-command.js';
import { DEFAULT_SETTINGS, settingsFromQuery, settingsToQuery, type WebSettings } from './web-settings.js';

const given = (settings: Partial<WebSettings>): WebSettings => ({ ...DEFAULT_SETTINGS, ...settings });

describe('settingsToQuery', () => {
  it('settingsToQuery writes only the given settings, under the CLI flag names, lists repeated', () => {
    const settings = given({
      dataset: 'voc',
      ignoreIndex: '0, 255',
      aggregate: 'image',
      include: 'a/**\nb/**',
    });
    expect(settingsToQuery(settings)).toBe(
      '?dataset=voc&ignore-index=0%2C+255&aggregate=image&include=a%2F**&include=b%2F**',
    );
    expect(settingsToQuery(DEFAULT_SETTINGS)).toBe('');
  });
});

describe('settingsFromQuery', () => {
  it('settingsFromQuery restores what settingsToQuery wrote and drops unknown parameters and choices', () => {
    const settings = given({ numClasses: '19', presetOptions: 'labels=0,2\nx=1', matchBy: 'basename' });
    expect(settingsFromQuery(settingsToQuery(settings))).toEqual(settings);
    expect(settingsFromQuery('?aggregate=sideways&nope=1&num-classes=3')).toEqual(given({ numClasses: '3' }));
  });
});

describe('cliCommand', () => {
  it('cliCommand gives the segmetrics eval command of the settings, quoting words for the shell', () => {
    const { command, exact } = cliCommand(
      given({ numClasses: '19', ignoreIndex: '0 255', gtSuffix: "it's.png", reduceZeroLabel: 'on' }),
      { gt: 'my gt', pred: 'pred' },
    );
    expect(command).toBe(
      "segmetrics eval --gt 'my gt' --pred pred --num-classes 19 --ignore-index 0,255 --gt-suffix 'it'\\''s.png' --reduce-zero-label",
    );
    expect(exact).toBe(true);
    expect(cliCommand(given({ reduceZeroLabel: 'off' }), { gt: 'g', pred: 'p' }).exact).toBe(false);
    expect(
      cliCommand(given({ dataset: 'ade20k', mappingAppliesTo: 'gt' }), { gt: 'g', pred: 'p' }).command,
    ).toBe('segmetrics eval --gt g --pred p --dataset ade20k --mapping-applies-to gt');
  });

  it('cliCommand gives the confidence intervals as --ci, --bootstrap and --seed', () => {
    const settings = given({ numClasses: '6', confidence: '0.9', samples: '500', seed: '3' });
    expect(cliCommand(settings, { gt: 'g', pred: 'p' }).command).toBe(
      'segmetrics eval --gt g --pred p --num-classes 6 --ci 0.9 --bootstrap 500 --seed 3',
    );
    expect(cliCommand(given({ numClasses: '6', confidence: '.95' }), { gt: 'g', pred: 'p' }).command).toBe(
      'segmetrics eval --gt g --pred p --num-classes 6 --ci .95',
    );
    expect(cliCommand(given({ numClasses: '6' }), { gt: 'g', pred: 'p' }).command).not.toContain('--ci');
  });

  it('cliCommand gives segmetrics compare with both prediction folders for a comparison', () => {
    expect(
      cliCommand(given({ numClasses: '6', confidence: '0.9', dataset: 'cityscapes-labelids' }), {
        gt: 'g',
        pred: 'a',
        predB: 'b',
      }).command,
    ).toBe(
      'segmetrics compare --gt g --pred a --pred b --dataset cityscapes-labelids --num-classes 6 --ci 0.9',
    );
  });

  it('cliCommand adds --no-instances to a Cityscapes labelIds run (the page reads no instance maps)', () => {
    expect(cliCommand(given({ dataset: 'cityscapes-labelids' }), { gt: 'g', pred: 'p' }).command).toBe(
      'segmetrics eval --gt g --pred p --dataset cityscapes-labelids --no-instances',
    );
  });

  it('cliCommand passes class names, label map and palette as process substitutions holding their text', () => {
    const { command, exact } = cliCommand(
      given({
        numClasses: '3',
        classNames: ' road\n\nit’s sky\r\ncar ',
        labelMap: '{"0": null}',
        palette: '{"#000000": 0}',
        excludeClasses: 'sky',
        boundaryIou: 'on',
      }),
      { gt: 'g', pred: 'p' },
    );
    expect(command).toBe(
      "segmetrics eval --gt g --pred p --num-classes 3 --classes <(printf '%s\\n' road 'it’s sky' car) --label-map <(printf '%s\\n' '{\"0\": null}') --palette <(printf '%s\\n' '{\"#000000\": 0}') --exclude-classes sky --boundary-iou",
    );
    expect(exact).toBe(true);
    // A width alone turns Boundary IoU on: no --boundary-iou beside it.
    expect(
      cliCommand(given({ numClasses: '3', boundaryIou: 'on', boundaryDilationRatio: '0.01' }), {
        gt: 'g',
        pred: 'p',
      }).command,
    ).toBe('segmetrics eval --gt g --pred p --num-classes 3 --boundary-dilation-ratio 0.01');
  });

  it('cliCommand leaves the Web Workers out, gives --top-images to compare only, and --bootstrap / --seed alone', () => {
    const settings = given({ numClasses: '6', workers: '12', topImages: '3', seed: '4' });
    expect(cliCommand(settings, { gt: 'g', pred: 'p' }).command).toBe(
      'segmetrics eval --gt g --pred p --num-classes 6 --seed 4',
    );
    expect(cliCommand(settings, { gt: 'g', pred: 'a', predB: 'b' }).command).toBe(
      'segmetrics compare --gt g --pred a --pred b --num-classes 6 --seed 4 --top-images 3',
    );
  });
});

describe('settingsFromQuery aliases', () => {
  it('reads the CLI’s --ci and --bootstrap names too; the page’s own names win', () => {
    expect(settingsFromQuery('?ci=0.9&bootstrap=100&seed=2')).toEqual(
      given({ confidence: '0.9', samples: '100', seed: '2' }),
    );
    expect(settingsFromQuery('?ci=0.9&confidence=0.8')).toEqual(given({ confidence: '0.8' }));
  });
  it('drops control characters from a URL, and quotes every value the command shows', () => {
    const settings = settingsFromQuery(
      '?num-classes=3&gt-suffix=%00%3B%20touch%20%2Ftmp%2Fpwned%20%23&preset-option=%00$(id)',
    );
    expect(settings.gtSuffix).toBe('; touch /tmp/pwned #');
    expect(cliCommand(settings, { gt: 'g', pred: 'p' }).command).toBe(
      "segmetrics eval --gt g --pred p --num-classes 3 --preset-option '$(id)' --gt-suffix '; touch /tmp/pwned #'",
    );
    // Typed into the form (no URL), a NUL is quoted like anything else.
    expect(cliCommand(given({ gtSuffix: '\u0000; x' }), { gt: 'g', pred: 'p' }).command).toBe(
      "segmetrics eval --gt g --pred p --gt-suffix '\u0000; x'",
    );
  });
});
