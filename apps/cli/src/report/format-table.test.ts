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
