import { ErrorCode, type SegmetricsError } from '@segmetrics/core';
import { type CityscapesScene, cityscapesScene, referenceCityscapes } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { cityscapesMatrixOf, LABEL_ID_TABLE } from '../../test/cityscapes-matrix-of.js';
import { cityscapesAvgClassSize } from './cityscapes-labels.js';
import type { CityscapesMatrix } from './cityscapes-matrix.js';
import { cityscapesLabelScores, cityscapesScores } from './cityscapes-scores.js';

/** Generated scenes with every situation: absent classes, a class predicted but absent, ignored ids. */
function generatedScenes(): [string, CityscapesScene][] {
  const absent = [12]; // wall: absent from every ground truth and prediction
  return [
    ['frankfurt/frankfurt_000000_000001', cityscapesScene(1, { absent })],
    ['frankfurt/frankfurt_000000_000002', cityscapesScene(2, { absent: [...absent, 31] })],
    ['lindau/lindau_000000_000003', cityscapesScene(3, { absent, predictedOnly: [28] })],
    ['lindau/lindau_000000_000004', cityscapesScene(4, { absent, width: 97, height: 61 })],
    ['munster/munster_000000_000005', cityscapesScene(5, { absent: [...absent, 22], predictedOnly: [31] })],
    ['munster/munster_000000_000006', cityscapesScene(6, { absent })],
  ];
}

/** One image: a car instance (4 px), a car group region (2 px) and road (10 px); see the test below. */
function workedExample(): CityscapesMatrix {
  const counts = new Float64Array(19 * 19);
  const set = (g: number, p: number, v: number) => {
    counts[g * 19 + p] = v;
  };
  set(13, 13, 4); // car → car: 2 instance pixels + 2 group-region pixels
  set(13, 0, 1); // car instance pixel → road
  set(0, 0, 8); // road → road
  set(0, 13, 1); // road → car
  const predictedIgnore = new Float64Array(19);
  predictedIgnore[13] = 1; // car instance pixel → caravan
  predictedIgnore[0] = 1; // road → caravan
  const caravan = new Float64Array(19);
  caravan[13] = 1;
  caravan[0] = 1;
  return {
    settings: {
      numClasses: 19,
      ignoreIndex: [255],
      labelMapping: { table: LABEL_ID_TABLE, reduceZeroLabel: false, applyTo: 'both', unmapped: 'invalid' },
      perImage: true,
      instances: { minInstanceId: 1001 },
      splitPredictedIgnore: true,
    },
    counts,
    predictedIgnore,
    predictedIgnoreByValue: new Map([[29, caravan]]),
    ignoredPixels: 0,
    imageStats: [
      {
        sampleId: 'a',
        instances: [
          {
            id: 26000,
            pixels: 4,
            predictions: [
              [7, 1],
              [26, 2],
              [29, 1],
            ],
          },
        ],
      },
    ],
  };
}

