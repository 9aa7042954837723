import { ConfusionMatrix } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import type { EvaluationSettings } from './evaluation-settings.js';
import { parseState, serializeState } from './state-file.js';

const settings: EvaluationSettings = {
  numClasses: 2,
  classNames: ['a', 'b'],
  matrixOptions: { numClasses: 2, ignoreIndex: [255], perImage: false },
  decodeOptions: {},
  report: {
    aggregate: null,
    imageReduce: null,
    average: null,
    absent: null,
    excludeClasses: [],
    metrics: [],
    preset: null,
    beta: null,
  },
  dataset: null,
};

function state(): string {
  const matrix = new ConfusionMatrix(settings.matrixOptions);
  matrix.update([0, 1, 1, 255], [0, 1, 0, 1], { sampleId: 'img_0' });
  return serializeState(matrix, {
    settings,
    selection: { shard: { index: 0, count: 2 }, datasetPairs: 2, pairs: 1 },
    complete: true,
    source: { gt: 'gt', pred: 'pred' },
  });
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('serializeState / parseState', () => {
  it('round-trips the matrix and the CLI metadata exactly', () => {
    const loaded = parseState('s.json', state());
    expect(loaded.matrix.sampleIds).toEqual(['img_0']);
    expect(Array.from(loaded.matrix.counts)).toEqual([1, 1, 0, 1]);
    expect(Array.from(loaded.matrix.predictedIgnore)).toEqual([0, 1]);
    expect(loaded.state.settings).toEqual(settings);
    expect(loaded.state.selection.shard).toEqual({ index: 0, count: 2 });
  });

  it('refuses an edited file (checksum) naming it', () => {
    const text = state().replace('"complete":true', '"complete":false');
    expect(code(() => parseState('edited.json', text))).toBe('INVALID_STATE');
    expect(() => parseState('edited.json', text)).toThrow(/edited\.json/);
  });

  it('refuses truncated, non-JSON and foreign files', () => {
    const text = state();
    expect(code(() => parseState('t.json', text.slice(0, text.length / 2)))).toBe('INVALID_STATE');
    expect(code(() => parseState('t.json', '[]'))).toBe('INVALID_STATE');
    expect(code(() => parseState('t.json', '{"format":"other"}'))).toBe('INVALID_STATE');
  });

  it('refuses another state version', () => {
    const text = state().replace('"stateVersion":1', '"stateVersion":99');
    expect(code(() => parseState('v.json', text))).toBe('INVALID_STATE');
  });
});
