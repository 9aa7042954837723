import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode } from './errors/segmetrics-error.js';
import { stateChecksum } from './internal/state-json.js';
import type { ConfusionMatrixJSON } from './types.js';

/*
 * State JSON version 2: the new fields (instances, predictedIgnoreByValue, unmapped), reading version 1,
 * and hostile states. The version 1 fields' own validation is tested in confusion-matrix.test.ts.
 */

/** Re-signs an edited version 2 state so that only the edited content (not the checksum) is under test. */
function resign<T extends object>(state: T): T {
  const { checksum: _, ...body } = state as T & { checksum: string };
  return { ...state, checksum: stateChecksum(body as unknown as Omit<ConfusionMatrixJSON, 'checksum'>) };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Written by @segmetrics/core 0.1.0 (schema version 1) from the same updates as `v1Twin`. */
const V1_STATE = {
  schemaVersion: 1,
  kind: 'segmetrics/confusion-matrix',
  settings: {
    numClasses: 3,
    ignoreIndex: [0, 255],
    labelMapping: {
      table: [
        [7, 1],
        [9, null],
      ],
      reduceZeroLabel: true,
      applyTo: 'both',
    },
    perImage: true,
  },
  counts: [
    [0, 0, 0],
    [0, 3, 0],
    [0, 1, 2],
  ],
  predictedIgnore: [0, 0, 0],
  ignoredPixels: 3,
  images: 3,
  sampleIds: ['b', 'a'],
  imageStats: [
    { sampleId: 'a', tp: [0, 0, 1], support: [0, 0, 2], predicted: [0, 1, 1], ignored: 1 },
    { sampleId: 'b', tp: [0, 2, 1], support: [0, 2, 1], predicted: [0, 2, 1], ignored: 2 },
    { sampleId: null, tp: [0, 1, 0], support: [0, 1, 0], predicted: [0, 1, 0], ignored: 0 },
  ],
  checksum: '1632a7ebf37598d0',
};

/** Written by @segmetrics/core 0.1.0 without per-image statistics. */
const V1_PLAIN = {
  schemaVersion: 1,
  kind: 'segmetrics/confusion-matrix',
  settings: { numClasses: 2, ignoreIndex: [255], labelMapping: null, perImage: false },
  counts: [
    [1, 1],
    [0, 0],
  ],
  predictedIgnore: [0, 1],
  ignoredPixels: 1,
  images: 1,
  sampleIds: ['x'],
  imageStats: null,
  checksum: 'f7a2b3898793cb1b',
};

function v1Twin(): ConfusionMatrix {
  const cm = new ConfusionMatrix({
    numClasses: 3,
    ignoreIndex: [255, 0],
    perImage: true,
    labelMapping: { table: { 7: 1, 9: null }, reduceZeroLabel: true },
  });
  cm.update(new Uint8Array([1, 2, 3, 8, 255]), new Uint8Array([1, 2, 3, 8, 255]), { sampleId: 'b' });
  cm.update(new Uint8Array([1, 2, 3]), new Uint8Array([1, 3, 3]), { sampleId: 'a' });
  cm.update(new Uint8Array([2]), new Uint8Array([2]));
  return cm;
}

/** A matrix with every version 2 feature on: instances, the split, unmapped 'invalid'. */
function featured(): ConfusionMatrix {
  // Cityscapes-like: raw 7 → 0, 26 → 1, 29 (caravan) and 1 (ego vehicle) ignored, 255 ignored
  const cm = new ConfusionMatrix({
    numClasses: 2,
    ignoreIndex: 255,
    perImage: true,
    instances: { minInstanceId: 1001 },
    splitPredictedIgnore: true,
    labelMapping: { table: { 1: 255, 7: 0, 26: 1, 29: null, 255: 255 }, unmapped: 'invalid' },
  });
  cm.update(new Uint8Array([26, 29, 29, 7, 1, 26]), new Uint8Array([26, 26, 26, 7, 29, 7]), {
    sampleId: 'b',
    instances: new Uint16Array([26001, 26001, 26002, 7, 29001, 7]),
  });
  cm.update(new Uint8Array([26, 1, 7]), new Uint8Array([26, 7, 255]), {
    sampleId: 'a',
    instances: new Uint16Array([26001, 0, 26001]),
  });
  cm.update(new Uint8Array([7]), new Uint8Array([7]), { instances: new Uint16Array([1]) });
  return cm;
}

describe('ConfusionMatrix.fromJSON (version 1 states)', () => {
  it('reads a state written by @segmetrics/core 0.1 and upgrades it to version 2', () => {
    const loaded = ConfusionMatrix.fromJSON(copy(V1_STATE));
    const twin = v1Twin();
    expect(loaded.settings).toEqual(twin.settings);
    expect(loaded.settings.labelMapping!.unmapped).toBe('pass');
    expect(loaded.settings.instances).toBeNull();
    expect(loaded.settings.splitPredictedIgnore).toBe(false);
    expect(loaded.settings.boundary).toBeNull();
    expect(loaded.boundaryCounts).toBeNull();
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(twin));
    expect(loaded.toJSON().schemaVersion).toBe(2);
    expect(loaded.imageStats.every((s) => s.instances === undefined)).toBe(true);
    const plain = ConfusionMatrix.fromJSON(copy(V1_PLAIN));
    expect(plain.predictedIgnoreByValue).toBeNull();
    expect([...plain.predictedIgnore]).toEqual([0, 1]);
    // the upgraded state merges with matrices made now
    plain.merge(new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 }).update([1], [1]));
    expect(plain.images).toBe(2);
  });

  it('checks a version 1 state with its own checksum and refuses an edit', () => {
    const edited = copy(V1_PLAIN);
    edited.counts[0]![0] = 2;
    const err = thrown(() => ConfusionMatrix.fromJSON(edited));
    expect(err.code).toBe(ErrorCode.INVALID_STATE);
    expect(err.context.path).toBe('checksum');
  });

  it('ignores fields a version 1 state cannot have, as version 1 readers did', () => {
    const state = { ...copy(V1_PLAIN), settings: { ...V1_PLAIN.settings, splitPredictedIgnore: true } };
    // ignored as unknown, as version 1 readers did: the state loads without the split
    expect(ConfusionMatrix.fromJSON(state).settings.splitPredictedIgnore).toBe(false);
  });
});

