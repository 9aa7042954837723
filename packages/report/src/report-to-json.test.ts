import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { prettyJson, reportToJson } from './report-to-json.js';

describe('reportToJson', () => {
  it('prints NaN as null and parses to the same value as JSON.stringify', () => {
    const m = new ConfusionMatrix({ numClasses: 3 });
    m.update([0, 1, 1], [0, 1, 0]);
    const report = buildReport({ evaluation: evaluate(m), matrix: m, run: { toolVersion: '1' } });
    const text = reportToJson(report);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(JSON.parse(text).perClass[2].iou).toBeNull();
    expect(text).toContain('"confusionMatrix": [\n    [1, 1, 0],\n    [0, 1, 0],\n    [0, 0, 0]\n  ]');
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('prettyJson', () => {
  it('keeps number arrays on one line, writes typed arrays as arrays and drops undefined fields', () => {
    expect(prettyJson({ a: [1, Number.NaN], b: Float64Array.of(2, 3), c: undefined, d: [] })).toBe(
      '{\n  "a": [1, null],\n  "b": [2, 3],\n  "d": []\n}',
    );
    expect(prettyJson(Number.POSITIVE_INFINITY)).toBe('null');
    expect(prettyJson([{ x: 'a"b' }])).toBe('[\n  {\n    "x": "a\\"b"\n  }\n]');
  });
});
