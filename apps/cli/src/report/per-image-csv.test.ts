import type { ImageStats } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { formatPerImageCsv, perImageRows } from './per-image-csv.js';

function stats(
  sampleId: string,
  tp: number[],
  support: number[],
  predicted: number[],
  ignored = 0,
): ImageStats {
  return {
    sampleId,
    tp: Float64Array.from(tp),
    support: Float64Array.from(support),
    predicted: Float64Array.from(predicted),
    ignored,
  };
}

describe('perImageRows', () => {
  // Image a: gt [0,0,1,1], pred [0,0,1,0] → IoU 2/3 and 1/2; image b: perfect class 0 only.
  const images = [stats('a', [2, 1], [2, 2], [3, 1], 4), stats('b', [4, 0], [4, 0], [4, 0])];

  it('averages the classes present in each image, skipping absent ones under nan', () => {
    const rows = perImageRows(images, ['bg', 'fg'], 'nan', []);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows[0]!.mIoU).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(rows[0]!.worstClass).toBe('fg');
    expect(rows[0]!.pixelAccuracy).toBe(3 / 4);
    expect(rows[0]!.ignored).toBe(4);
    expect(rows[1]!.mIoU).toBe(1);
    expect(rows[1]!.classes).toBe(1);
  });

  it('counts absent classes with the absent policy value and sorts worst first', () => {
    const rows = perImageRows(images, ['bg', 'fg'], 'zero', []);
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(rows[0]!.mIoU).toBe(0.5);
  });

  it('leaves excluded classes out of the mean', () => {
    const rows = perImageRows(images, ['bg', 'fg'], 'nan', [1]);
    expect(rows.find((r) => r.id === 'a')!.mIoU).toBeCloseTo(2 / 3, 12);
  });

  it('puts images without any defined IoU last', () => {
    const rows = perImageRows(
      [stats('empty', [0, 0], [0, 0], [0, 0], 4), ...images],
      ['bg', 'fg'],
      'nan',
      [],
    );
    expect(rows.at(-1)!.id).toBe('empty');
    expect(Number.isNaN(rows.at(-1)!.mIoU)).toBe(true);
  });
});

describe('formatPerImageCsv', () => {
  it('writes a header, a rank per row and empty cells for NaN', () => {
    const rows = perImageRows([stats('x,1', [0], [0], [0])], ['bg'], 'nan', []);
    expect(formatPerImageCsv(rows)).toBe(
      'rank,id,mIoU,pixelAccuracy,counted,ignored,classes,worstClass,worstIoU\n1,"x,1",,,0,0,0,,\n',
    );
  });
});
