import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeColorizedPng, encodeLabelPng } from '@segmetrics/io';
import { describe, expect, it } from 'vitest';
import { paletteMismatchWarning } from './palette-mismatch-warning.js';

const map = { data: Uint8Array.from([0, 1, 2, 1]), width: 2, height: 2 };
const voc = [
  [0, 0, 0],
  [128, 0, 0],
  [0, 128, 0],
] as const;

function files(gt: Uint8Array, pred: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'segmetrics-palette-'));
  writeFileSync(join(dir, 'gt.png'), gt);
  writeFileSync(join(dir, 'pred.png'), pred);
  return { id: 'a', gtPath: join(dir, 'gt.png'), predPath: join(dir, 'pred.png') };
}

describe('paletteMismatchWarning', () => {
  it('names the first index two palette PNGs colour differently', () => {
    const swapped = [voc[0], voc[2], voc[1]];
    const pair = files(encodeColorizedPng(map, voc), encodeColorizedPng(map, swapped));
    expect(paletteMismatchWarning(pair)).toBe(
      `${pair.gtPath} and ${pair.predPath} are palette PNGs with different palettes (index 1 is #800000 in the ground truth, #008000 in the prediction): palette indices are read as labels; if the colours carry the classes, give --palette FILE or --dataset NAME so that both are read by colour`,
    );
  });

  it('says nothing for one palette, for gray PNGs and without a pair', () => {
    expect(
      paletteMismatchWarning(files(encodeColorizedPng(map, voc), encodeColorizedPng(map, voc))),
    ).toBeNull();
    expect(
      paletteMismatchWarning(files(encodeLabelPng(map.data, 2, 2), encodeColorizedPng(map, voc))),
    ).toBeNull();
    expect(paletteMismatchWarning(undefined)).toBeNull();
    // Labels saved with PIL's default gray palette: their indices are the labels whatever the colours.
    const gray = Array.from({ length: 256 }, (_, i) => [i, i, i] as const);
    expect(
      paletteMismatchWarning(files(encodeColorizedPng(map, voc), encodeColorizedPng(map, gray))),
    ).toBeNull();
  });
});
