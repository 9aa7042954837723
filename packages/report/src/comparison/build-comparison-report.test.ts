import { describe, expect, it } from 'vitest';
import { sampleComparison } from '../../test/sample-comparison.js';
import { formatPercent } from '../format-percent.js';
import { buildComparisonReport } from './build-comparison-report.js';
import { comparisonSummaryRows, formatDelta } from './comparison-rows.js';
import { comparisonToJson } from './comparison-to-json.js';
import { comparisonToMarkdown } from './comparison-to-markdown.js';

const run = { toolVersion: '9.9.9' };

describe('buildComparisonReport', () => {
  it('lists mBoundaryIoU after the selected summary values when both runs counted Boundary IoU', () => {
    const comparison = sampleComparison({
      images: 12,
      errorA: 0.2,
      errorB: 0.1,
      samples: 40,
      boundary: true,
    });
    const report = buildComparisonReport({ comparison, run });
    const rows = comparisonSummaryRows(report);
    expect(rows.map((r) => r.id)).toEqual(['mIoU', 'mDice', 'mAcc', 'aAcc', 'fwIoU', 'mBoundaryIoU']);
    const boundary = rows.at(-1)!;
    expect(boundary.delta).toBe(formatDelta(comparison.delta.mBoundaryIoU!.estimate));
    expect(boundary.a).toBe(formatPercent(comparison.a.summary.mBoundaryIoU!));
    expect(boundary.aInterval).not.toBe('—');
    expect(comparisonToMarkdown(report)).toContain('| mBoundaryIoU |');
    const plain = buildComparisonReport({
      comparison: sampleComparison({ images: 12, errorA: 0.2, errorB: 0.1, samples: 40 }),
      run,
    });
    expect(comparisonSummaryRows(plain).map((r) => r.id)).not.toContain('mBoundaryIoU');
  });

  it('copies every number of compareMatrices, with both IoUs per class', () => {
    const comparison = sampleComparison({ images: 40, errorA: 0.2, errorB: 0.1 });
    const report = buildComparisonReport({ comparison, sources: { a: 'runs/a', b: 'runs/b' }, run });
    expect(report).toMatchObject({
      schemaVersion: 1,
      kind: 'comparison',
      numClasses: 4,
      images: 40,
      level: 0.95,
      samples: 200,
      seed: 0,
      version: '9.9.9',
    });
    expect(report.delta).toBe(comparison.delta);
    expect(report.a).toEqual({
      label: 'A',
      source: 'runs/a',
      summary: comparison.a.summary,
      confidence: comparison.a.confidence,
    });
    report.perClass.forEach((row, k) => {
      expect(row.a).toBe(comparison.a.perClass[k]!.iou);
      expect(row.b).toBe(comparison.b.perClass[k]!.iou);
      expect(row.delta).toBe(comparison.perClass[k]!.delta);
      expect(row.pHolm).toBe(comparison.perClass[k]!.pHolm);
    });
    expect(report.losses).toEqual(comparison.losses);
    expect(report.gains).toEqual(comparison.gains);
    expect(report.perImage).toEqual(comparison.perImage);
    expect(report.settings.metricsVersion).toBe(comparison.a.version);
  });

  it('says B is better when both tests agree, and prints NaN as null in JSON', () => {
    const report = buildComparisonReport({
      comparison: sampleComparison({ images: 40, errorA: 0.3, errorB: 0.05 }),
      run,
    });
    expect(report.verdict.outcome).toBe('better');
    expect(report.verdict.text).toMatch(
      /^B is better by \d+\.\d\d mIoU points \(95% CI \d+\.\d\d to \d+\.\d\d, p = 0\.005, 40 images\)$/,
    );
    const json = JSON.parse(comparisonToJson(report));
    expect(json.perClass[3]).toMatchObject({
      name: 'train',
      a: null,
      b: null,
      delta: null,
      ci: null,
      pValue: null,
    });
    expect(json.a.source).toBeNull();
  });

  it('renders Markdown with the verdict, the summary and per-class tables and escaped names', () => {
    const report = buildComparisonReport({
      comparison: sampleComparison({
        images: 20,
        errorA: 0.2,
        errorB: 0.2,
        classNames: ['a|b', 'car', 'sky', 'x'],
      }),
      run,
    });
    const markdown = comparisonToMarkdown(report);
    expect(markdown).toContain(`**${report.verdict.text}**`);
    expect(markdown).toMatch(/^\| mIoU \| \d+\.\d\d \|/m);
    expect(markdown).toContain('| 0 | a\\|b |');
    expect(markdown).toContain('p (Holm)');
  });
});
