import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { listBoundaryFixtures, loadBoundaryFixture } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { boundaryIoU } from './boundary-iou.js';
import { evaluate } from './evaluate.js';

const N = Number.NaN;

/** The shared fixture counted into a matrix with per-image statistics. */
function fixtureMatrix(name: string) {
  const { pairs, expected } = loadBoundaryFixture(name);
  const matrix = new ConfusionMatrix({
    numClasses: expected.numClasses,
    ignoreIndex: expected.ignoreIndex,
    perImage: true,
    boundary: { dilationRatio: expected.dilationRatio },
  });
  for (const p of pairs) {
    matrix.update(p.pred, p.gt, { width: p.width, height: p.height, sampleId: p.sampleId });
  }
  return { matrix, expected };
}

/** A 6 × 6 map: class 0 on the left `split` columns, class 1 on the right (255: ignored). */
function halves(split: number, overrides: Record<number, number> = {}): Uint8Array {
  const map = Uint8Array.from({ length: 36 }, (_, i) => (i % 6 < split ? 0 : 1));
  for (const [i, v] of Object.entries(overrides)) map[Number(i)] = v;
  return map;
}

describe('boundaryIoU', () => {
  it('is tp / (support + predicted − tp) per class, 0/0 the zeroDivision value (NaN by default)', () => {
    const counts = {
      tp: Float64Array.of(3, 0, 0),
      support: Float64Array.of(4, 2, 0),
      predicted: Float64Array.of(5, 0, 0),
    };
    expect(Array.from(boundaryIoU(counts))).toEqual([0.5, 0, N]);
    expect(Array.from(boundaryIoU(counts, { zeroDivision: 1 }))).toEqual([0.5, 0, 1]);
  });

  for (const name of listBoundaryFixtures()) {
    it(`reproduces the reference implementation's intersections, unions and values on fixture ${name}`, () => {
      const { matrix, expected } = fixtureMatrix(name);
      const counts = matrix.boundaryCounts!;
      expect(Array.from(counts.tp)).toEqual(expected.boundaryIntersection);
      expect(Array.from(counts.support, (s, k) => s + counts.predicted[k]! - counts.tp[k]!)).toEqual(
        expected.boundaryUnion,
      );
      expect(Array.from(boundaryIoU(counts), (v) => (Number.isNaN(v) ? null : v))).toEqual(
        expected.boundaryIoU,
      );
      const report = evaluate(matrix);
      expect(report.perClass.map((c) => (Number.isNaN(c.boundaryIoU!) ? null : c.boundaryIoU))).toEqual(
        expected.boundaryIoU,
      );
      expect(report.summary.mBoundaryIoU).toBeCloseTo(expected.mBoundaryIoU, 15);
      expect(report.summary.mIoU).toBeCloseTo(expected.mIoU, 15);
    });
  }
});

