import { encodeColorizedPng, encodeLabelPng } from '@segmetrics/io';
import { describe, expect, it } from 'vitest';
import type { WebPair } from './pair-folders.js';
import { paletteMismatchNote } from './palette-mismatch.js';

const map = { data: Uint8Array.from([0, 1, 2, 1]), width: 2, height: 2 };
const voc = [
  [0, 0, 0],
  [128, 0, 0],
  [0, 128, 0],
] as const;
const file = (bytes: Uint8Array) => new Blob([bytes.slice().buffer]) as File;

function pair(gt: Uint8Array, pred: Uint8Array, predB?: Uint8Array): WebPair {
  return {
    id: 'a',
    gt: file(gt),
    gtPath: 'gt/a.png',
    pred: file(pred),
    predPath: 'pred/a.png',
    ...(predB === undefined ? {} : { predB: file(predB), predBPath: 'pred-b/a.png' }),
  };
}

describe('paletteMismatchNote', () => {
  it('names the first index the palettes colour differently, for prediction A or B', async () => {
    const same = encodeColorizedPng(map, voc);
    const swapped = encodeColorizedPng(map, [voc[0], voc[2], voc[1]]);
    expect(await paletteMismatchNote(pair(same, swapped))).toBe(
      'gt/a.png and pred/a.png are palette PNGs with different palettes (index 1 is #800000 in the ground truth, #008000 in the prediction): palette indices are read as labels; if the colours carry the classes, choose their dataset preset or give a "Colour palette" so that both are read by colour',
    );
    expect(await paletteMismatchNote(pair(same, same, swapped))).toContain('pred-b/a.png are palette PNGs');
  });

  it('says nothing for one palette, gray PNGs or no pair', async () => {
    const same = encodeColorizedPng(map, voc);
    expect(await paletteMismatchNote(pair(same, same))).toBeNull();
    expect(await paletteMismatchNote(pair(encodeLabelPng(map.data, 2, 2), same))).toBeNull();
    expect(await paletteMismatchNote(undefined)).toBeNull();
  });
});
