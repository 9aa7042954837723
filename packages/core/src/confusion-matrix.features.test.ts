import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode } from './errors/segmetrics-error.js';
import { PAIR_HISTOGRAM_MIN_PIXELS } from './internal/count-image.js';
import { stateChecksum } from './internal/state-json.js';
import type { ConfusionMatrixJSON, ConfusionMatrixOptions, LabelArray } from './types.js';

/*
 * The version 2 features of ConfusionMatrix: instance statistics, the predicted-as-ignore split by raw
 * value, unmapped 'invalid', exact (refused) sums beyond 2^53. Their naive-reference property tests are
 * in confusion-matrix.property.test.ts; their state JSON in confusion-matrix.state.test.ts.
 */

const instanceOptions: ConfusionMatrixOptions = {
  numClasses: 3,
  ignoreIndex: 255,
  perImage: true,
  instances: { minInstanceId: 1001 },
};

describe('ConfusionMatrix.update with instances', () => {
  it('lists each instance (id >= minInstanceId, any ground truth) with its raw prediction histogram', () => {
    // Cityscapes-like labelIds: 26 (car) → 1, 24 (person) → 2, 29 (caravan) ignored
    const cm = new ConfusionMatrix({
      ...instanceOptions,
      labelMapping: { table: { 7: 0, 26: 1, 24: 2, 29: null } },
    });
    const gt = new Uint8Array([26, 26, 26, 24, 24, 29, 29, 7, 26]);
    const pred = new Uint8Array([26, 29, 24, 24, 7, 26, 26, 7, 26]);
    const inst = new Uint16Array([26001, 26001, 26001, 24, 24001, 29, 29001, 7, 26]);
    cm.update(pred, gt, { instances: inst, sampleId: 'a' });
    expect(cm.imageStats[0]!.instances).toEqual([
      { id: 24001, pixels: 1, predictions: [[7, 1]] },
      {
        id: 26001,
        pixels: 3,
        predictions: [
          [24, 1],
          [26, 1],
          [29, 1],
        ],
      },
      { id: 29001, pixels: 1, predictions: [[26, 1]] },
    ]);
    // ids below minInstanceId (plain labelIds: group regions, stuff) are not instances
  });

  it('gives the same statistics for every kind of instance and prediction array', () => {
    const ids = [0, 1001, 1001, 1002, 5, 1002, 1002, 1100];
    const pred = [1, 2, 2, 0, 1, 255, 1, 0];
    const gt = [1, 2, 1, 0, 1, 2, 255, 0];
    const reference = new ConfusionMatrix(instanceOptions).update(pred, gt, { instances: ids });
    for (const Kind of [
      Uint8Array,
      Uint8ClampedArray,
      Uint16Array,
      Int16Array,
      Int32Array,
      Uint32Array,
      Float64Array,
    ]) {
      for (const Pred of [Uint8Array, Uint16Array, Int32Array, Float32Array]) {
        // 8-bit maps cannot hold ids ≥ 1001: shift the ids down with the threshold
        const small = Kind === Uint8Array || Kind === Uint8ClampedArray;
        const scaled = small ? ids.map((v) => (v >= 1000 ? v - 900 : v)) : ids;
        const matrix = new ConfusionMatrix({
          ...instanceOptions,
          instances: { minInstanceId: small ? 101 : 1001 },
        });
        matrix.update(Pred.from(pred), Uint8Array.from(gt), { instances: Kind.from(scaled) });
        const got = matrix.imageStats[0]!.instances!.map((t) => ({ ...t, id: small ? t.id + 900 : t.id }));
        expect(got).toEqual(reference.imageStats[0]!.instances);
      }
    }
  });

  it('counts many instances and prediction values (tables that grow) on a large 16-bit map', () => {
    const n = PAIR_HISTOGRAM_MIN_PIXELS + 77;
    const ids = new Uint16Array(n);
    const pred = new Uint16Array(n);
    const gt = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = i % 3 === 0 ? 7 : 1001 + ((i >> 5) % 40);
      pred[i] = (i * 7919) % 53 === 0 ? 255 : (i >> 3) % 37 < 3 ? (i >> 3) % 37 : 2;
      gt[i] = (i >> 4) % 3;
    }
    const cm = new ConfusionMatrix({ ...instanceOptions, numClasses: 40, ignoreIndex: [255] });
    cm.update(pred, gt, { instances: ids });
    const expected = new Map<number, Map<number, number>>();
    for (let i = 0; i < n; i++) {
      if (ids[i]! < 1001) continue;
      const h = expected.get(ids[i]!) ?? new Map<number, number>();
      h.set(pred[i]!, (h.get(pred[i]!) ?? 0) + 1);
      expected.set(ids[i]!, h);
    }
    const want = [...expected.keys()]
      .sort((a, b) => a - b)
      .map((id) => {
        const predictions = [...expected.get(id)!.entries()].sort((a, b) => a[0] - b[0]);
        return { id, pixels: predictions.reduce((s, [, k]) => s + k, 0), predictions };
      });
    expect(cm.imageStats[0]!.instances).toEqual(want);
    // the scratch tables are clean for the next image
    cm.update(new Uint16Array([1]), new Uint16Array([1]), { instances: new Uint16Array([1001]) });
    expect(cm.imageStats[1]!.instances).toEqual([{ id: 1001, pixels: 1, predictions: [[1, 1]] }]);
  });

  it('lists no instance for an image without one, and for an empty image', () => {
    const cm = new ConfusionMatrix(instanceOptions);
    cm.update([0, 1], [0, 1], { instances: [0, 1000], sampleId: 'a' });
    cm.update([], [], { instances: [], sampleId: 'b' });
    expect(cm.imageStats.map((s) => s.instances)).toEqual([[], []]);
  });

  it('requires the instance map in every update while instances are on, and refuses it otherwise', () => {
    const cm = new ConfusionMatrix(instanceOptions);
    expect(thrown(() => cm.update([0], [0])).code).toBe(ErrorCode.INVALID_OPTION);
    const plain = new ConfusionMatrix({ numClasses: 3, perImage: true });
    const err = thrown(() => plain.update([0], [0], { instances: [1001] }));
    expect(err.code).toBe(ErrorCode.INVALID_OPTION);
    expect(err.context.option).toBe('instances');
    expect(cm.images + plain.images).toBe(0);
  });

  it('refuses instances without perImage with INVALID_OPTION', () => {
    const err = thrown(() => new ConfusionMatrix({ numClasses: 3, instances: { minInstanceId: 1001 } }));
    expect(err.code).toBe(ErrorCode.INVALID_OPTION);
    expect(err.context.option).toBe('instances');
  });

  it('refuses an instance map of another length (SHAPE_MISMATCH) or kind, atomically', () => {
    const cm = new ConfusionMatrix(instanceOptions);
    cm.update([0], [0], { instances: [1001], sampleId: 'first' });
    const before = JSON.stringify(cm);
    expect(thrown(() => cm.update([0, 1], [0, 1], { instances: [1001] })).code).toBe(
      ErrorCode.SHAPE_MISMATCH,
    );
    for (const bad of ['ab', null, new DataView(new ArrayBuffer(2)), new BigInt64Array(2)]) {
      const err = thrown(() => cm.update([0, 1], [0, 1], { instances: bad as unknown as LabelArray }));
      expect(err.code).toBe(ErrorCode.INVALID_OPTION);
      expect(err.context.side).toBe('instances');
    }
    expect(JSON.stringify(cm)).toBe(before);
  });

  it('refuses non-integer instance ids, and non-integer predictions on instance pixels, atomically', () => {
    const cm = new ConfusionMatrix(instanceOptions);
    const before = JSON.stringify(cm);
    let err = thrown(() => cm.update([0, 1, 2], [0, 1, 2], { instances: [0, 1001.5, 1001], width: 3 }));
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(err.context).toMatchObject({ side: 'instances', index: 1, x: 1, y: 0 });
    err = thrown(() => cm.update([0, 1], [0, 1], { instances: new Float32Array([Number.NaN, 1001]) }));
    expect(err.context).toMatchObject({ side: 'instances', index: 0 });
    err = thrown(() => cm.update([0, 1], [0, 1], { instances: [1001, '1001' as unknown as number] }));
    expect(err.context).toMatchObject({ side: 'instances', index: 1 });
    // a prediction on an ignored ground-truth pixel is not validated by the counts, but it is recorded raw
    err = thrown(() => cm.update([0, 0.5], [0, 255], { instances: [0, 1001] }));
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(err.context).toMatchObject({ side: 'prediction', index: 1 });
    // label errors are reported first
    err = thrown(() => cm.update([0, 7], [0, 1], { instances: [0.5, 1001] }));
    expect(err.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
    expect(JSON.stringify(cm)).toBe(before);
    // an out-of-range prediction on an ignored pixel is fine: it is a raw value
    cm.update([0, 77], [0, 255], { instances: [0, 1001] });
    expect(cm.imageStats[0]!.instances).toEqual([{ id: 1001, pixels: 1, predictions: [[77, 1]] }]);
  });

  it('keeps instance statistics through merge, clone, reset and JSON', () => {
    const a = new ConfusionMatrix(instanceOptions);
    const b = new ConfusionMatrix(instanceOptions);
    a.update([1, 1], [1, 1], { instances: [1001, 1001], sampleId: 'b' });
    b.update([2, 0], [2, 2], { instances: [1002, 1003], sampleId: 'a' });
    const merged = a.clone().merge(b);
    expect(merged.imageStats.map((s) => s.instances)).toEqual([
      [
        { id: 1002, pixels: 1, predictions: [[2, 1]] },
        { id: 1003, pixels: 1, predictions: [[0, 1]] },
      ],
      [{ id: 1001, pixels: 2, predictions: [[1, 2]] }],
    ]);
    expect(merged.imageStats[0]!.instances).not.toBe(b.imageStats[0]!.instances);
    expect(JSON.stringify(ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(merged))))).toBe(
      JSON.stringify(merged),
    );
    expect(
      thrown(() => a.merge(new ConfusionMatrix({ ...instanceOptions, instances: { minInstanceId: 1 } })))
        .context.setting,
    ).toBe('instances');
    merged.reset();
    expect(merged.imageStats).toEqual([]);
  });
});

