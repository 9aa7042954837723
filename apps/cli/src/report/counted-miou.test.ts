import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { countedMIoU } from './counted-miou.js';

describe('countedMIoU', () => {
  it('equals evaluate()’s per-image mIoU under the default conventions, NaN when no class is present', () => {
    const matrix = new ConfusionMatrix({ numClasses: 4, ignoreIndex: [255], perImage: true });
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let image = 0; image < 40; image++) {
      const n = 30;
      const classes = 1 + (image % 4);
      const gt = Uint8Array.from({ length: n }, () =>
        random() < 0.1 ? 255 : Math.floor(random() * classes),
      );
      const pred = Uint8Array.from({ length: n }, (_, i) =>
        random() < 0.3 ? Math.floor(random() * 4) : gt[i]!,
      );
      matrix.update(pred, gt, { sampleId: `img${String(image).padStart(2, '0')}` });
    }
    matrix.update(new Uint8Array(4), new Uint8Array(4).fill(255), { sampleId: 'zz-all-ignored' });
    const report = evaluate(matrix, { perImage: true });
    const stats = matrix.imageStats;
    expect(report.perImage!.length).toBe(stats.length);
    report.perImage!.forEach((image, i) => {
      expect(stats[i]!.sampleId).toBe(image.sampleId);
      if (Number.isNaN(image.mIoU)) expect(countedMIoU(stats[i]!)).toBeNaN();
      else expect(countedMIoU(stats[i]!)).toBeCloseTo(image.mIoU, 12);
    });
    expect(countedMIoU(stats.at(-1)!)).toBeNaN();
  });
});
