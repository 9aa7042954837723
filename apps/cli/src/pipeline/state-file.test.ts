import { createHash } from 'node:crypto';
import { ConfusionMatrix, SegmetricsError } from '@segmetrics/core';
import { datasetPresets } from '@segmetrics/io/presets';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../options/resolve-settings.js';
import { runReport } from '../report/run-report.js';
import type { EvaluationSettings } from './evaluation-settings.js';
import { parseState, serializeState } from './state-file.js';

const settings: EvaluationSettings = {
  numClasses: 3,
  classNames: ['a', 'b', 'c'],
  matrixOptions: {
    numClasses: 3,
    ignoreIndex: [255],
    perImage: true,
    labelMapping: { table: { 7: 2 }, reduceZeroLabel: false },
  },
  decodeOptions: { colorPalette: { '#ff0000': 0, '#00ff00': 1 }, unknownColor: 255 },
  report: {
    aggregate: 'image',
    imageReduce: 'per-class',
    average: null,
    absent: 'zero',
    excludeClasses: [0],
    metrics: ['iou', 'mDice'],
    preset: null,
    beta: 2,
  },
  dataset: null,
};

function matrix(): ConfusionMatrix {
  const m = new ConfusionMatrix(settings.matrixOptions);
  m.update([0, 1, 1, 255], [0, 1, 0, 1], { sampleId: 'img_0' });
  m.update([2, 7, 1, 0], [2, 2, 255, 0], { sampleId: 'img_1' });
  return m;
}

function state(shard: { index: number; count: number } | null = { index: 1, count: 2 }): string {
  return serializeState(matrix(), {
    settings,
    selection: { shard, datasetPairs: 4, pairs: 2 },
    complete: true,
    source: { gt: 'gt', pred: 'pred' },
  });
}

/** Re-signs an edited state as a hand editor with the checksum recipe would. */
function resign(data: Record<string, unknown>): string {
  const { checksum: _old, ...unsigned } = data;
  const checksum = createHash('sha256').update(JSON.stringify(unsigned)).digest('hex');
  return JSON.stringify({ ...unsigned, checksum });
}

type Json = Record<string, unknown>;

/** Sets a value at a dotted path of a parsed state. */
function set(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Json;
  node[keys[keys.length - 1]!] = value;
}

function failure(fn: () => unknown): { code: string; message: string; field: unknown } | undefined {
  try {
    fn();
  } catch (error) {
    if (!SegmetricsError.isInstance(error))
      return { code: `not a SegmetricsError: ${String(error)}`, message: '', field: null };
    return { code: error.code, message: error.message, field: error.context.field };
  }
  return undefined;
}

