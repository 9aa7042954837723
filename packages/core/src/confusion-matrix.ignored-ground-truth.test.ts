import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode } from './errors/segmetrics-error.js';
import { PAIR_HISTOGRAM_MIN_PIXELS } from './internal/count-image.js';
import { stateChecksum } from './internal/state-json.js';
import type { ConfusionMatrixJSON, ConfusionMatrixOptions, LabelArray } from './types.js';

/*
 * splitIgnoredGroundTruth: the pixels whose ground truth is ignored, kept by (raw ground truth, raw
 * prediction). The naive-reference property tests (every array kind, sharding, JSON) are in
 * confusion-matrix.property.test.ts.
 */

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Re-signs an edited state so that only the edited content (not the checksum) is under test. */
function resign<T extends object>(state: T): T {
  const { checksum: _, ...body } = state as T & { checksum: string };
  return { ...state, checksum: stateChecksum(body as unknown as Omit<ConfusionMatrixJSON, 'checksum'>) };
}

// Cityscapes-like: raw 7 → 0, 26 → 1; 0 (unlabeled), 1 (ego vehicle), 29 (caravan) and 255 ignored
const options: ConfusionMatrixOptions = {
  numClasses: 2,
  ignoreIndex: 255,
  splitIgnoredGroundTruth: true,
  labelMapping: { table: { 0: 255, 1: null, 7: 0, 26: 1, 29: null } },
};

/** A state as a test edits it. */
interface Editable {
  settings: Record<string, unknown>;
  ignoredGroundTruthByValue?: [number, [number, number][]][];
}

