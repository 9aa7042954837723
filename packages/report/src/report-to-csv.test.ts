import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { csvField } from './csv-field.js';
import { reportToCsv } from './report-to-csv.js';

function report(metrics?: string[], classNames = ['bg', '=cmd|x']) {
  const m = new ConfusionMatrix({ numClasses: 2 });
  m.update([0, 1, 1, 0], [0, 1, 0, 0]);
  const evaluation = evaluate(m, { classNames });
  return buildReport({ evaluation, matrix: m, run: { toolVersion: '1', ...(metrics ? { metrics } : {}) } });
}

describe('reportToCsv', () => {
  it('writes a class row per class and a summary row with each class mean under its metric', () => {
    const r = report();
    const lines = reportToCsv(r).trim().split('\n');
    expect(lines[0]).toBe(
      'kind,id,name,iou,dice,fscore,precision,recall,specificity,support,predicted,tp,fp,fn,aAcc,fwIoU,kappa',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]!.startsWith(`class,0,bg,${r.perClass[0]!.iou},`)).toBe(true);
    expect(lines[3]!.startsWith(`summary,,mean,${r.summary.mIoU},${r.summary.mDice},`)).toBe(true);
    expect(lines[3]!.endsWith(`,${r.summary.aAcc},${r.summary.fwIoU},${r.summary.kappa}`)).toBe(true);
  });

  it('names the summary row after the class averaging', () => {
    const m = new ConfusionMatrix({ numClasses: 2 });
    m.update([0, 1, 1, 0], [0, 1, 0, 0]);
    for (const [average, name] of [
      ['macro', 'mean'],
      ['micro', 'micro'],
      ['weighted', 'weighted mean'],
    ] as const) {
      const evaluation = evaluate(m, { average });
      const r = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
      const summary = reportToCsv(r).trim().split('\n')[3]!;
      expect(summary.startsWith(`summary,,${name},${r.summary.mIoU},`)).toBe(true);
    }
  });

  it("shows only the report's --metrics selection", () => {
    const lines = reportToCsv(report(['recall', 'aAcc']))
      .trim()
      .split('\n');
    expect(lines[0]).toBe('kind,id,name,recall,support,predicted,tp,fp,fn,aAcc');
  });

  it('keeps a class name that looks like a formula as text', () => {
    expect(reportToCsv(report()).split('\n')[2]).toMatch(/^class,1,'=cmd\|x,/);
  });
});

describe('csvField', () => {
  it('quotes RFC 4180 specials, empties NaN and null, and defuses formula starts', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(-1)).toBe('-1');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('=1,2')).toBe('"\'=1,2"');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('reportToCsv for a Cityscapes run', () => {
  function cityscapesReport(instances: boolean, metrics?: string[]) {
    const m = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    m.update([0, 1, 1, 0], [0, 1, 0, 0]);
    const classNames = ['road', 'car'];
    return buildReport({
      evaluation: evaluate(m, { classNames }),
      matrix: m,
      cityscapes: {
        perClass: [
          { id: 0, labelId: 7, name: 'road', iou: 2 / 3, iiou: Number.NaN },
          { id: 1, labelId: 26, name: 'car', iou: 0.5, iiou: instances ? 0.4 : Number.NaN },
        ],
        perCategory: [
          { name: 'flat', iou: 2 / 3, iiou: Number.NaN },
          { name: 'vehicle', iou: 0.5, iiou: instances ? 0.45 : Number.NaN },
        ],
        summary: {
          mIoU: 7 / 12,
          categoryIoU: 7 / 12,
          iIoU: instances ? 0.4 : Number.NaN,
          categoryIIoU: instances ? 0.45 : Number.NaN,
        },
        instances,
      },
      run: { toolVersion: '2.0.0', ...(metrics ? { metrics } : {}) },
    });
  }

  it('adds an iIoU column, category rows and the category scores, every number from the report', () => {
    const r = cityscapesReport(true);
    const lines = reportToCsv(r).trim().split('\n');
    expect(lines[0]).toBe(
      'kind,id,name,iou,dice,fscore,precision,recall,specificity,iIoU,support,predicted,tp,fp,fn,aAcc,fwIoU,kappa,categoryIoU,categoryIIoU',
    );
    // Two classes, two categories, the summary.
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^class,0,road,.*,,\d+,\d+,\d+,\d+,\d+,,,,,$/);
    expect(lines[2]!.split(',')[9]).toBe('0.4');
    const row = (...cells: string[]) => [...cells, ...Array(20 - cells.length).fill('')].join(',');
    expect(lines[3]).toBe(row('category', '0', 'flat', String(2 / 3)));
    expect(lines[4]).toBe(row('category', '1', 'vehicle', '0.5', '', '', '', '', '', '0.45'));
    const summary = lines[5]!.split(',');
    expect(summary[9]).toBe('0.4');
    expect(summary.slice(-2)).toEqual([String(7 / 12), '0.45']);
  });

  it('keeps the category rows’ IoU column when --metrics leaves IoU out, and has no iIoU without instances', () => {
    const lines = reportToCsv(cityscapesReport(false, ['dice']))
      .trim()
      .split('\n');
    expect(lines[0]).toBe('kind,id,name,iou,dice,support,predicted,tp,fp,fn,categoryIoU');
    expect(lines[4]).toBe('category,1,vehicle,0.5,,,,,,,');
    expect(lines[5]!.endsWith(`,${7 / 12}`)).toBe(true);
  });
});
