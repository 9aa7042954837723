import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sameHiddenClass } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { readLabelMapSync } from '../node/read-label-map.js';
import { encodePng } from './png-encoder.js';
import { withOptions } from './with-options.js';

describe('withOptions', () => {
  it('is the spread of both objects, with one hidden class for every result', () => {
    const options = { checkCrc: true, maxPixels: 10 };
    expect(withOptions(options, { file: 'a.png' })).toEqual({ checkCrc: true, maxPixels: 10, file: 'a.png' });
    expect(withOptions({ file: 'x' }, { file: 'y' })).toEqual({ file: 'y' });
    let previous: object = {};
    let last: object = {};
    for (let i = 0; i < 4000; i++)
      [previous, last] = [last, withOptions(options, { file: `f${i}`, into: i })];
    expect(sameHiddenClass(previous, last)).toBe(true);
  });

  it('keeps an own __proto__ key a plain property, as a spread does (never the prototype)', () => {
    const parsed = JSON.parse('{"__proto__": {"colorPalette": {"#000000": 0}}, "checkCrc": true}') as object;
    const merged = withOptions(parsed, { file: 'a.png' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged.colorPalette).toBeUndefined();
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
  });

  it('readLabelMapSync does not take a colour palette from a JSON __proto__ key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmetrics-with-options-'));
    const file = join(dir, 'rgb.png');
    writeFileSync(
      file,
      encodePng({ width: 2, height: 1, bitDepth: 8, colorType: 2, samples: [0, 0, 0, 255, 0, 0] }),
    );
    const parsed = JSON.parse('{"__proto__": {"colorPalette": {"#000000": 0, "#ff0000": 7}}}') as object;
    expect(() => readLabelMapSync(file, parsed)).toThrow(/colour palette/);
  });
});
