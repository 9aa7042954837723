/**
 * The Cityscapes scores on core's real ConfusionMatrix (state v2): the same numbers as the pixel-by-pixel
 * reference, and bit-identical across shards, merge orders and a JSON round trip.
 */
import { ConfusionMatrix, type ConfusionMatrixOptions } from '@segmetrics/core';
import { type CityscapesScene, cityscapesScene, referenceCityscapes } from '@segmetrics/test-utils';
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
};

const SCENES: [string, CityscapesScene][] = [1, 2, 3, 4, 5, 6, 7].map((seed) => [
  `city_${String(seed).padStart(6, '0')}_000019`,
  cityscapesScene(seed, { absent: [12], ...(seed === 3 ? { predictedOnly: [31] } : {}) }),
]);

function count(scenes: readonly (readonly [string, CityscapesScene])[]): ConfusionMatrix {
  const matrix = new ConfusionMatrix(OPTIONS);
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

  it('reads what the test stand-in for core state v2 holds', () => {
    const { complete: _c, confMatrix, priors, ...fromCore } = cityscapesResult(count(SCENES));
    const {
      complete: _d,
      confMatrix: fullMatrix,
      priors: fullPriors,
      ...fromStandIn
    } = cityscapesResult(cityscapesMatrixOf(SCENES));
    expect(fromCore).toEqual(fromStandIn);
    for (const [id, row] of confMatrix.entries())
      if (!row.includes(null)) expect(row).toEqual(fullMatrix[id]);
    for (const [name, prior] of Object.entries(priors))
      if (prior !== null) expect(prior).toBe(fullPriors[name]);
  });

  it('gives bit-identical numbers from shards merged in any order and from a saved state', () => {
    const whole = cityscapesScores(count(SCENES));
    const shards = [SCENES.slice(4), SCENES.slice(0, 2), SCENES.slice(2, 4).reverse()].map(count);
    const merged = shards[0]!.clone().merge(shards[1]!).merge(shards[2]!);
    const mergedOtherWay = shards[2]!.clone().merge(shards[0]!).merge(shards[1]!);
    expect(cityscapesScores(merged)).toEqual(whole);
    expect(cityscapesScores(mergedOtherWay)).toEqual(whole);
    const reloaded = ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(merged.toJSON())));
    expect(cityscapesScores(reloaded)).toEqual(whole);
  });
});
