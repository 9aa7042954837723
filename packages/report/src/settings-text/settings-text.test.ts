import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { parseClassNames } from './parse-class-names.js';
import { parseColorPalette } from './parse-color-palette.js';
import { parseLabelMap } from './parse-label-map.js';
import { resolveClassList } from './resolve-class-list.js';

const from = { option: '--classes', source: 'names.txt' };

function failure(fn: () => unknown): { code: string; message: string; option: unknown } | undefined {
  try {
    fn();
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    return { code: error.code, message: error.message, option: error.context.option };
  }
  return undefined;
}

describe('parseClassNames', () => {
  it('reads one name per line, trimmed, skipping blank lines and # comments, with \\n or \\r\\n', () => {
    expect(parseClassNames('# header\r\nroad\n\n  sidewalk \r\n#x\nsky', from)).toEqual([
      'road',
      'sidewalk',
      'sky',
    ]);
  });

  it('refuses a text without names and a name given to two classes, naming the option and the source', () => {
    expect(failure(() => parseClassNames('\n# only a comment\n', from))).toEqual({
      code: 'INVALID_OPTION',
      message: '--classes: names.txt holds no class names',
      option: '--classes',
    });
    expect(failure(() => parseClassNames('a\nb\na', from))?.message).toBe(
      '--classes: names.txt: the name "a" is given to classes 0 and 2',
    );
    // Names are compared as written.
    expect(parseClassNames('Sky\nsky', from)).toEqual(['Sky', 'sky']);
  });
});

describe('parseColorPalette', () => {
  const p = { option: '--palette', source: 'p.json' };

  it('skips a byte order mark before the JSON (an editor’s)', () => {
    expect(parseColorPalette('\uFEFF{"#800000": 1}', p)).toEqual({ '#800000': 1 });
    expect(parseLabelMap('\uFEFF{"3": 1}', { option: '--label-map', source: 'm.json' })).toEqual({ 3: 1 });
  });

  it('accepts an object of #rrggbb → id and an array of [r, g, b] or null', () => {
    expect(parseColorPalette('{"#800000": 1, "#000000": 0}', p)).toEqual({ '#800000': 1, '#000000': 0 });
    expect(parseColorPalette('[[0,0,0], null, [128,0,0]]', p)).toEqual([[0, 0, 0], null, [128, 0, 0]]);
  });

  it.each([
    ['{', '--palette: p.json is not valid JSON'],
    ['{"#800000": 1, "#80000\\u0030": 2}', '--palette: p.json: the colour "#800000" is given twice'],
    ['7', '--palette: p.json: expected an object {"#rrggbb": id} or an array of [r, g, b]'],
    ['{"#800000": 1.5}', '--palette: p.json: class id 1.5 is not a whole number from 0 to 65535'],
    ['{"#800000": 65536}', '--palette: p.json: class id 65536 is not a whole number from 0 to 65535'],
    ['{"#800000": "1"}', '--palette: p.json: class id "1" is not a whole number from 0 to 65535'],
    ['{}', '--palette: p.json: the palette holds no colour'],
  ])('refuses %s', (text, message) => {
    expect(failure(() => parseColorPalette(text, p))?.message).toBe(message);
  });

  it('refuses a malformed colour and a colour given two ids, with io’s reason', () => {
    expect(failure(() => parseColorPalette('{"#80000": 1}', p))?.message).toMatch(
      /^--palette: p\.json: .*#80000/,
    );
    expect(failure(() => parseColorPalette('{"#800000": 1, "800000": 2}', p))?.message).toContain(
      'colour #800000 is given to two ids',
    );
  });
});

describe('parseLabelMap', () => {
  const m = { option: '--label-map', source: 'm.json' };

  it('reads an object of raw label → class id or null (-1 = ignored), and an array', () => {
    expect(parseLabelMap('{"0": null, "7": 0, "-1": -1, "4294967295": 2}', m)).toEqual({
      0: null,
      7: 0,
      [-1]: -1,
      4294967295: 2,
    });
    expect(parseLabelMap('[null, 0, 1]', m)).toEqual([null, 0, 1]);
  });

  it.each([
    ['[', '--label-map: m.json is not valid JSON'],
    ['{"1": 0, "1": 2}', '--label-map: m.json: the label value "1" is given twice'],
    ['{"1": 0, "01": 2}', '--label-map: m.json: entries "1" and "01" both name label value 1'],
    ['{"-0": 0}', '--label-map: m.json: entry "-0": write the label value 0 as "0"'],
    ['"x"', '--label-map: m.json: expected an object {"raw": class} or an array'],
    [
      '[0, 1.5]',
      '--label-map: m.json: entry 1: 1.5 is not a class id (a whole number from -1 to 4294967295) or null',
    ],
    [
      '[0, -2]',
      '--label-map: m.json: entry 1: -2 is not a class id (a whole number from -1 to 4294967295) or null',
    ],
  ])('refuses %s', (text, message) => {
    expect(failure(() => parseLabelMap(text, m))?.message).toBe(message);
  });

  it.each(['{"a": 1}', '{"4294967296": 1}', '{"-2147483649": 1}', '{"1.0": 1}', '{"1": "2"}'])(
    'refuses the entry of %s, naming the label value range',
    (text) => {
      expect(failure(() => parseLabelMap(text, m))?.message).toContain(
        'label values are whole numbers from -2147483648 to 4294967295',
      );
    },
  );
});

describe('resolveClassList', () => {
  const names = ['background', 'road', 'Sky'];

  it('refuses a name that names several classes (case-insensitively), asking for the id', () => {
    expect(
      failure(() => resolveClassList(['sky'], 4, [...names, 'SKY'], '--exclude-classes'))?.message,
    ).toContain('class name "sky" names classes 2 and 3: use the id');
  });

  it('resolves ids and case-insensitive names to sorted unique ids', () => {
    expect(resolveClassList(['sky', '0', 'background'], 3, names, '--exclude-classes')).toEqual([0, 2]);
  });

  it('rejects ids outside [0, C), unknown names and inherited property names', () => {
    for (const item of ['3', 'water', 'constructor', '__proto__']) {
      expect(failure(() => resolveClassList([item], 3, names, '--exclude-classes'))?.code, item).toBe(
        'INVALID_OPTION',
      );
    }
  });
});

describe('resolveClassList messages', () => {
  it('names the option, the range and the unknown name', () => {
    expect(failure(() => resolveClassList(['3'], 3, ['a', 'b', 'c'], 'Exclude classes'))).toEqual({
      code: 'INVALID_OPTION',
      message: 'Exclude classes: at most 2 (3 classes), got 3',
      option: 'Exclude classes',
    });
    expect(failure(() => resolveClassList(['d'], 3, ['a', 'b', 'c'], '--exclude-classes'))?.message).toBe(
      '--exclude-classes: unknown class "d" (use an id or a class name)',
    );
    expect(resolveClassList(['007', '2'], 8, [], 'x')).toEqual([2, 7]);
  });
});
