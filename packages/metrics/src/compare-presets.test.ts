import { ConfusionMatrix } from '@segmetrics/core';
import { seededRandom } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { comparePresets } from './compare-presets.js';
import { evaluate, evaluateSummary } from './evaluate.js';
import { presets } from './presets.js';
import type { PresetName } from './settings.js';

function matrix(perImage: boolean): ConfusionMatrix {
  const m = new ConfusionMatrix({ numClasses: 3, perImage });
  // prediction, ground truth: class 2 absent from one image, predicted-only in the other
  m.update([0, 0, 1, 2], [0, 1, 1, 1], { sampleId: 'a' });
  m.update([0, 1, 1, 0], [0, 1, 1, 0], { sampleId: 'b' });
  return m;
}

describe('comparePresets', () => {
  it('lists every preset, in registry order, with exactly what evaluate reports under it', () => {
    const m = matrix(true);
    const outcomes = comparePresets(m, { classNames: ['a', 'b', 'c'] });
    expect(outcomes.map((o) => o.preset)).toEqual(Object.keys(presets));
    for (const outcome of outcomes) {
      const expected = evaluate(m, { preset: outcome.preset as PresetName }).summary;
      expect(outcome.summary).toEqual(expected);
      expect(outcome.reason).toBeNull();
      expect(outcome.description).toBe(presets[outcome.preset].description);
    }
  });

  it('gives imagewise presets no summary, with a reason, when the matrix has no per-image statistics', () => {
    const outcomes = comparePresets(matrix(false));
    const imagewise = outcomes.filter((o) => presets[o.preset].aggregate === 'image');
    expect(imagewise.length).toBeGreaterThan(0);
    for (const o of imagewise) {
      expect(o.summary).toBeNull();
      expect(o.reason).toMatch(/per-image/);
    }
    const datasetwise = outcomes.filter((o) => presets[o.preset].aggregate === 'dataset');
    for (const o of datasetwise) expect(o.summary?.mIoU).toBeTypeOf('number');
  });

  it('shows the libraries disagreeing on the same counts (detectron2 skips a predicted-only class)', () => {
    const m = new ConfusionMatrix({ numClasses: 3 });
    m.update([0, 1, 2], [0, 1, 1]);
    const byName = new Map(comparePresets(m).map((o) => [o.preset, o.summary?.mIoU]));
    expect(byName.get('mmseg')).toBe(0.5);
    expect(byName.get('detectron2')).toBe(0.75);
  });

  it('gives no summary, with a reason, where predictions of several ignore labels cannot be attributed', () => {
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: [0, 255] });
    m.update([1, 0, 255, 2], [1, 1, 1, 2]);
    const outcomes = comparePresets(m);
    const mmseg = outcomes.find((o) => o.preset === 'mmseg');
    expect(mmseg?.summary).toBeNull();
    expect(mmseg?.reason).toMatch(/ignore labels/);
    expect(outcomes.find((o) => o.preset === 'torchmetrics-meaniou')?.reason).toMatch(/per-image/);
  });

  it('with perImage: false gives exactly what the same counts kept without per-image statistics give', () => {
    const random = seededRandom(15);
    for (let trial = 0; trial < 40; trial++) {
      // One or two ignore labels, predicted sometimes: the several-ignore-labels reason must match too.
      const options = {
        numClasses: 4,
        ignoreIndex: trial % 2 === 0 ? [255] : [3, 255],
        ...(trial % 5 === 0 ? { boundary: { dilationRatio: 0.1 } } : {}),
      };
      const withImages = new ConfusionMatrix({ ...options, perImage: true });
      const without = new ConfusionMatrix({ ...options, perImage: false });
      for (let image = 0; image < 1 + (trial % 4); image++) {
        const values = [0, 1, 2, 3, 255];
        const pick = () => values[Math.floor(random() * values.length)]!;
        const gt = Uint8Array.from({ length: 36 }, pick);
        const pred = Uint8Array.from({ length: 36 }, pick);
        const shape = { sampleId: `i${image}`, width: 6, height: 6 };
        withImages.update(pred, gt, shape);
        without.update(pred, gt, shape);
      }
      const names = { classNames: ['a', 'b', 'c', 'd'] };
      expect(comparePresets(withImages, { ...names, perImage: false })).toEqual(
        comparePresets(without, names),
      );
    }
  });
});

it('evaluateSummary gives evaluate(...).summary under every preset and setting, or the same error', () => {
  const random = seededRandom(23);
  for (let trial = 0; trial < 12; trial++) {
    const numClasses = 2 + Math.floor(random() * 6);
    const options = {
      numClasses,
      perImage: trial % 3 !== 0,
      ignoreIndex: trial % 2 === 1 ? [255, 254] : [255],
      ...(trial % 4 === 1 ? { boundary: { dilationRatio: 0.1 } } : {}),
    };
    const m = new ConfusionMatrix(options);
    const [width, height] = [6, 5];
    for (let image = 0; image < 3; image++) {
      const label = () => {
        const r = random();
        return r < 0.1 ? 255 : r < 0.15 && trial % 2 === 1 ? 254 : Math.floor(random() * numClasses);
      };
      const gt = Array.from({ length: width * height }, label);
      const pred = Array.from({ length: width * height }, label);
      m.update(pred, gt, { width, height, sampleId: `i${image}` });
    }
    for (const preset of [undefined, ...Object.keys(presets)] as (PresetName | undefined)[]) {
      const settings = preset === undefined ? {} : { preset };
      let expected: unknown;
      try {
        expected = evaluate(m, { ...settings, perImage: false }).summary;
      } catch (error) {
        expected = (error as { code?: string }).code;
      }
      let actual: unknown;
      try {
        actual = evaluateSummary(m, settings);
      } catch (error) {
        actual = (error as { code?: string }).code;
      }
      expect(actual, `trial ${trial}, preset ${preset}`).toEqual(expected);
    }
  }
});