describe('serializeState / parseState', () => {
  it('reads back the settings of every dataset preset (ADE20K repeats a class colour in its palette)', async () => {
    for (const dataset of Object.keys(datasetPresets)) {
      const run = await resolveSettings({ dataset });
      const written = serializeState(new ConfusionMatrix(run.matrixOptions), {
        settings: run,
        selection: { shard: null, datasetPairs: 0, pairs: 0 },
        complete: true,
        source: { gt: 'gt', pred: 'pred' },
      });
      expect(parseState('s.json', written).state.settings, dataset).toEqual(JSON.parse(written).settings);
    }
  });

  it('round-trips the matrix and the CLI metadata exactly', () => {
    const loaded = parseState('s.json', state());
    expect(loaded.matrix.sampleIds).toEqual(['img_0', 'img_1']);
    expect(loaded.matrix.toJSON()).toEqual(matrix().toJSON());
    expect(loaded.state.settings).toEqual(settings);
    expect(loaded.state.selection.shard).toEqual({ index: 1, count: 2 });
    expect(loaded.state.stateVersion).toBe(4);
  });

  it('reads a state saved with a byte order mark (an editor’s), as the same state', () => {
    expect(parseState('bom.json', `\uFEFF${state()}`).matrix.toJSON()).toEqual(matrix().toJSON());
  });

  it('refuses an edited file (checksum) naming it', () => {
    const text = state().replace('"complete":true', '"complete":false');
    expect(failure(() => parseState('edited.json', text))).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('edited.json'),
    });
  });

  it('refuses a matrix whose image count differs from its sample ids (an image without an id), naming the file', () => {
    const m = matrix();
    // Counted without a sample id: 3 images, 2 ids, a per-image entry whose sampleId is null.
    m.update([0, 0, 0, 0], [0, 0, 0, 0]);
    const text = serializeState(m, {
      settings,
      selection: { shard: null, datasetPairs: 3, pairs: 3 },
      complete: false,
      source: { gt: '/data/gt', pred: '/data/pred' },
    });
    expect(failure(() => parseState('forged.json', text))).toMatchObject({
      code: 'INVALID_STATE',
      field: 'matrix.sampleIds',
      message: expect.stringContaining('forged.json'),
    });
  });

  it('reads and checks the recorded pairing options; states without them still load', () => {
    const pairing = {
      gtSuffix: null,
      predSuffix: '_A.png',
      gtPattern: null,
      predPattern: null,
      matchBy: 'path',
      include: [],
      exclude: [],
    };
    const data = JSON.parse(state()) as Json;
    set(data, 'source', { gt: '/data/gt', pred: '/data/pred', pairing: { ...pairing } });
    expect(parseState('p.json', resign(data)).state.source.pairing).toEqual(pairing);
    set(data, 'source.pairing.matchBy', 'name');
    expect(failure(() => parseState('p.json', resign(data)))?.field).toBe('source.pairing.matchBy');
    set(data, 'source.pairing', { ...pairing, include: [1] });
    expect(failure(() => parseState('p.json', resign(data)))?.field).toBe('source.pairing.include[0]');
    expect(parseState('old.json', state()).state.source).toEqual({ gt: 'gt', pred: 'pred' });
  });

  it('refuses truncated, non-JSON and foreign files', () => {
    const text = state();
    for (const bad of [text.slice(0, text.length / 2), '[]', '{"format":"other"}', '', 'null']) {
      expect(failure(() => parseState('t.json', bad))?.code).toBe('INVALID_STATE');
    }
  });

  it('refuses another state version', () => {
    const data = JSON.parse(state()) as Record<string, unknown>;
    expect(failure(() => parseState('v.json', resign({ ...data, stateVersion: 99 })))).toMatchObject({
      code: 'INVALID_STATE',
      field: 'stateVersion',
    });
  });

  it('reads a version-1 state (0-based shard index) as the same shard, 1-based', () => {
    const data = JSON.parse(state({ index: 2, count: 2 })) as Record<string, unknown>;
    const v1 = resign({
      ...data,
      stateVersion: 1,
      selection: { shard: { index: 1, count: 2 }, datasetPairs: 4, pairs: 2 },
    });
    expect(parseState('old.json', v1).state.selection.shard).toEqual({ index: 2, count: 2 });
    const v1Out = resign({
      ...data,
      stateVersion: 1,
      selection: { shard: { index: 2, count: 2 }, datasetPairs: 4, pairs: 2 },
    });
    expect(failure(() => parseState('old.json', v1Out))?.field).toBe('selection.shard.index');
  });

  it('names the file and the field of a re-checksummed state with a wrong type or value', () => {
    const data = JSON.parse(state()) as Json;
    const cases: [string, (d: Json) => void][] = [
      ['settings.numClasses', (d) => set(d, 'settings.numClasses', '3')],
      ['settings.numClasses', (d) => set(d, 'settings.numClasses', 65536)],
      ['settings.classNames', (d) => set(d, 'settings.classNames', ['a'])],
      ['settings.report.beta', (d) => set(d, 'settings.report.beta', -1)],
      ['settings.report.metrics[0]', (d) => set(d, 'settings.report.metrics', ['__proto__'])],
      ['settings.report.preset', (d) => set(d, 'settings.report.preset', 'constructor')],
      ['settings.dataset', (d) => set(d, 'settings.dataset', '__proto__')],
      ['settings.report.aggregate', (d) => set(d, 'settings.report.aggregate', 'galaxy')],
      [
        'settings.decodeOptions.unknownColor',
        (d) => set(d, 'settings.decodeOptions.unknownColor', 4294967299),
      ],
      ['settings.matrixOptions', (d) => set(d, 'settings.matrixOptions.ignoreIndex', [0])],
      ['selection.pairs', (d) => set(d, 'selection.pairs', 5)],
      ['selection.shard.index', (d) => set(d, 'selection.shard', { index: 0, count: 2 })],
      ['complete', (d) => set(d, 'complete', 'yes')],
      ['matrix.images', (d) => set(d, 'selection.pairs', 3)],
      ['source', (d) => set(d, 'source', null)],
      ['tool.name', (d) => set(d, 'tool.name', 'other')],
      ['matrix.settings.numClasses', (d) => set(d, 'matrix.settings.numClasses', 1e6)],
      ['settings.report', (d) => set(d, 'settings.report.preset', 'mmseg')],
      ['settings.report.predictedOnly', (d) => set(d, 'settings.report.predictedOnly', 'sometimes')],
      ['settings.report.presetOptions', (d) => set(d, 'settings.report.presetOptions', { labels: [0] })],
    ];
    for (const [field, edit] of cases) {
      const copy = structuredClone(data);
      edit(copy);
      const error = failure(() => parseState('hand.json', resign(copy)));
      expect(error?.code, field).toBe('INVALID_STATE');
      expect(error?.field, field).toBe(field);
      expect(error?.message, field).toContain('hand.json');
    }
  });

  it('refuses deep nesting with INVALID_STATE instead of overflowing the stack', () => {
    const depth = 100_000;
    const text = state().replace(
      '"metrics":["iou","mDice"]',
      `"metrics":${'['.repeat(depth)}0${']'.repeat(depth)}`,
    );
    expect(text).not.toBe(state());
    expect(failure(() => parseState('deep.json', text))).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('deep.json'),
      field: expect.stringContaining('settings.report.metrics'),
    });
  });

  it('gives either a usable state or INVALID_STATE for random edits of a valid state (fuzz)', () => {
    const base = JSON.parse(state()) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) walk(v, [...path, i]);
      } else if (typeof value === 'object' && value !== null)
        for (const [k, v] of Object.entries(value)) if (k !== 'checksum') walk(v, [...path, k]);
    };
    walk(base, []);
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e308, '', '__proto__', 'constructor', null, true, [], {}),
      fc.integer({ min: 0, max: 40 }).map((depth) => {
        let v: unknown = 0;
        for (let i = 0; i < depth; i++) v = [v];
        return v;
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(paths.length - 1), replacement, fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        }),
        (edits) => {
          const copy = structuredClone(base) as Record<string, unknown>;
          for (const [at, value, remove] of edits) {
            const path = paths[at]!;
            if (path.length === 0) continue;
            let parent: unknown = copy;
            for (const key of path.slice(0, -1)) {
              parent = typeof parent === 'object' && parent !== null ? (parent as Json)[key] : undefined;
            }
            if (typeof parent !== 'object' || parent === null) continue;
            const node = parent as Json;
            const key = path[path.length - 1]!;
            if (remove && !Array.isArray(node)) delete node[key];
            else node[key] = value;
          }
          let loaded: ReturnType<typeof parseState>;
          try {
            loaded = parseState('fuzz.json', resign(copy));
          } catch (error) {
            expect(SegmetricsError.isInstance(error) && error.code === 'INVALID_STATE', String(error)).toBe(
              true,
            );
            expect((error as Error).message).toContain('fuzz.json');
            return;
          }
          // A state that loads must be usable: merged and reported without surprises.
          const merged = new ConfusionMatrix(loaded.state.settings.matrixOptions).merge(loaded.matrix);
          runReport(merged, loaded.state.settings, {}, loaded.state.settings.matrixOptions.perImage === true);
        },
      ),
      { numRuns: 400, seed: 20_251_130 },
    );
  });
});