describe('cityscapesScores', () => {
  it('computes the four numbers of a worked example by hand', () => {
    const scores = cityscapesScores(workedExample());
    const w = cityscapesAvgClassSize.car! / 4;
    const byName = (name: string) => scores.perClass.find((c) => c.name === name)!;
    const category = (name: string) => scores.perCategory.find((c) => c.name === name)!;
    // Car: TP 4 (the group region counts in IoU), FN 2 (road, caravan), FP 1 (road predicted car).
    expect(byName('car').iou).toBe(4 / 7);
    // iIoU: instance TP 2 and FN 2 weighted by w; the group region adds nothing; FP 1 unweighted.
    expect(byName('car').iiou).toBe((2 * w) / (2 * w + 1 + 2 * w));
    expect(byName('road').iou).toBe(8 / 11);
    expect(byName('road').iiou).toBeNaN();
    expect(byName('person').iiou).toBeNaN();
    // Vehicle: caravan is not an evaluated label, so the caravan pixel is a category-IoU miss…
    expect(category('vehicle').iou).toBe(4 / 7);
    // …but an iIoU hit (3 of 4 instance pixels), and caravan on road is a false positive (1 + 1).
    expect(category('vehicle').iiou).toBe((3 * w) / (3 * w + 2 + 1 * w));
    expect(category('flat').iou).toBe(8 / 11);
    expect(category('human').iiou).toBeNaN();
    expect(scores.perCategory.map((c) => c.name)).toEqual([
      'flat',
      'construction',
      'object',
      'nature',
      'sky',
      'human',
      'vehicle',
    ]);
    expect(scores.summary).toEqual({
      mIoU: (8 / 11 + 4 / 7) / 2,
      iIoU: (2 * w) / (2 * w + 1 + 2 * w),
      categoryIoU: (8 / 11 + 4 / 7) / 2,
      categoryIIoU: (3 * w) / (3 * w + 2 + 1 * w),
    });
    expect(scores.instances).toBe(true);
  });

  it('matches a pixel-by-pixel restatement of cityscapesScripts on generated scenes, bit for bit', () => {
    const scenes = generatedScenes();
    const reference = referenceCityscapes(scenes.map(([, scene]) => scene));
    const scores = cityscapesLabelScores(cityscapesMatrixOf(scenes));
    expect(Object.fromEntries(scores.classScores)).toEqual(reference.classScores);
    expect(Object.fromEntries(scores.classInstScores)).toEqual(reference.classInstScores);
    expect(Object.fromEntries(scores.categoryScores)).toEqual(reference.categoryScores);
    expect(Object.fromEntries(scores.categoryInstScores)).toEqual(reference.categoryInstScores);
    const summary = cityscapesScores(cityscapesMatrixOf(scenes)).summary;
    expect(summary.mIoU).toBe(reference.averageScoreClasses);
    expect(summary.iIoU).toBe(reference.averageScoreInstClasses);
    expect(summary.categoryIoU).toBe(reference.averageScoreCategories);
    expect(summary.categoryIIoU).toBe(reference.averageScoreInstCategories);
    // The scenes exercise what they should: a class absent from both, every instance class.
    expect(reference.classScores.wall).toBeNaN();
    expect(Object.values(reference.classInstScores).filter((v) => !Number.isNaN(v)).length).toBe(8);
    expect(Object.values(reference.categoryInstScores).filter((v) => !Number.isNaN(v)).length).toBe(2);
  });

  it('does not depend on the order in which images were counted (canonical order)', () => {
    const scenes = generatedScenes();
    const forward = cityscapesScores(cityscapesMatrixOf(scenes));
    const backward = cityscapesScores(cityscapesMatrixOf([...scenes].reverse()));
    expect(backward).toEqual(forward);
  });

  it('gives NaN iIoU without instance statistics and the same IoUs', () => {
    const scenes = generatedScenes();
    const withInstances = cityscapesScores(cityscapesMatrixOf(scenes));
    const without = cityscapesScores(cityscapesMatrixOf(scenes, { instances: false }));
    expect(without.instances).toBe(false);
    expect(without.perClass.every((c) => Number.isNaN(c.iiou))).toBe(true);
    expect(without.summary.iIoU).toBeNaN();
    expect(without.summary.categoryIIoU).toBeNaN();
    expect(without.perClass.map((c) => c.iou)).toEqual(withInstances.perClass.map((c) => c.iou));
    expect(without.summary.categoryIoU).toBe(withInstances.summary.categoryIoU);
  });

  it('is NaN everywhere on an empty matrix', () => {
    const scores = cityscapesScores(cityscapesMatrixOf([]));
    expect(scores.perClass.every((c) => Number.isNaN(c.iou) && Number.isNaN(c.iiou))).toBe(true);
    expect(scores.perCategory.every((c) => Number.isNaN(c.iou) && Number.isNaN(c.iiou))).toBe(true);
    expect(Object.values(scores.summary).every(Number.isNaN)).toBe(true);
  });

  it('scores 0 (not NaN) for an instance class that is only predicted', () => {
    const scenes = generatedScenes().slice(2, 3);
    const bus = cityscapesScores(cityscapesMatrixOf(scenes)).perClass.find((c) => c.name === 'bus')!;
    expect(bus.iou).toBe(0);
    expect(bus.iiou).toBe(0);
  });

  it('refuses a matrix not counted with the Cityscapes labelId settings', () => {
    const matrix = workedExample();
    const bad: CityscapesMatrix[] = [
      { ...matrix, settings: { ...matrix.settings, labelMapping: null } },
      { ...matrix, settings: { ...matrix.settings, numClasses: 20 } },
      { ...matrix, settings: { ...matrix.settings, splitPredictedIgnore: false } },
      { ...matrix, settings: { ...matrix.settings, instances: { minInstanceId: 2000 } } },
      {
        ...matrix,
        settings: {
          ...matrix.settings,
          labelMapping: {
            table: LABEL_ID_TABLE.map(([r, m]) => [r, r === 7 ? 1 : m]),
            reduceZeroLabel: false,
            applyTo: 'both',
            unmapped: 'invalid',
          },
        },
      },
    ];
    for (const m of bad) {
      expect(() => cityscapesScores(m)).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_OPTION }) as SegmetricsError,
      );
    }
  });

  it('refuses instance ids whose label has no instances or is not a label', () => {
    for (const id of [7001, 40000]) {
      const matrix = workedExample();
      const bad = {
        ...matrix,
        imageStats: [{ sampleId: 'x', instances: [{ id, pixels: 1, predictions: [[7, 1]] as const }] }],
      };
      expect(() => cityscapesScores(bad)).toThrow(
        expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }) as SegmetricsError,
      );
    }
  });

  it('skips instances of ignored labels (caravan) and ids up to 1000', () => {
    const matrix = workedExample();
    const extra = {
      ...matrix,
      imageStats: [
        {
          sampleId: 'a',
          instances: [
            { id: 1000, pixels: 5, predictions: [[7, 5]] as const },
            ...(matrix.imageStats[0]!.instances ?? []),
            { id: 29000, pixels: 3, predictions: [[7, 3]] as const },
          ],
        },
      ],
    };
    expect(cityscapesScores(extra)).toEqual(cityscapesScores(matrix));
  });
});
