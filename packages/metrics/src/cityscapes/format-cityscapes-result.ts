import type { CityscapesResult } from './cityscapes-result.js';
import { pythonFloat } from './internal/python-float.js';

const INDENT = '    ';

/**
 * The text cityscapesScripts writes for its result (`json.dumps(result, sort_keys=True, indent=4)`):
 * keys sorted, four-space indents, one value per line, integers for `confMatrix` and `labels`, floats
 * as Python prints them (`0.0`, `7.883707682291667e-05`), no final newline — byte for byte the same
 * file, except that NaN (a bare `NaN` in Python, which is not JSON) is written as `null`, and so is
 * any `confMatrix` cell or prior the matrix cannot know (`result.complete === false`).
 */
export function formatCityscapesResult(result: CityscapesResult): string {
  const entries: [string, string][] = [
    ['averageScoreCategories', pythonFloat(result.averageScoreCategories)],
    ['averageScoreClasses', pythonFloat(result.averageScoreClasses)],
    ['averageScoreInstCategories', pythonFloat(result.averageScoreInstCategories)],
    ['averageScoreInstClasses', pythonFloat(result.averageScoreInstClasses)],
    ['categoryInstScores', object(result.categoryInstScores, pythonFloat, 1)],
    ['categoryScores', object(result.categoryScores, pythonFloat, 1)],
    ['classInstScores', object(result.classInstScores, pythonFloat, 1)],
    ['classScores', object(result.classScores, pythonFloat, 1)],
    ['confMatrix', list(result.confMatrix, (row) => list(row, integer, 2), 1)],
    ['labels', object(result.labels, integer, 1)],
    ['priors', object(result.priors, (v) => (v === null ? 'null' : pythonFloat(v)), 1)],
  ];
  return block(
    '{',
    '}',
    entries.map(([key, text]) => `${JSON.stringify(key)}: ${text}`),
    0,
  );
}

function integer(value: number | null): string {
  return value === null ? 'null' : String(value);
}

function object<T>(record: Readonly<Record<string, T>>, format: (value: T) => string, depth: number): string {
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return block(
    '{',
    '}',
    keys.map((key) => `${JSON.stringify(key)}: ${format(record[key] as T)}`),
    depth,
  );
}

function list<T>(items: readonly T[], format: (value: T) => string, depth: number): string {
  return block('[', ']', items.map(format), depth);
}

function block(open: string, close: string, lines: readonly string[], depth: number): string {
  if (lines.length === 0) return `${open}${close}`;
  const inner = INDENT.repeat(depth + 1);
  return `${open}\n${lines.map((line) => `${inner}${line}`).join(',\n')}\n${INDENT.repeat(depth)}${close}`;
}