describe('ConfusionMatrix.toJSON / fromJSON (version 2 fields)', () => {
  it('writes instances, the split and unmapped, and round-trips them exactly', () => {
    const cm = featured();
    const state = cm.toJSON();
    expect(state.settings).toMatchObject({
      instances: { minInstanceId: 1001 },
      splitPredictedIgnore: true,
      labelMapping: { unmapped: 'invalid' },
    });
    expect(state.predictedIgnoreByValue).toEqual([
      [1, [1, 0]],
      [29, [0, 2]],
    ]);
    expect(state.imageStats!.map((s) => s.instances)).toEqual([
      [
        {
          id: 26001,
          pixels: 2,
          predictions: [
            [7, 1],
            [26, 1],
          ],
        },
      ],
      [
        {
          id: 26001,
          pixels: 2,
          predictions: [
            [26, 1],
            [29, 1],
          ],
        },
        { id: 26002, pixels: 1, predictions: [[29, 1]] },
        { id: 29001, pixels: 1, predictions: [[1, 1]] },
      ],
      [],
    ]);
    const text = JSON.stringify(cm);
    const back = ConfusionMatrix.fromJSON(JSON.parse(text));
    expect(JSON.stringify(back)).toBe(text);
    expect([...back.predictedIgnoreByValue!.keys()]).toEqual([1, 29]);
    expect(back.imageStats[0]!.instances).toEqual(cm.imageStats[0]!.instances);
  });

  it('computes the checksum from the content, whatever the key order of the file', () => {
    const state = featured().toJSON() as unknown as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(copy(state)).reverse());
    expect(JSON.stringify(ConfusionMatrix.fromJSON(reordered))).toBe(JSON.stringify(state));
  });

  it('accepts the Boundary IoU fields written as null (off), covered by the checksum', () => {
    const state = copy(featured().toJSON()) as ConfusionMatrixJSON & Record<string, unknown>;
    // in the order toJSON writes them: boundaryCounts after predictedIgnoreByValue
    const { ignoredPixels, images, sampleIds, imageStats, checksum, ...head } = state;
    const withNulls = {
      ...head,
      settings: { ...state.settings, boundary: null },
      boundaryCounts: null,
      ignoredPixels,
      images,
      sampleIds,
      imageStats: imageStats!.map((s) => ({ ...s, boundary: null })),
      checksum,
    };
    const loaded = ConfusionMatrix.fromJSON(resign(withNulls));
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(featured()));
    // the nulls are covered by the checksum
    expect(
      thrown(() => ConfusionMatrix.fromJSON({ ...withNulls, checksum: state.checksum })).context.path,
    ).toBe('checksum');
  });

  it('refuses boundary counts without settings.boundary, and settings.boundary without counts', () => {
    const state = copy(featured().toJSON()) as ConfusionMatrixJSON & Record<string, unknown>;
    const on = { ...state, settings: { ...state.settings, boundary: { dilationRatio: 0.02 } } };
    const err = thrown(() => ConfusionMatrix.fromJSON(resign(on)));
    expect(err.code).toBe(ErrorCode.INVALID_STATE);
    expect(err.context.path).toBe('boundaryCounts');
    const counts = { tp: [0, 0, 0], support: [0, 0, 0], predicted: [0, 0, 0] };
    expect(
      thrown(() => ConfusionMatrix.fromJSON(resign({ ...state, boundaryCounts: counts }))).context.path,
    ).toBe('boundaryCounts');
  });

  type State = ConfusionMatrixJSON & Record<string, unknown>;
  type Image = NonNullable<State['imageStats']>[number];
  const image = (s: State, i: number): Image & Record<string, unknown> =>
    s.imageStats![i]! as Image & Record<string, unknown>;
  const tampered: [string, (s: State) => void, string][] = [
    ['an unknown top-level field', (s) => Object.assign(s, { extra: 1 }), 'extra'],
    ['an unknown settings field', (s) => Object.assign(s.settings, { colour: 'red' }), 'settings.colour'],
    [
      'a missing unmapped',
      (s) => delete (s.settings.labelMapping as Partial<{ unmapped: string }>).unmapped,
      'settings.labelMapping.unmapped',
    ],
    [
      'a bad unmapped',
      (s) => Object.assign(s.settings.labelMapping!, { unmapped: 'drop' }),
      'settings.labelMapping.unmapped',
    ],
    [
      'a missing splitPredictedIgnore',
      (s) => delete (s.settings as Partial<State['settings']>).splitPredictedIgnore,
      'settings.splitPredictedIgnore',
    ],
    [
      'a string minInstanceId',
      (s) => (s.settings.instances = { minInstanceId: '1001' as unknown as number }),
      'settings.instances.minInstanceId',
    ],
    [
      'a negative minInstanceId',
      (s) => (s.settings.instances = { minInstanceId: -1 }),
      'settings.instances.minInstanceId',
    ],
    [
      'instances without per-image statistics',
      (s) => Object.assign(s.settings, { perImage: false }),
      'settings',
    ],
    ['a class count above the limit', (s) => (s.settings.numClasses = 5000), 'settings'],
    [
      'a missing predictedIgnoreByValue',
      (s) => delete (s as Partial<State>).predictedIgnoreByValue,
      'predictedIgnoreByValue',
    ],
    [
      'a split entry that is not a pair',
      (s) => (s.predictedIgnoreByValue![0] = [1] as never),
      'predictedIgnoreByValue[0]',
    ],
    ['unsorted split values', (s) => s.predictedIgnoreByValue!.reverse(), 'predictedIgnoreByValue[1][0]'],
    [
      'a duplicate split value',
      (s) => (s.predictedIgnoreByValue![1]![0] = 1),
      'predictedIgnoreByValue[1][0]',
    ],
    [
      'a fractional split value',
      (s) => (s.predictedIgnoreByValue![0]![0] = 1.5),
      'predictedIgnoreByValue[0][0]',
    ],
    [
      'a split value the settings do not ignore',
      (s) => (s.predictedIgnoreByValue![0]![0] = 0),
      'predictedIgnoreByValue[0][0]',
    ],
    [
      'a negative split count',
      (s) => (s.predictedIgnoreByValue![0]![1][1] = -1),
      'predictedIgnoreByValue[0][1][1]',
    ],
    ['a short split row', (s) => s.predictedIgnoreByValue![0]![1].pop(), 'predictedIgnoreByValue[0][1]'],
    [
      'split counts that do not sum to predictedIgnore',
      (s) => (s.predictedIgnoreByValue![0]![1][1] = 3),
      'predictedIgnoreByValue[*][1][1]',
    ],
    [
      'an all-zero split row',
      (s) => s.predictedIgnoreByValue!.push([255, [0, 0]]),
      'predictedIgnoreByValue[2][1]',
    ],
    ['a missing instance list', (s) => delete image(s, 0).instances, 'imageStats[0].instances'],
    [
      'an instance list that is an object',
      (s) => (image(s, 0).instances = {} as never),
      'imageStats[0].instances',
    ],
    [
      'an instance that is an array',
      (s) => (image(s, 1).instances![0] = [] as never),
      'imageStats[1].instances[0]',
    ],
    [
      'an unknown instance field',
      (s) => Object.assign(image(s, 1).instances![0]!, { area: 2 }),
      'imageStats[1].instances[0].area',
    ],
    [
      'an instance id below minInstanceId',
      (s) => (image(s, 0).instances![0]!.id = 1000),
      'imageStats[0].instances[0].id',
    ],
    [
      'a fractional instance id',
      (s) => (image(s, 0).instances![0]!.id = 26001.5),
      'imageStats[0].instances[0].id',
    ],
    ['unsorted instance ids', (s) => image(s, 1).instances!.reverse(), 'imageStats[1].instances[1].id'],
    [
      'a duplicate instance id',
      (s) => (image(s, 1).instances![1]!.id = 26001),
      'imageStats[1].instances[1].id',
    ],
    [
      'an instance with zero pixels',
      (s) => image(s, 2).instances!.push({ id: 5000, pixels: 0, predictions: [] }),
      'imageStats[2].instances[0].pixels',
    ],
    [
      'a histogram entry that is not a pair',
      (s) => (image(s, 1).instances![0]!.predictions[0] = [26] as never),
      'imageStats[1].instances[0].predictions[0]',
    ],
    [
      'unsorted histogram values',
      (s) => image(s, 1).instances![0]!.predictions.reverse(),
      'imageStats[1].instances[0].predictions[1][0]',
    ],
    [
      'a duplicate histogram value',
      (s) => (image(s, 1).instances![0]!.predictions[1]![0] = 26),
      'imageStats[1].instances[0].predictions[1][0]',
    ],
    [
      'a zero histogram count',
      (s) => (image(s, 1).instances![0]!.predictions[0]![1] = 0),
      'imageStats[1].instances[0].predictions[0][1]',
    ],
    [
      'a fractional histogram count',
      (s) => (image(s, 1).instances![0]!.predictions[0]![1] = 0.5),
      'imageStats[1].instances[0].predictions[0][1]',
    ],
    [
      'a string histogram value',
      (s) => (image(s, 1).instances![0]!.predictions[0]![0] = '26' as never),
      'imageStats[1].instances[0].predictions[0][0]',
    ],
    [
      'pixels that are not the histogram sum',
      (s) => (image(s, 1).instances![0]!.pixels = 3),
      'imageStats[1].instances[0].pixels',
    ],
    [
      'instances holding more pixels than the image',
      (s) => image(s, 2).instances!.push({ id: 5000, pixels: 2, predictions: [[7, 2]] }),
      'imageStats[2].instances[0].pixels',
    ],
    [
      'a boundary per image without settings.boundary',
      (s) => (image(s, 0).boundary = { tp: [], support: [], predicted: [] }),
      'imageStats[0].boundary',
    ],
  ];
  for (const [what, edit, path] of tampered) {
    it(`rejects ${what} with INVALID_STATE naming ${path}`, () => {
      const state = copy(featured().toJSON()) as State;
      edit(state);
      const err = thrown(() => ConfusionMatrix.fromJSON(resign(state)));
      expect(err.code).toBe(ErrorCode.INVALID_STATE);
      expect(err.context.path).toBe(path);
      expect(thrown(() => ConfusionMatrix.fromJSON(state)).code).toBe(ErrorCode.INVALID_STATE);
    });
  }

  it('refuses instance lists and split counts that the settings do not ask for', () => {
    const plain = new ConfusionMatrix({ numClasses: 2, perImage: true }).update([0], [0]);
    const state = copy(plain.toJSON()) as State;
    const withInstances = { ...state, imageStats: [{ ...state.imageStats![0]!, instances: [] }] };
    expect(thrown(() => ConfusionMatrix.fromJSON(resign(withInstances))).context.path).toBe(
      'imageStats[0].instances',
    );
    const withSplit = { ...state, predictedIgnoreByValue: [] };
    expect(thrown(() => ConfusionMatrix.fromJSON(resign(withSplit))).context.path).toBe(
      'predictedIgnoreByValue',
    );
  });

  it('never crashes on deep nesting, huge arrays or wrong types in any field', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const base = featured().toJSON();
    const edits: ((s: State) => void)[] = [
      (s) => (s.predictedIgnoreByValue = deep as never),
      (s) => (image(s, 1).instances = deep as never),
      (s) => (image(s, 1).instances![0]!.predictions = deep as never),
      (s) => (image(s, 1).instances![0]!.predictions[0] = deep as never),
      (s) => (s.counts = deep as never),
      (s) => (s.settings = deep as never),
      (s) => (s.sampleIds = new Array(200_000).fill('x')),
      (s) => (s.predictedIgnoreByValue = new Array(200_000).fill([1, [1, 0]])),
      (s) => (image(s, 1).instances = new Array(200_000).fill(image(s, 1).instances![0])),
      (s) => (s.settings.instances = deep as never),
      (s) => (s.settings.labelMapping = 'x' as never),
      (s) => (s.imageStats = { length: 3 } as never),
    ];
    for (const edit of edits) {
      const state = copy(base) as State;
      edit(state);
      expect(thrown(() => ConfusionMatrix.fromJSON(state)).code).toBe(ErrorCode.INVALID_STATE);
      let signed: State;
      try {
        signed = resign(state);
      } catch {
        continue; // too deep for JSON.stringify: only the unsigned state can be tried
      }
      expect(thrown(() => ConfusionMatrix.fromJSON(signed)).code).toBe(ErrorCode.INVALID_STATE);
    }
  });

  it('refuses totals above 2^53 on load, naming the field', () => {
    const state = copy(new ConfusionMatrix({ numClasses: 2 }).update([0, 1], [0, 1]).toJSON());
    state.counts[0]![0] = 2 ** 52;
    state.counts[1]![1] = 2 ** 52;
    const err = thrown(() => ConfusionMatrix.fromJSON(resign(state)));
    expect(err.code).toBe(ErrorCode.INVALID_STATE);
    expect(err.context.path).toBe('counts');
  });
});