describe('ConfusionMatrix.predictedIgnoreByValue', () => {
  const splitOptions: ConfusionMatrixOptions = {
    numClasses: 2,
    ignoreIndex: 255,
    splitPredictedIgnore: true,
    // Cityscapes-like: 26 → 1, 7 → 0, 29 and 30 (caravan, trailer) and 1 ignored
    labelMapping: { table: { 1: 255, 7: 0, 26: 1, 29: null, 30: -1 } },
  };

  it('is null unless splitPredictedIgnore, and an empty map before anything is predicted as ignored', () => {
    expect(new ConfusionMatrix({ numClasses: 2 }).predictedIgnoreByValue).toBeNull();
    const cm = new ConfusionMatrix(splitOptions);
    cm.update([7, 26], [7, 26]);
    expect(cm.predictedIgnoreByValue!.size).toBe(0);
  });

  it('splits predicted-as-ignore pixels by raw value, per ground-truth class, summing to predictedIgnore', () => {
    const cm = new ConfusionMatrix(splitOptions);
    // gt 26 predicted 29, 30, 1, 255; gt 7 predicted 29; gt 1 (ignored) predicted 29: not counted
    cm.update(new Uint8Array([29, 30, 1, 255, 29, 29, 30]), new Uint8Array([26, 26, 26, 26, 7, 1, 26]));
    const split = [...cm.predictedIgnoreByValue!.entries()].map(([v, row]) => [v, [...row]]);
    expect(split).toEqual([
      [1, [0, 1]],
      [29, [1, 1]],
      [30, [0, 2]],
      [255, [0, 1]],
    ]);
    expect([...cm.predictedIgnore]).toEqual([1, 5]);
  });

  it('gives the same split on every counting path (8-bit pairs, 16-bit, general, slow) and for signed values', () => {
    const n = PAIR_HISTOGRAM_MIN_PIXELS + 5;
    const gtValues = Array.from({ length: n }, (_, i) => [7, 26, 1, 26][(i >> 6) % 4]!);
    const predValues = Array.from({ length: n }, (_, i) => [29, 7, 26, 30, 1, -1][(i * 13) % 6]!);
    const options = { ...splitOptions, ignoreIndex: [255, -1] };
    const naive = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = gtValues[i] === 7 ? 0 : gtValues[i] === 26 ? 1 : -1;
      const p = predValues[i]!;
      if (g < 0 || p === 7 || p === 26) continue;
      const row = naive.get(p) ?? [0, 0];
      row[g]! += 1;
      naive.set(p, row);
    }
    const want = [...naive.entries()].sort((a, b) => a[0] - b[0]);
    const kinds: [(v: number[]) => LabelArray, (v: number[]) => LabelArray][] = [
      [(v) => Int8Array.from(v), (v) => Int8Array.from(v)], // byte pairs
      [(v) => Int16Array.from(v), (v) => Int16Array.from(v)], // 16-bit
      [(v) => Uint8Array.from(v), (v) => Int32Array.from(v)], // general
      [(v) => v, (v) => Float64Array.from(v)], // general, number arrays
    ];
    for (const [gtOf, predOf] of kinds) {
      for (const length of [n, 40]) {
        const cm = new ConfusionMatrix(options);
        cm.update(predOf(predValues.slice(0, length)), gtOf(gtValues.slice(0, length)));
        const got = [...cm.predictedIgnoreByValue!.entries()].map(([v, row]) => [v, [...row]]);
        if (length === n) expect(got).toEqual(want);
        const sums = [0, 0];
        for (const [, row] of got) {
          (row as number[]).forEach((v, g) => {
            sums[g]! += v;
          });
        }
        expect(sums).toEqual([...cm.predictedIgnore]);
      }
    }
    // the slow path (an ignore label far away)
    const slow = new ConfusionMatrix({ ...options, ignoreIndex: [255, -1, 2 ** 40] });
    slow.update([2 ** 40, 29, 7], [26, 7, 7]);
    expect([...slow.predictedIgnoreByValue!.entries()].map(([v, row]) => [v, [...row]])).toEqual([
      [29, [1, 0]],
      [2 ** 40, [0, 1]],
    ]);
  });

  it('merges the split exactly, in value order, including a matrix merged into itself', () => {
    const a = new ConfusionMatrix(splitOptions).update([30], [26]);
    const b = new ConfusionMatrix(splitOptions).update([29, 1], [7, 26]);
    a.merge(b);
    expect([...a.predictedIgnoreByValue!.keys()]).toEqual([1, 29, 30]);
    a.merge(a);
    expect([...a.predictedIgnoreByValue!.entries()].map(([v, row]) => [v, [...row]])).toEqual([
      [1, [0, 2]],
      [29, [2, 0]],
      [30, [0, 2]],
    ]);
    expect(
      thrown(() => a.merge(new ConfusionMatrix({ ...splitOptions, splitPredictedIgnore: false }))).context
        .setting,
    ).toBe('splitPredictedIgnore');
    const clone = a.clone();
    expect(JSON.stringify(clone)).toBe(JSON.stringify(a));
    a.reset();
    expect(a.predictedIgnoreByValue!.size).toBe(0);
    expect(clone.predictedIgnoreByValue!.size).toBe(3);
  });
});

