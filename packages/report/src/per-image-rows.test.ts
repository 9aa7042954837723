import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { perImageRows, perImageToCsv } from './per-image-rows.js';

// Image a: gt [0,0,1,1], pred [0,0,1,0] → IoU 2/3 and 1/2, 4 ignored pixels (label 9);
// image b: perfect class 0 only.
function matrix(): ConfusionMatrix {
  const m = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 9, perImage: true });
  m.update([0, 0, 1, 0, 1, 1, 1, 1], [0, 0, 1, 1, 9, 9, 9, 9], { sampleId: 'a' });
  m.update([0, 0, 0, 0], [0, 0, 0, 0], { sampleId: 'b' });
  return m;
}
const names = ['bg', 'fg'];

describe('perImageRows', () => {
  it("copies evaluate's per-image numbers, worst image first, with the image's classes lowest IoU first", () => {
    const evaluation = evaluate(matrix(), { classNames: names });
    const rows = perImageRows(evaluation);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    const a = rows[0]!;
    const image = evaluation.perImage!.find((p) => p.sampleId === 'a')!;
    expect(a.mIoU).toBe(image.mIoU);
    expect(a.mIoU).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(a.pixelAccuracy).toBe(3 / 4);
    expect(a.counted).toBe(4);
    expect(a.ignored).toBe(4);
    expect(a.classes).toBe(2);
    expect(a.classIoU).toEqual([
      { id: 1, name: 'fg', iou: 0.5 },
      { id: 0, name: 'bg', iou: 2 / 3 },
    ]);
    expect(rows[1]!.mIoU).toBe(1);
    expect(rows[1]!.classes).toBe(1);
  });

  it('follows the absent policy of the evaluation (absent classes counted as 0 reorder the images)', () => {
    const rows = perImageRows(evaluate(matrix(), { absent: 'zero' }));
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(rows[0]!.mIoU).toBe(0.5);
  });

  it('leaves excluded classes out of the mean and of the class list', () => {
    const rows = perImageRows(evaluate(matrix(), { excludeClasses: [1] }));
    const a = rows.find((r) => r.id === 'a')!;
    expect(a.mIoU).toBeCloseTo(2 / 3, 12);
    expect(a.classIoU.map((c) => c.id)).toEqual([0]);
  });

  it('puts images without any defined IoU last, and keeps only the first `limit` rows', () => {
    const m = matrix();
    m.update([1, 1], [9, 9], { sampleId: '0-all-ignored' });
    const rows = perImageRows(evaluate(m));
    expect(rows.at(-1)!.id).toBe('0-all-ignored');
    expect(Number.isNaN(rows.at(-1)!.mIoU)).toBe(true);
    expect(perImageRows(evaluate(m), 1).map((r) => r.id)).toEqual(['a']);
  });

  it('gives the first rows of the full list from an evaluation of the worst images only', () => {
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 9, perImage: true });
    // Without sample ids: rows are `#i` by canonical index, which the selection must keep.
    const images: [number[], number[]][] = [
      [
        [0, 0, 1, 1],
        [0, 0, 1, 1],
      ],
      [
        [0, 1, 1, 1],
        [0, 0, 1, 1],
      ],
      [
        [2, 2, 2, 2],
        [0, 1, 2, 2],
      ],
      [
        [1, 1, 9, 9],
        [9, 9, 9, 9],
      ],
      [
        [0, 2, 1, 1],
        [0, 0, 1, 2],
      ],
      [
        [0, 1, 1, 1],
        [0, 0, 1, 1],
      ],
    ];
    for (const [pred, gt] of images) m.update(pred, gt);
    const full = perImageRows(evaluate(m, { classNames: ['a', 'b', 'c'] }));
    for (const worst of [0, 1, 3, 6, 10]) {
      const selected = evaluate(m, { classNames: ['a', 'b', 'c'], perImage: { worst } });
      expect(perImageRows(selected)).toEqual(full.slice(0, worst));
      expect(perImageRows(selected, 2)).toEqual(full.slice(0, Math.min(2, worst)));
    }
    expect(full.map((r) => r.id)).toEqual(['#2', '#4', '#1', '#5', '#0', '#3']);
  });

  it('is empty when the evaluation has no per-image results', () => {
    expect(perImageRows(evaluate(matrix(), { perImage: false }))).toEqual([]);
  });
});

describe('perImageToCsv', () => {
  it('writes a header, a rank per row, the worst class, and empty cells for NaN', () => {
    const m = new ConfusionMatrix({ numClasses: 1, ignoreIndex: 9, perImage: true });
    m.update([0], [9], { sampleId: 'x,1' });
    expect(perImageToCsv(perImageRows(evaluate(m, { classNames: ['bg'] })))).toBe(
      'rank,id,mIoU,pixelAccuracy,counted,ignored,classes,worstClass,worstIoU\n1,"x,1",,,0,1,0,,\n',
    );
    const csv = perImageToCsv(perImageRows(evaluate(matrix(), { classNames: names })));
    expect(csv.split('\n')[1]).toBe(`1,a,${(2 / 3 + 1 / 2) / 2},0.75,4,4,2,fg,0.5`);
  });

  it('keeps file names that look like spreadsheet formulas as text', () => {
    const m = new ConfusionMatrix({ numClasses: 1, perImage: true });
    m.update([0], [0], { sampleId: '=HYPERLINK("http://x")' });
    m.update([0], [0], { sampleId: '+1' });
    m.update([0], [0], { sampleId: '@cmd' });
    m.update([0], [0], { sampleId: '-2' });
    const ids = perImageToCsv(perImageRows(evaluate(m)))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').slice(1, -7).join(','));
    expect(ids).toEqual(["'+1", "'-2", '"\'=HYPERLINK(""http://x"")"', "'@cmd"]);
  });
});
