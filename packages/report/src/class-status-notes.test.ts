import { ConfusionMatrix } from '@segmetrics/core';
import { type EvaluateOptions, evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { absentClassesNote, formatClassRatio, predictedOnlyNote } from './class-status-notes.js';

/** 5 classes over two images: 0–2 present, 3 only predicted, 4 absent everywhere. */
function report(options: EvaluateOptions = {}) {
  const m = new ConfusionMatrix({ numClasses: 5, ignoreIndex: 255, perImage: true });
  m.update([0, 1, 2, 3], [0, 1, 2, 2], { sampleId: 'a' });
  m.update([0, 0, 1, 1], [0, 1, 1, 1], { sampleId: 'b' });
  return buildReport({ evaluation: evaluate(m, options), matrix: m, run: { toolVersion: '2.0.0' } });
}

describe('absentClassesNote and predictedOnlyNote', () => {
  it('say what the values are and whether the means count them, by default', () => {
    const r = report();
    expect(r.absentClasses).toEqual([4]);
    expect(r.predictedOnlyClasses).toEqual([3]);
    expect(absentClassesNote(r)).toBe('IoU —, left out of the means');
    expect(predictedOnlyNote(r)).toBe('IoU 0.00, counted in the means');
  });

  it('follow the choices and the presets as they acted', () => {
    expect(predictedOnlyNote(report({ predictedOnly: 'skip' }))).toBe('IoU —, left out of the means');
    expect(predictedOnlyNote(report({ preset: 'detectron2' }))).toBe('IoU —, left out of the means');
    expect(absentClassesNote(report({ absent: 'zero' }))).toBe('IoU 0.00, counted in the means');
    // scikit-learn's labels=None: an absent class is not a label, whatever the zero_division value.
    expect(absentClassesNote(report({ preset: 'sklearn' }))).toBe('IoU —, left out of the means');
    // MONAI mean_batch: a class mean over no image is 0, and counted.
    const monai = report({ preset: 'monai', presetOptions: { reduction: 'mean_batch' } });
    expect(absentClassesNote(monai)).toBe('IoU 0.00, counted in the means');
    const meanIoU = report({ preset: 'torchmetrics-meaniou' });
    // Pooled over (image, class) pairs: the mean is not a mean of the per-class column.
    expect(absentClassesNote(meanIoU)).toBe(
      "shown as −1 (the preset's value for a class never present, not an IoU)",
    );
    // Class 0 never present and left out by include_background=false.
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true });
    m.update([1, 2, 2, 1], [1, 2, 1, 1], { sampleId: 'a' });
    const noBackground = buildReport({
      evaluation: evaluate(m, {
        preset: 'torchmetrics-meaniou',
        presetOptions: { include_background: false },
      }),
      matrix: m,
      run: { toolVersion: '2.0.0' },
    });
    expect(absentClassesNote(noBackground)).toBe(
      "shown as −1 (the preset's value for a class never present, not an IoU), excluded from the means",
    );
    // MONAI's default reduction averages per image: the per-class 0 is not what the mean counts.
    expect(absentClassesNote(report({ preset: 'monai' }))).not.toContain('means');
    // torchmetrics JaccardIndex shows 0 for a class never present and leaves it out of the macro mean.
    expect(absentClassesNote(report({ preset: 'torchmetrics-jaccard' }))).toBe(
      "shown as 0.00 (the preset's value for a class never present, not an IoU), left out of the means",
    );
    expect(formatClassRatio(meanIoU, 4, meanIoU.perClass[4]!.iou)).toBe('−1');
    expect(formatClassRatio(meanIoU, 0, meanIoU.perClass[0]!.iou)).toBe(
      (meanIoU.perClass[0]!.iou * 100).toFixed(2),
    );
    expect(predictedOnlyNote(report({ average: 'micro' }))).toBe('IoU 0.00');
    expect(predictedOnlyNote(report({ excludeClasses: [3] }))).toBe('IoU 0.00, excluded from the means');
  });
});

describe('the HTML IoU chart', () => {
  it('draws no bar for the −1 sentinel and says what a bar without a value is', async () => {
    const { renderHtmlReport } = await import('./html/render-html-report.js');
    const html = renderHtmlReport({ report: report({ preset: 'torchmetrics-meaniou' }) });
    const bar = (id: number) => {
      const at = html.indexOf(`<li class="bar-row" data-id="${id}"`);
      return html.slice(at, html.indexOf('</li>', at));
    };
    expect(bar(4)).not.toContain('bar-fill');
    expect(bar(4)).toContain('<span class="bar-val">−1</span>');
    expect(bar(3)).toContain('<span class="bar-val">0.00</span>');
    expect(bar(3)).not.toContain('absent');
    const skipped = renderHtmlReport({ report: report({ predictedOnly: 'skip' }) });
    const at = skipped.indexOf('<li class="bar-row" data-id="3"');
    expect(skipped.slice(at, skipped.indexOf('</li>', at))).toContain('<span class="bar-val">skipped</span>');
  });
});
