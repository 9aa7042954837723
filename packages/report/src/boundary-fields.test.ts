import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { renderHtmlReport } from './html/render-html-report.js';
import { perImageRows, perImageToCsv } from './per-image-rows.js';
import { reportToCsv } from './report-to-csv.js';
import { reportToJson } from './report-to-json.js';
import { reportToMarkdown } from './report-to-markdown.js';

/** Two 6 × 6 images, class 0 left and class 1 right, the prediction's border one column off in `a`. */
function boundaryMatrix(boundary: { dilationRatio: number } | null): ConfusionMatrix {
  const halves = (split: number) => Uint8Array.from({ length: 36 }, (_, i) => (i % 6 < split ? 0 : 1));
  const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true, boundary });
  m.update(halves(2), halves(3), { width: 6, height: 6, sampleId: 'a' });
  m.update(halves(3), halves(3), { width: 6, height: 6, sampleId: 'b' });
  return m;
}

function reportOf(boundary: { dilationRatio: number } | null) {
  const matrix = boundaryMatrix(boundary);
  const evaluation = evaluate(matrix, { classNames: ['left', 'right', 'none'] });
  return { evaluation, report: buildReport({ evaluation, matrix, run: { toolVersion: '1.2.3' } }) };
}

describe('buildReport with Boundary IoU', () => {
  it('copies perClass[].boundaryIoU, summary.mBoundaryIoU and settings.boundary from the evaluation', () => {
    const { evaluation, report } = reportOf({ dilationRatio: 0.1 });
    expect(report.perClass.map((row) => row.boundaryIoU)).toEqual(
      evaluation.perClass.map((row) => row.boundaryIoU),
    );
    expect(report.summary.mBoundaryIoU).toBe(evaluation.summary.mBoundaryIoU);
    expect(report.settings.boundary).toEqual({ dilationRatio: 0.1 });
    const json = JSON.parse(reportToJson(report));
    expect(json.settings.boundary).toEqual({ dilationRatio: 0.1 });
    expect(json.perClass[2].boundaryIoU).toBeNull(); // absent: NaN → null
    expect(json.summary.mBoundaryIoU).toBe(evaluation.summary.mBoundaryIoU);
  });

  it('records boundary: null and adds no boundary field when the run did not count boundaries', () => {
    const { report } = reportOf(null);
    expect(report.settings.boundary).toBeNull();
    const json = JSON.parse(reportToJson(report));
    expect(json.summary.mBoundaryIoU).toBeUndefined();
    expect(json.perClass.some((row: object) => 'boundaryIoU' in row)).toBe(false);
    expect(reportToCsv(report)).not.toContain('boundaryIoU');
    expect(reportToMarkdown(report)).not.toContain('Boundary IoU');
  });

  it('shows a Boundary IoU column and mBoundaryIoU in CSV, Markdown and HTML', () => {
    const { evaluation, report } = reportOf({ dilationRatio: 0.1 });
    const csv = reportToCsv(report).trim().split('\n');
    const header = csv[0]!.split(',');
    const column = header.indexOf('boundaryIoU');
    expect(column).toBeGreaterThan(2);
    expect(Number(csv[1]!.split(',')[column])).toBe(evaluation.perClass[0]!.boundaryIoU);
    expect(csv[3]!.split(',')[column]).toBe(''); // the absent class
    expect(Number(csv[4]!.split(',')[column])).toBe(evaluation.summary.mBoundaryIoU);
    const markdown = reportToMarkdown(report);
    expect(markdown).toContain('| mBoundaryIoU |');
    expect(markdown).toMatch(/\| id \| class \| .* \| Boundary IoU \|/);
    const left = (evaluation.perClass[0]!.boundaryIoU! * 100).toFixed(2);
    expect(markdown).toMatch(new RegExp(`\\| 0 \\| left \\| .* \\| ${left.replace('.', '\\.')} \\|`));
    expect(markdown).toContain('boundary IoU r 0.1');
    const html = renderHtmlReport({ report });
    expect(html).toContain('data-key="boundaryIoU"');
    expect(html).toContain('data-metric="mBoundaryIoU"');
    expect(html).toContain('dilation ratio r = 0.1');
  });
});

describe('perImageToCsv with Boundary IoU', () => {
  it("adds each image's mBoundaryIoU as a last column when the run counted boundaries", () => {
    const { evaluation } = reportOf({ dilationRatio: 0.1 });
    const lines = perImageToCsv(perImageRows(evaluation)).trim().split('\n');
    expect(lines[0]).toMatch(/,worstIoU,mBoundaryIoU$/);
    const byId = new Map(evaluation.perImage!.map((image) => [image.sampleId, image.mBoundaryIoU]));
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      expect(Number(cells.at(-1))).toBe(byId.get(cells[1]!));
    }
    const plain = reportOf(null).evaluation;
    expect(perImageToCsv(perImageRows(plain))).not.toContain('mBoundaryIoU');
  });
});
