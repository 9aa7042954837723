import { cityscapesScene } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { cityscapesMatrixOf } from '../../test/cityscapes-matrix-of.js';
import { cityscapesResult } from './cityscapes-result.js';
import { formatCityscapesResult } from './format-cityscapes-result.js';

describe('formatCityscapesResult', () => {
  const result = cityscapesResult(cityscapesMatrixOf([['s', cityscapesScene(7)]]));
  const text = formatCityscapesResult(result);

  it('parses back to the result (NaN as null)', () => {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(parsed).sort());
    expect(parsed.confMatrix).toEqual(result.confMatrix);
    expect((parsed.classScores as Record<string, unknown>).unlabeled).toBeNull();
    expect((parsed.classScores as Record<string, unknown>).road).toBe(result.classScores.road);
    expect(parsed).not.toHaveProperty('complete');
  });

  it("lays the text out as Python's json.dumps(sort_keys=True, indent=4)", () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toMatch(/^ {4}"averageScoreCategories": \d\.\d+,$/);
    expect(lines).toContain('    "categoryInstScores": {');
    expect(lines).toContain('        "construction": null,');
    expect(lines).toContain('    "confMatrix": [');
    expect(lines).toContain('        [');
    expect(lines.filter((line) => /^ {12}\d+,?$/.test(line)).length).toBe(34 * 34);
    expect(lines).toContain('        "bicycle": 33,');
    expect(lines.at(-1)).toBe('}');
    expect(text.endsWith('\n')).toBe(false);
  });
});
