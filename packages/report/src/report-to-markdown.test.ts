import { ConfusionMatrix } from '@segmetrics/core';
import { comparePresets, evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { markdownCell, reportToMarkdown } from './report-to-markdown.js';

describe('reportToMarkdown', () => {
  it('prints the summary, a row per class, the libraries and the settings', () => {
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
    m.update([0, 1, 1, 0], [0, 1, 0, 0]);
    const classNames = ['bg', 'a|b', 'c'];
    const report = buildReport({
      evaluation: evaluate(m, { classNames }),
      matrix: m,
      libraries: comparePresets(m, { classNames }),
      run: { toolVersion: '2.0.0' },
    });
    const text = reportToMarkdown(report);
    expect(text).toContain('## segmetrics: 1 image, 3 classes');
    expect(text).toContain(`| ${(report.summary.mIoU * 100).toFixed(2)} |`);
    expect(text).toContain('| 1 | a\\|b |');
    expect(text).toContain('| 2 | c | — |');
    expect(text).toContain('Absent classes: 2 c (IoU —, left out of the means).');
    expect(text).toContain('| `sklearn` |');
    expect(text).toContain(
      'Settings: aggregate dataset · average macro · absent nan · ignore 255; segmetrics 2.0.0.',
    );
  });
});

describe('reportToMarkdown under a convention that drops pixels (Keras)', () => {
  it("gives a confused pair's share of the support the per-class table shows", () => {
    // gt class 0 has 4 pixels: one predicted as 1, one as 255 (dropped by Keras: support 3).
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
    m.update([0, 0, 1, 255, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 2, 2]);
    const report = buildReport({
      evaluation: evaluate(m, { preset: 'keras' }),
      matrix: m,
      run: { toolVersion: '1' },
    });
    const text = reportToMarkdown(report, { metrics: ['iou', 'support'] });
    expect(text).toContain('| 0 | 0 | 66.67 | 3 |');
    expect(text).toContain('| 0 | 1 | 1 | 33.33% |');
  });
});

describe('markdownCell', () => {
  it('escapes pipes, backslashes, HTML brackets and line breaks', () => {
    expect(markdownCell('a|b\\c<d>\ne')).toBe('a\\|b\\\\c&lt;d&gt; e');
  });
});

describe('reportToMarkdown for a Cityscapes run', () => {
  it('adds an iIoU column, the benchmark line and the category table', () => {
    const m = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    m.update([0, 1, 1, 0], [0, 1, 0, 0]);
    const classNames = ['road', 'car'];
    const report = buildReport({
      evaluation: evaluate(m, { classNames }),
      matrix: m,
      cityscapes: {
        perClass: [
          { id: 0, labelId: 7, name: 'road', iou: 2 / 3, iiou: Number.NaN },
          { id: 1, labelId: 26, name: 'car', iou: 0.5, iiou: 0.4 },
        ],
        perCategory: [
          { name: 'flat', iou: 2 / 3, iiou: Number.NaN },
          { name: 'vehicle', iou: 0.5, iiou: 0.45 },
        ],
        summary: { mIoU: 7 / 12, iIoU: 0.4, categoryIoU: 7 / 12, categoryIIoU: 0.45 },
        instances: true,
      },
      run: { toolVersion: '2.0.0' },
    });
    const text = reportToMarkdown(report);
    expect(text).toContain('| iIoU |');
    expect(text).toMatch(/\| 1 \| car \| .* \| 40\.00 \|/);
    expect(text).toContain(
      'Cityscapes benchmark: IoU class 58.33 · iIoU class 40.00 · IoU category 58.33 · iIoU category 45.00',
    );
    expect(text).toContain('| vehicle | 50.00 | 45.00 |');
    expect(text).toContain('| flat | 66.67 | — |');
  });
});