describe('evaluate with boundary counts', () => {
  it('adds no boundary field when the matrix does not count boundaries', () => {
    const matrix = new ConfusionMatrix({ numClasses: 2, perImage: true }).update([0, 1], [0, 1]);
    const report = evaluate(matrix);
    expect('mBoundaryIoU' in report.summary).toBe(false);
    expect(report.perClass.some((c) => 'boundaryIoU' in c)).toBe(false);
    expect(report.perImage!.some((c) => 'mBoundaryIoU' in c)).toBe(false);
  });

  it('treats a class with a boundary union of 0 as absent under the absent policy', () => {
    // class 2 is nowhere: NaN and skipped by default, 0 and counted under absent: 'zero'
    const matrix = new ConfusionMatrix({ numClasses: 3, boundary: { dilationRatio: 0.1 } });
    matrix.update(halves(3), halves(3), { width: 6, height: 6 });
    const report = evaluate(matrix);
    expect(report.perClass.map((c) => c.boundaryIoU)).toEqual([1, 1, N]);
    expect(report.summary.mBoundaryIoU).toBe(1);
    const zero = evaluate(matrix, { absent: 'zero' });
    expect(zero.perClass.map((c) => c.boundaryIoU)).toEqual([1, 1, 0]);
    expect(zero.summary.mBoundaryIoU).toBeCloseTo(2 / 3, 15);
  });

  it('scores a predicted-only class 0, or skips it under predictedOnly: skip', () => {
    // class 2 predicted on one pixel, in no ground truth
    const matrix = new ConfusionMatrix({ numClasses: 3, boundary: { dilationRatio: 0.1 } });
    matrix.update(halves(3, { 0: 2 }), halves(3), { width: 6, height: 6 });
    const report = evaluate(matrix);
    expect(report.perClass[2]!.boundaryIoU).toBe(0);
    expect(Number.isNaN(evaluate(matrix, { predictedOnly: 'skip' }).perClass[2]!.boundaryIoU!)).toBe(true);
  });

  it('sums intersections and unions over the dataset, or averages per-image values under image aggregation', () => {
    // d = max(1, round(0.1 · √72)) = 1 on both 6 × 6 images
    const matrix = new ConfusionMatrix({ numClasses: 2, perImage: true, boundary: { dilationRatio: 0.1 } });
    matrix.update(halves(2), halves(3), { width: 6, height: 6, sampleId: 'a' });
    matrix.update(halves(3), halves(3), { width: 6, height: 6, sampleId: 'b' });
    const [a, b] = matrix.imageStats.map((s) => boundaryIoU(s.boundary!));
    const total = boundaryIoU(matrix.boundaryCounts!);
    const dataset = evaluate(matrix);
    expect(dataset.perClass.map((c) => c.boundaryIoU)).toEqual(Array.from(total));
    expect(dataset.summary.mBoundaryIoU).toBe((total[0]! + total[1]!) / 2);
    const image = evaluate(matrix, { aggregate: 'image' });
    expect(image.perClass.map((c) => c.boundaryIoU)).toEqual([0, 1].map((k) => (a![k]! + b![k]!) / 2));
    expect(image.perImage!.map((i) => i.mBoundaryIoU)).toEqual([
      (a![0]! + a![1]!) / 2,
      (b![0]! + b![1]!) / 2,
    ]);
    expect(b).toEqual(Float64Array.of(1, 1));
    expect(a![0]).toBeLessThan(1);
  });

  it('follows the averaging: none gives NaN, micro pools the boundary counts, excluded classes are left out', () => {
    const matrix = new ConfusionMatrix({ numClasses: 2, boundary: { dilationRatio: 0.1 } });
    matrix.update(halves(2), halves(3), { width: 6, height: 6 });
    const counts = matrix.boundaryCounts!;
    expect(Number.isNaN(evaluate(matrix, { average: 'none' }).summary.mBoundaryIoU!)).toBe(true);
    const union = (k: number) => counts.support[k]! + counts.predicted[k]! - counts.tp[k]!;
    expect(evaluate(matrix, { average: 'micro' }).summary.mBoundaryIoU).toBe(
      (counts.tp[0]! + counts.tp[1]!) / (union(0) + union(1)),
    );
    expect(evaluate(matrix, { excludeClasses: [0] }).summary.mBoundaryIoU).toBe(counts.tp[1]! / union(1));
  });

  it('gives the same report after a JSON round trip of the matrix', () => {
    const { matrix } = fixtureMatrix(listBoundaryFixtures()[0]!);
    const back = ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(matrix)));
    expect(JSON.stringify(evaluate(back, { aggregate: 'image' }))).toBe(
      JSON.stringify(evaluate(matrix, { aggregate: 'image' })),
    );
  });

  it('still refuses image aggregation without per-image statistics', () => {
    const matrix = new ConfusionMatrix({ numClasses: 2, boundary: { dilationRatio: 0.1 } });
    expect(() => evaluate(matrix, { aggregate: 'image' })).toThrow(
      expect.objectContaining({ code: ErrorCode.PER_IMAGE_DISABLED }),
    );
  });
});
