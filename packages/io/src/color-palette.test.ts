import { describe, expect, it } from 'vitest';
import { paletteLookup } from './color-palette.js';
import { getDatasetPreset } from './dataset-presets.js';
import type { RgbColor } from './types.js';

describe('paletteLookup', () => {
  it('builds the lookup of a deeply frozen palette once (the dataset presets’ mask palettes)', () => {
    for (const name of ['voc', 'cityscapes', 'cityscapes-labelids']) {
      const palette = getDatasetPreset(name).maskPalette!;
      expect(paletteLookup(palette)).toBe(paletteLookup(palette));
    }
    const frozen = Object.freeze([Object.freeze([1, 2, 3]) as RgbColor, null]);
    expect(paletteLookup(frozen)).toBe(paletteLookup(frozen));
    expect([...paletteLookup(frozen)]).toEqual([[0x010203, 0]]);
  });

  it('builds the lookup of a palette that may change on every call, and sees its changes', () => {
    const colors: RgbColor[] = [[1, 2, 3]];
    const palette = Object.freeze(colors.map((c) => c)); // frozen, but its colours are not
    const first = paletteLookup(palette);
    expect(paletteLookup(palette)).not.toBe(first);
    (palette[0] as unknown as number[])[2] = 4;
    expect([...paletteLookup(palette)]).toEqual([[0x010204, 0]]);
    const record: Record<string, number> = { '#010203': 5 };
    expect([...paletteLookup(record)]).toEqual([[0x010203, 5]]);
    record['#010203'] = 6;
    expect([...paletteLookup(record)]).toEqual([[0x010203, 6]]);
  });
});
