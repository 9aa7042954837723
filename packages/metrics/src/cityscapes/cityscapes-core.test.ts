/**
 * The Cityscapes scores on core's real ConfusionMatrix (state v2): the same numbers as the pixel-by-pixel
 * reference, and bit-identical across shards, merge orders and a JSON round trip.
 */
import { ConfusionMatrix, type ConfusionMatrixOptions } from '@segmetrics/core';
import {
  type CityscapesScene,
  cityscapesScene,
  loadCityscapesFixture,
  referenceCityscapes,
} from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { cityscapesMatrixOf } from '../../test/cityscapes-matrix-of.js';
import { cityscapesLabelIdToTrainId } from './cityscapes-labels.js';
import { CITYSCAPES_MIN_INSTANCE_ID } from './cityscapes-matrix.js';
import { cityscapesResult } from './cityscapes-result.js';
import { cityscapesLabelScores, cityscapesScores } from './cityscapes-scores.js';

const OPTIONS: ConfusionMatrixOptions = {
  numClasses: 19,
  ignoreIndex: 255,
  perImage: true,
  labelMapping: { table: cityscapesLabelIdToTrainId, unmapped: 'invalid' },
  instances: { minInstanceId: CITYSCAPES_MIN_INSTANCE_ID },
  splitPredictedIgnore: true,
  splitIgnoredGroundTruth: true,
};

const SCENES: [string, CityscapesScene][] = [1, 2, 3, 4, 5, 6, 7].map((seed) => [
  `city_${String(seed).padStart(6, '0')}_000019`,
  cityscapesScene(seed, { absent: [12], ...(seed === 3 ? { predictedOnly: [31] } : {}) }),
]);

function count(
  scenes: readonly (readonly [string, CityscapesScene])[],
  options: ConfusionMatrixOptions = OPTIONS,
): ConfusionMatrix {
  const matrix = new ConfusionMatrix(options);
  for (const [sampleId, scene] of scenes) {
    matrix.update(scene.prediction, scene.labelIds, {
      sampleId,
      width: scene.width,
      height: scene.height,
      instances: scene.instanceIds,
    });
  }
  return matrix;
}

describe('cityscapesScores on a core ConfusionMatrix', () => {
  it('equals the pixel-by-pixel reference, bit for bit', () => {
    const reference = referenceCityscapes(SCENES.map(([, scene]) => scene));
    const scores = cityscapesLabelScores(count(SCENES));
    expect(Object.fromEntries(scores.classScores)).toEqual(reference.classScores);
    expect(Object.fromEntries(scores.classInstScores)).toEqual(reference.classInstScores);
    expect(Object.fromEntries(scores.categoryScores)).toEqual(reference.categoryScores);
    expect(Object.fromEntries(scores.categoryInstScores)).toEqual(reference.categoryInstScores);
    const summary = cityscapesScores(count(SCENES)).summary;
    expect(summary.iIoU).toBe(reference.averageScoreInstClasses);
    expect(summary.categoryIIoU).toBe(reference.averageScoreInstCategories);
  });

  it('gives the result of the naive stand-in, confusion matrix and priors included (complete)', () => {
    const fromCore = cityscapesResult(count(SCENES));
    expect(fromCore.complete).toBe(true);
    expect(fromCore).toEqual(cityscapesResult(cityscapesMatrixOf(SCENES)));
  });

  it("reproduces cityscapesScripts' result on the shared fixture key by key, with no null row", () => {
    const fixture = loadCityscapesFixture();
    const { complete, ...result } = cityscapesResult(count(fixture.scenes));
    expect(complete).toBe(true);
    expect(result.confMatrix.flat().includes(null)).toBe(false);
    expect(Object.values(result.priors).includes(null)).toBe(false);
    const json = JSON.parse(JSON.stringify(result, (_, v) => (Number.isNaN(v) ? null : v))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json).sort()).toEqual(Object.keys(fixture.expected).sort());
    for (const key of Object.keys(fixture.expected)) expect(json[key], key).toEqual(fixture.expected[key]);
  });

  it('leaves the ignored rows null (complete: false) for a matrix counted without splitIgnoredGroundTruth', () => {
    const full = cityscapesResult(count(SCENES));
    const old = cityscapesResult(count(SCENES, { ...OPTIONS, splitIgnoredGroundTruth: false }));
    expect(old.complete).toBe(false);
    expect(old.confMatrix[0]).toEqual(Array(34).fill(null)); // unlabeled
    expect(old.confMatrix[7]).toEqual(full.confMatrix[7]); // road
    expect(old.classScores).toEqual(full.classScores);
    expect(old.averageScoreInstCategories).toBe(full.averageScoreInstCategories);
  });

  it('gives bit-identical numbers from shards merged in any order and from a saved state', () => {
    const whole = cityscapesScores(count(SCENES));
    const shards = [SCENES.slice(4), SCENES.slice(0, 2), SCENES.slice(2, 4).reverse()].map((scenes) =>
      count(scenes),
    );
    const merged = shards[0]!.clone().merge(shards[1]!).merge(shards[2]!);
    const mergedOtherWay = shards[2]!.clone().merge(shards[0]!).merge(shards[1]!);
    expect(cityscapesScores(merged)).toEqual(whole);
    expect(cityscapesScores(mergedOtherWay)).toEqual(whole);
    const reloaded = ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(merged.toJSON())));
    expect(cityscapesScores(reloaded)).toEqual(whole);
    expect(cityscapesResult(reloaded)).toEqual(cityscapesResult(count(SCENES)));
  });
});