/** Sets the value at `path` inside a state (a test's edit). */
function setAt(state: Editable, path: (string | number)[], value: unknown): void {
  let node = state as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

const pairsOf = (cm: ConfusionMatrix) =>
  [...cm.ignoredGroundTruthByValue!].map(([g, row]) => [g, [...row]] as const);

describe('ConfusionMatrix.ignoredGroundTruthByValue', () => {
  it('is null unless splitIgnoredGroundTruth, and an empty map before any ground truth is ignored', () => {
    expect(new ConfusionMatrix({ numClasses: 2 }).ignoredGroundTruthByValue).toBeNull();
    expect(new ConfusionMatrix({ numClasses: 2 }).settings.splitIgnoredGroundTruth).toBe(false);
    const cm = new ConfusionMatrix(options).update([7, 26], [7, 26]);
    expect(cm.ignoredGroundTruthByValue!.size).toBe(0);
  });

  it('keeps every ignored ground-truth pixel by raw ground-truth and raw prediction value, summing to ignoredPixels', () => {
    const cm = new ConfusionMatrix(options);
    // gt 0 predicted 7, 7, 29; gt 29 predicted 26; gt 1 predicted 300 (any integer: the pixel is ignored)
    cm.update(new Uint16Array([7, 7, 29, 26, 300, 7]), new Uint16Array([0, 0, 0, 29, 1, 7]));
    expect(pairsOf(cm)).toEqual([
      [
        0,
        [
          [7, 2],
          [29, 1],
        ],
      ],
      [1, [[300, 1]]],
      [29, [[26, 1]]],
    ]);
    expect(cm.ignoredPixels).toBe(5);
    // the rest of the matrix is as without the split
    const plain = new ConfusionMatrix({ ...options, splitIgnoredGroundTruth: false });
    plain.update(new Uint16Array([7, 7, 29, 26, 300, 7]), new Uint16Array([0, 0, 0, 29, 1, 7]));
    expect([...cm.counts]).toEqual([...plain.counts]);
  });

  it('gives the same pairs on every counting path (8-bit pairs, 16-bit, general, slow) and for signed values', () => {
    const n = PAIR_HISTOGRAM_MIN_PIXELS + 5;
    const gtValues = Array.from({ length: n }, (_, i) => [7, 0, 26, 1, -1][(i >> 6) % 5]!);
    const predValues = Array.from({ length: n }, (_, i) => [29, 7, 26, 0, 1, -1][(i * 13) % 6]!);
    const withSigned = { ...options, ignoreIndex: [255, -1] };
    const naive = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (gtValues[i] === 7 || gtValues[i] === 26) continue;
      const key = `${gtValues[i]}:${predValues[i]}`;
      naive.set(key, (naive.get(key) ?? 0) + 1);
    }
    const want = [...naive]
      .map(([key, count]) => [...key.split(':').map(Number), count])
      .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    const kinds: [(v: number[]) => LabelArray, (v: number[]) => LabelArray][] = [
      [(v) => Int8Array.from(v), (v) => Int8Array.from(v)], // byte pairs
      [(v) => Int16Array.from(v), (v) => Int16Array.from(v)], // 16-bit
      [(v) => Int8Array.from(v), (v) => Int32Array.from(v)], // general
      [(v) => v, (v) => Float64Array.from(v)], // general, number arrays
    ];
    for (const [gtOf, predOf] of kinds) {
      const cm = new ConfusionMatrix(withSigned).update(predOf(predValues), gtOf(gtValues));
      const flat = [...cm.ignoredGroundTruthByValue!].flatMap(([g, row]) =>
        [...row].map(([p, c]) => [g, p, c]),
      );
      expect(flat).toEqual(want);
      expect(flat.reduce((sum, [, , c]) => sum + c!, 0)).toBe(cm.ignoredPixels);
    }
    // the slow path (an ignore label far away)
    const slow = new ConfusionMatrix({ ...withSigned, ignoreIndex: [255, -1, 2 ** 40] });
    slow.update([2 ** 40, 29, 7, 5], [2 ** 40, 0, 7, 2 ** 40]);
    expect(pairsOf(slow)).toEqual([
      [0, [[29, 1]]],
      [
        2 ** 40,
        [
          [5, 1],
          [2 ** 40, 1],
        ],
      ],
    ]);
  });

  it('refuses a prediction that is not a safe integer on an ignored pixel, changing nothing', () => {
    const cm = new ConfusionMatrix(options).update([7], [0]);
    const before = JSON.stringify(cm);
    const err = thrown(() =>
      cm.update(new Float64Array([7, 0.5]), new Float64Array([7, 0]), { sampleId: 's' }),
    );
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(err.context).toMatchObject({ side: 'prediction', index: 1, sampleId: 's' });
    expect(thrown(() => cm.update([Number.NaN, 7], [1, 7])).code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(thrown(() => cm.update([2 ** 60], [29])).code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
    expect(JSON.stringify(cm)).toBe(before);
    // without the split such a prediction is never looked at
    new ConfusionMatrix({ ...options, splitIgnoredGroundTruth: false }).update([0.5], [0]);
  });

  it('merges exactly, in value order, including a matrix merged into itself; refuses a differing setting', () => {
    const a = new ConfusionMatrix(options).update([26], [29]);
    const b = new ConfusionMatrix(options).update([7, 26], [0, 29]);
    a.merge(b);
    expect(pairsOf(a)).toEqual([
      [0, [[7, 1]]],
      [29, [[26, 2]]],
    ]);
    a.merge(a);
    expect(pairsOf(a)).toEqual([
      [0, [[7, 2]]],
      [29, [[26, 4]]],
    ]);
    const err = thrown(() => a.merge(new ConfusionMatrix({ ...options, splitIgnoredGroundTruth: false })));
    expect(err.code).toBe(ErrorCode.INCOMPATIBLE_SETTINGS);
    expect(err.context.setting).toBe('splitIgnoredGroundTruth');
    const clone = a.clone();
    expect(JSON.stringify(clone)).toBe(JSON.stringify(a));
    a.reset();
    expect(a.ignoredGroundTruthByValue!.size).toBe(0);
    expect(clone.ignoredGroundTruthByValue!.size).toBe(2);
  });
});

describe('ConfusionMatrix.toJSON / fromJSON (splitIgnoredGroundTruth)', () => {
  const counted = () =>
    new ConfusionMatrix(options).update(new Uint8Array([7, 29, 26, 7]), new Uint8Array([0, 0, 29, 7]));

  it('writes the setting and the pairs only when on, and round-trips them exactly', () => {
    const state = counted().toJSON();
    expect(state.settings.splitIgnoredGroundTruth).toBe(true);
    expect(state.ignoredGroundTruthByValue).toEqual([
      [
        0,
        [
          [7, 1],
          [29, 1],
        ],
      ],
      [29, [[26, 1]]],
    ]);
    const text = JSON.stringify(state);
    const back = ConfusionMatrix.fromJSON(JSON.parse(text));
    expect(JSON.stringify(back)).toBe(text);
    expect(pairsOf(back)).toEqual(pairsOf(counted()));
    // off: neither field, so the state is the one written before the option existed
    const off = new ConfusionMatrix({ ...options, splitIgnoredGroundTruth: false }).update([7], [0]).toJSON();
    expect('splitIgnoredGroundTruth' in off.settings).toBe(false);
    expect('ignoredGroundTruthByValue' in off).toBe(false);
    expect(ConfusionMatrix.fromJSON(copy(off)).settings.splitIgnoredGroundTruth).toBe(false);
  });

  it.each([
    [
      'settings.splitIgnoredGroundTruth',
      (s: Editable) => setAt(s, ['settings', 'splitIgnoredGroundTruth'], false),
    ],
    ['ignoredGroundTruthByValue', (s: Editable) => void delete s.ignoredGroundTruthByValue],
    ['ignoredGroundTruthByValue[0][0]', (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 0, 0], 7)],
    ['ignoredGroundTruthByValue[1][0]', (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 1, 0], 0)],
    [
      'ignoredGroundTruthByValue[0][1][1][0]',
      (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 0, 1, 1, 0], 7),
    ],
    [
      'ignoredGroundTruthByValue[0][1][0][0]',
      (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 0, 1, 0, 0], 0.5),
    ],
    [
      'ignoredGroundTruthByValue[0][1][0][1]',
      (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 0, 1, 0, 1], 0),
    ],
    ['ignoredGroundTruthByValue[1][1]', (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 1, 1], [])],
    ['ignoredGroundTruthByValue', (s: Editable) => setAt(s, ['ignoredGroundTruthByValue', 1, 1, 0, 1], 2)],
  ])('refuses an invalid state naming %s', (path, edit) => {
    const state = copy(counted().toJSON()) as unknown as Editable;
    edit(state);
    const err = thrown(() => ConfusionMatrix.fromJSON(resign(state)));
    expect(err.code).toBe(ErrorCode.INVALID_STATE);
    expect(err.context.path).toBe(path);
  });

  it('refuses the pairs in a state whose setting is off', () => {
    const off = copy(
      new ConfusionMatrix({ ...options, splitIgnoredGroundTruth: false }).update([7], [0]).toJSON(),
    );
    const state = { ...off, ignoredGroundTruthByValue: [[0, [[7, 1]]]] };
    const err = thrown(() => ConfusionMatrix.fromJSON(resign(state)));
    expect(err.code).toBe(ErrorCode.INVALID_STATE);
    expect(err.context.path).toBe('ignoredGroundTruthByValue');
  });
});
