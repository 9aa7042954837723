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

it('prettyJson writes number lists and typed arrays on one line, as JSON spells each number', () => {
  const values = [1, -0, Number.NaN, 0.1, 1e21, -1.5e-7, Number.POSITIVE_INFINITY, 2 ** 53];
  const expected = `[${values.map((v) => (Number.isFinite(v) ? JSON.stringify(v) : 'null')).join(', ')}]`;
  expect(prettyJson(values)).toBe(expected);
  expect(prettyJson(Float64Array.from(values))).toBe(expected);
  expect(prettyJson([1, null, 2])).toBe('[1, null, 2]');
  expect(prettyJson(new Uint8Array(0))).toBe('[]');
  expect(JSON.parse(prettyJson({ a: Float64Array.from([0.1, 0.2]) }))).toEqual({ a: [0.1, 0.2] });
});
