import { ErrorCode, type SegmetricsError } from '@segmetrics/core';
import { cityscapesScene, loadCityscapesFixture, referenceCityscapes } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { cityscapesMatrixOf } from '../../test/cityscapes-matrix-of.js';
import { cityscapesResult } from './cityscapes-result.js';

/** cityscapesScripts' JSON with its NaN as null, for comparison. */
function nullForNaN(value: unknown): unknown {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (Array.isArray(value)) return value.map(nullForNaN);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullForNaN(v)]));
  }
  return value;
}

describe('cityscapesResult', () => {
  it("reproduces cityscapesScripts' result on the shared fixture, key by key and bit for bit", () => {
    const fixture = loadCityscapesFixture();
    const { complete, ...result } = cityscapesResult(cityscapesMatrixOf(fixture.scenes));
    expect(complete).toBe(true);
    expect(Object.keys(result).sort()).toEqual(Object.keys(fixture.expected).sort());
    for (const key of Object.keys(fixture.expected)) {
      expect(nullForNaN(result[key as keyof typeof result]), key).toEqual(fixture.expected[key]);
    }
  });

  it('matches the pixel-by-pixel reference on generated scenes (confusion matrix and priors too)', () => {
    const scenes = [1, 2, 3].map((seed) => [`s${seed}`, cityscapesScene(seed)] as const);
    const reference = referenceCityscapes(scenes.map(([, scene]) => scene));
    const result = cityscapesResult(cityscapesMatrixOf(scenes));
    expect(result.confMatrix).toEqual(reference.confMatrix);
    expect(result.priors).toEqual(reference.priors);
    expect(result.averageScoreInstClasses).toBe(reference.averageScoreInstClasses);
  });

  it('leaves the rows of ignored ground-truth labels null when the matrix does not keep them', () => {
    const scenes = [1, 2].map((seed) => [`s${seed}`, cityscapesScene(seed)] as const);
    const full = cityscapesResult(cityscapesMatrixOf(scenes));
    const partial = cityscapesResult(cityscapesMatrixOf(scenes, { ignoredRows: false }));
    expect(partial.complete).toBe(false);
    expect(partial.confMatrix[0]).toEqual(Array(34).fill(null)); // unlabeled
    expect(partial.confMatrix[7]).toEqual(full.confMatrix[7]); // road
    expect(partial.priors.unlabeled).toBeNull();
    expect(partial.priors.road).toBe(full.priors.road);
    expect(partial.classScores).toEqual(full.classScores);
    expect(partial.averageScoreInstCategories).toBe(full.averageScoreInstCategories);
  });

  it('refuses counts of prediction values that are not labelIds', () => {
    const matrix = cityscapesMatrixOf([['s', cityscapesScene(1)]]);
    const column = new Float64Array(19);
    column[0] = 3;
    const bad = { ...matrix, predictedIgnoreByValue: new Map([[255, column]]) };
    expect(() => cityscapesResult(bad)).toThrow(
      expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }) as SegmetricsError,
    );
  });
});
