import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { buildReport } from '@segmetrics/report';
import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

function report(confidence: boolean) {
  const matrix = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255, perImage: true });
  matrix.update([0, 0, 1, 1], [0, 1, 1, 1], { sampleId: 'a' });
  matrix.update([0, 1, 1, 0], [0, 1, 1, 0], { sampleId: 'b' });
  matrix.update([1, 1, 1, 0], [0, 1, 1, 0], { sampleId: 'c' });
  const evaluation = evaluate(matrix, confidence ? { confidence: { samples: 40 } } : {});
  return { evaluation, report: buildReport({ evaluation, matrix, run: { toolVersion: '0.0.0' } }) };
}

describe('formatTable', () => {
  it('prints each summary value with its bootstrap interval when the report has them', () => {
    const { evaluation, report: withCi } = report(true);
    const [low, high] = evaluation.confidence!.summary.mIoU!;
    const text = formatTable(withCi, { color: false });
    expect(text).toContain(
      `mIoU ${(evaluation.summary.mIoU * 100).toFixed(2)} [${(low * 100).toFixed(1)}, ${(high * 100).toFixed(1)}]`,
    );
    expect(text).toContain('95% bootstrap intervals over images (40 resamples, seed 0');
    expect(formatTable(report(false).report, { color: false })).not.toContain('bootstrap');
  });
});

describe('formatTable pixel accounting', () => {
  // One 8-pixel image: class_0 has 4 pixels, one predicted as class_1 and one as 255. Keras drops the
  // 255 (keras/src/metrics/iou_metrics.py: predictions outside [0, num_classes) are discarded).
  function table(preset: 'keras' | 'mmseg') {
    const matrix = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
    matrix.update([0, 0, 1, 255, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 2, 2]);
    const evaluation = evaluate(matrix, { preset, classNames: ['class_0', 'class_1', 'class_2'] });
    return formatTable(buildReport({ evaluation, matrix, run: { toolVersion: '0.0.0' } }), { color: false });
  }

  it('says which pixels a convention dropped, so that counted + ignored + dropped is every pixel', () => {
    const text = table('keras');
    expect(text).toContain('segmetrics · 1 image · 3 classes · 7 pixels counted · 0 ignored · 1 dropped\n');
    expect(text).toContain(
      'Dropped (predicted as an ignore label; not counted under the keras convention, so neither misses nor in any support): 1 pixel\n',
    );
    expect(text).not.toContain('(misses)');
    expect(text).toContain('class_0 → class_1: 1 px (33.33% of class_0)');
  });

  it('calls pixels predicted as an ignore label misses where the convention counts them', () => {
    const text = table('mmseg');
    expect(text).toContain('segmetrics · 1 image · 3 classes · 8 pixels counted · 0 ignored\n');
    expect(text).toContain('Predicted as an ignore label on valid pixels (misses): 1 pixel\n');
    expect(text).not.toContain('Dropped');
    expect(text).toContain('class_0 → class_1: 1 px (25.00% of class_0)');
  });
});