describe("labelMapping.unmapped: 'invalid'", () => {
  // Cityscapes labelIds → trainIds (part of the table): 7 road, 8 sidewalk, 0–6 and 9 ignored
  const labelIds = {
    numClasses: 2,
    ignoreIndex: 255,
    labelMapping: {
      table: { 0: 255, 1: 255, 2: 255, 3: 255, 4: 255, 5: 255, 6: 255, 7: 0, 8: 1, 9: 255 },
      unmapped: 'invalid' as const,
    },
  };

  it('refuses a raw value that is not a table key, naming it, ignore labels included (a trainId file)', () => {
    const cm = new ConfusionMatrix(labelIds);
    cm.update(new Uint8Array([7, 8, 1]), new Uint8Array([7, 8, 0]));
    for (const Kind of [Uint8Array, Uint16Array, Int32Array, Float64Array]) {
      for (const n of [3, PAIR_HISTOGRAM_MIN_PIXELS + 3]) {
        const gt = new Kind(n).fill(7);
        gt[n - 1] = 255; // a trainId file's void
        const err = thrown(() => cm.update(new Kind(n).fill(7), gt, { sampleId: 'x_gtFine_labelIds.png' }));
        expect(err.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
        expect(err.context).toMatchObject({ side: 'groundTruth', value: 255, index: n - 1, unmapped: true });
        expect(err.message).toMatch(/255 .*not in the label mapping table/);
      }
    }
    expect(cm.images).toBe(1);
  });

  it('lets raw 0 be consumed by reduceZeroLabel, and maps the rest through the table after the shift', () => {
    const cm = new ConfusionMatrix({
      numClasses: 2,
      labelMapping: { reduceZeroLabel: true, table: { 0: 1, 1: 0 }, unmapped: 'invalid' },
    });
    // gt 1 → 0 → class 1 (pred 0: ignored); gt 2 → 1 → class 0 (pred 1 → 0 → class 1); gt 0 ignored
    cm.update([0, 1, 2], [1, 2, 0]);
    expect([...cm.counts]).toEqual([0, 1, 0, 0]);
    expect([...cm.predictedIgnore]).toEqual([0, 1]);
    expect(cm.ignoredPixels).toBe(1);
    expect(thrown(() => cm.update([1], [3])).context).toMatchObject({ value: 3, unmapped: true });
  });

  it("does not apply to predictions under applyTo: 'gt'", () => {
    const cm = new ConfusionMatrix({
      ...labelIds,
      labelMapping: { ...labelIds.labelMapping, applyTo: 'gt' },
    });
    cm.update([0, 1], [7, 8]);
    expect([...cm.counts]).toEqual([1, 0, 0, 1]);
    const err = thrown(() => cm.update([7], [7]));
    expect(err.context).toMatchObject({ side: 'prediction', value: 7 });
    expect(err.context.unmapped).toBeUndefined();
  });

  it('is a setting: recorded, and matrices differing in it do not merge', () => {
    const cm = new ConfusionMatrix(labelIds);
    expect(cm.settings.labelMapping!.unmapped).toBe('invalid');
    const pass = new ConfusionMatrix({
      ...labelIds,
      labelMapping: { ...labelIds.labelMapping, unmapped: 'pass' },
    });
    expect(pass.settings.labelMapping!.unmapped).toBe('pass');
    const err = thrown(() => cm.merge(pass));
    expect(err.code).toBe(ErrorCode.INCOMPATIBLE_SETTINGS);
    expect(err.context.setting).toBe('labelMapping');
    expect(err.message).toMatch(/labelMapping differs/);
  });
});

describe('ConfusionMatrix exactness beyond 2^53', () => {
  /** A matrix holding `pixels` counted pixels (via an edited, re-signed state). */
  function holding(pixels: number, options: ConfusionMatrixOptions = { numClasses: 2 }): ConfusionMatrix {
    const state = JSON.parse(
      JSON.stringify(new ConfusionMatrix(options).update([0], [0])),
    ) as ConfusionMatrixJSON;
    state.counts[0]![0] = pixels;
    if (state.imageStats !== null) {
      state.imageStats[0]!.tp[0] = pixels;
      state.imageStats[0]!.support[0] = pixels;
      state.imageStats[0]!.predicted[0] = pixels;
    }
    const { checksum: _, ...body } = state;
    return ConfusionMatrix.fromJSON({ ...state, checksum: stateChecksum(body) });
  }

  it('refuses a merge whose sums would pass 2^53 − 1, changing nothing', () => {
    const a = holding(2 ** 52);
    const b = holding(2 ** 52);
    const before = JSON.stringify(a);
    const err = thrown(() => a.merge(b));
    expect(err.code).toBe(ErrorCode.COUNT_OVERFLOW);
    expect(JSON.stringify(a)).toBe(before);
    // just below the limit merges exactly, and the result reloads
    const c = holding(2 ** 52 - 1);
    c.merge(holding(2 ** 52 - 1));
    expect(c.get(0, 0)).toBe(2 ** 53 - 2);
    expect(ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(c))).get(0, 0)).toBe(2 ** 53 - 2);
  });

  it('refuses an update that would pass 2^53 − 1 pixels, changing nothing', () => {
    const a = holding(2 ** 53 - 3, { numClasses: 2, perImage: true });
    const before = JSON.stringify(a);
    const err = thrown(() => a.update([0, 1, 1], [0, 1, 1], { sampleId: 'z' }));
    expect(err.code).toBe(ErrorCode.COUNT_OVERFLOW);
    expect(err.context.sampleId).toBe('z');
    expect(JSON.stringify(a)).toBe(before);
    a.update([0, 1], [0, 1]);
    expect(a.get(0, 0)).toBe(2 ** 53 - 2);
    expect(a.get(0, 0) + a.get(1, 1)).toBe(2 ** 53 - 1);
  });
});
