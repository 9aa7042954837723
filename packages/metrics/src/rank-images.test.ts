import { ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../test/helpers.js';
import { evaluate } from './evaluate.js';
import { rankImages } from './rank-images.js';

const perImage = () =>
  evaluate(
    matrixOf({ numClasses: 2, ignoreIndex: 255, perImage: true }, [
      [
        [0, 1],
        [0, 1],
      ], // mIoU 1
      [
        [1, 1],
        [0, 1],
      ], // mIoU 0.25
      [
        [0, 0],
        [255, 255],
      ], // nothing counted: NaN
      [
        [0, 0],
        [0, 1],
      ], // mIoU 0.25
    ]),
  ).perImage ?? [];

describe('rankImages', () => {
  it('puts the worst images first, NaN last, ties in sample-id order', () => {
    expect(rankImages(perImage()).map((i) => i.sampleId)).toEqual([
      'img_001',
      'img_003',
      'img_000',
      'img_002',
    ]);
  });

  it('ranks best first and limits the list on request', () => {
    expect(rankImages(perImage(), { order: 'best-first', limit: 2 }).map((i) => i.sampleId)).toEqual([
      'img_000',
      'img_001',
    ]);
  });

  it('rejects an unknown metric and a bad limit', () => {
    expect(() => rankImages(perImage(), { metric: 'mAP' as never })).toThrow(
      expect.objectContaining({ code: ErrorCode.UNKNOWN_METRIC }),
    );
    expect(() => rankImages(perImage(), { limit: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
  });
});
