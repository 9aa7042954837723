import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown.js';
import { classCounts } from './class-counts.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode } from './errors/segmetrics-error.js';
import { PAIR_HISTOGRAM_MIN_PIXELS } from './internal/count-image.js';
import { stateChecksum } from './internal/state-json.js';
import type { ConfusionMatrixJSON, LabelArray } from './types.js';

/** Runs `fn`, returns the SegmetricsError it throws (fails the test if it does not throw one). */
/** Re-signs an edited state so that only the edited content (not the checksum) is under test. */
function resign(state: ConfusionMatrixJSON): ConfusionMatrixJSON {
  const { checksum: _, ...body } = state;
  return { ...state, checksum: stateChecksum(body) };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('ConfusionMatrix', () => {
  it('counts rows as ground truth and columns as prediction', () => {
    const cm = new ConfusionMatrix({ numClasses: 3 });
    cm.update(new Uint8Array([0, 1, 2, 2]), new Uint8Array([0, 1, 1, 2]));
    expect([...cm.counts]).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1]);
    expect(cm.get(1, 2)).toBe(1);
    expect(cm.images).toBe(1);
  });

  it('returns NaN from get for a cell outside the matrix', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    expect(cm.get(0, 2)).toBeNaN();
    expect(cm.get(-1, 0)).toBeNaN();
    expect(cm.get(0.5, 0)).toBeNaN();
  });

  it('tallies ignored ground truth and keeps predicted-as-ignore as a miss column', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    cm.update([255, 0, 1, 1], [0, 255, 1, 1]);
    expect(cm.ignoredPixels).toBe(1);
    expect([...cm.counts]).toEqual([0, 0, 0, 2]);
    expect([...cm.predictedIgnore]).toEqual([1, 0]);
  });

  it('treats an ignore label inside [0, C) as ignored on both sides', () => {
    const cm = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 0 });
    cm.update(new Uint8Array([1, 0, 2, 1]), new Uint8Array([0, 1, 2, 2]));
    expect(cm.ignoredPixels).toBe(1);
    expect([...cm.predictedIgnore]).toEqual([0, 1, 0]);
    expect([...cm.counts]).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('accepts several ignore labels and never validates the prediction of an ignored pixel', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: [255, 0] });
    cm.update([77, 1, 255, 0, 1], [0, 255, 1, 1, 1]);
    expect(cm.ignoredPixels).toBe(2);
    expect([...cm.predictedIgnore]).toEqual([0, 2]);
    expect([...cm.counts]).toEqual([0, 0, 0, 1]);
  });

  it('counts a prediction equal to an ignore label as a false negative of the ground-truth class', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    cm.update(new Uint8Array([255, 255, 1, 0]), new Uint8Array([0, 0, 1, 1]));
    const counts = classCounts(cm);
    expect([...counts.fn]).toEqual([2, 1]);
    expect([...counts.fp]).toEqual([1, 0]);
    expect([...counts.support]).toEqual([2, 2]);
    expect(counts.total).toBe(4);
  });

  it('applies reduceZeroLabel: raw 0 is ignored, k becomes k - 1, ignore labels stay ignored', () => {
    const cm = new ConfusionMatrix({
      numClasses: 2,
      ignoreIndex: 255,
      labelMapping: { reduceZeroLabel: true },
    });
    cm.update(new Uint8Array([1, 2, 2, 0, 1]), new Uint8Array([1, 2, 0, 255, 2]));
    expect(cm.ignoredPixels).toBe(2);
    // pairs after mapping: (0, 0), (1, 1), (1, 0)
    expect([...cm.counts]).toEqual([1, 0, 1, 1]);
    // prediction raw 0 is ignored too (mapping applies to both by default)
    cm.update(new Uint8Array([0]), new Uint8Array([1]));
    expect([...cm.predictedIgnore]).toEqual([1, 0]);
  });

  it('maps raw ids through a table (Cityscapes labelIds to trainIds), unmapped ids pass through', () => {
    // cityscapesScripts labels.py: road id 7 → trainId 0, sidewalk 8 → 1, ego vehicle 1 → 255
    const cm = new ConfusionMatrix({
      numClasses: 3,
      ignoreIndex: 255,
      labelMapping: { table: { 7: 0, 8: 1, 1: 255 } },
    });
    cm.update(new Uint8Array([7, 8, 8, 2, 1]), new Uint8Array([7, 8, 7, 2, 1]));
    expect(cm.ignoredPixels).toBe(1);
    expect([...cm.counts]).toEqual([1, 1, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('treats table entries mapped to null or -1 as ignored', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, labelMapping: { table: [null, 0, -1, 1] } });
    cm.update([1, 3, 0], [0, 2, 3]);
    expect(cm.ignoredPixels).toBe(2);
    expect([...cm.predictedIgnore]).toEqual([0, 1]);
  });

  it('applies reduceZeroLabel before the table', () => {
    const cm = new ConfusionMatrix({
      numClasses: 2,
      labelMapping: { reduceZeroLabel: true, table: { 4: 1 } },
    });
    cm.update([5], [5]); // 5 → 4 → 1
    expect(cm.get(1, 1)).toBe(1);
  });

  it("limits the mapping to the ground truth with applyTo: 'gt'", () => {
    const cm = new ConfusionMatrix({
      numClasses: 2,
      ignoreIndex: 255,
      labelMapping: { table: { 7: 0, 8: 1 }, applyTo: 'gt' },
    });
    cm.update(new Uint8Array([0, 1, 1]), new Uint8Array([7, 8, 7]));
    expect([...cm.counts]).toEqual([1, 1, 0, 1]);
    const err = thrown(() => cm.update(new Uint8Array([7]), new Uint8Array([7])));
    expect(err.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
    expect(err.context).toMatchObject({ side: 'prediction', value: 7 });
  });

  it('accepts every TypedArray kind and number arrays, mixed', () => {
    const kinds = [
      Uint8Array,
      Uint8ClampedArray,
      Int8Array,
      Uint16Array,
      Int16Array,
      Int32Array,
      Uint32Array,
      Float32Array,
      Float64Array,
    ];
    const gt = [0, 1, 2, 2, 1];
    const pred = [0, 2, 2, 1, 1];
    for (const G of kinds) {
      for (const P of kinds) {
        const cm = new ConfusionMatrix({ numClasses: 3 });
        cm.update(P.from(pred), G.from(gt));
        cm.update(pred, G.from(gt));
        expect([...cm.counts]).toEqual([2, 0, 0, 0, 2, 2, 0, 2, 2]);
      }
    }
  });

  it('handles negative labels and wide value ranges on the general path', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: [-1, 2 ** 31 - 1] });
    cm.update(new Int32Array([-1, 0, 1, 2 ** 31 - 1]), new Int32Array([0, -1, 1, 2 ** 31 - 1]));
    expect(cm.ignoredPixels).toBe(2);
    expect([...cm.predictedIgnore]).toEqual([1, 0]);
    expect([...cm.counts]).toEqual([0, 0, 0, 1]);
  });

  it('counts large 8-bit and 16-bit maps at any byte offset like small ones', () => {
    const n = PAIR_HISTOGRAM_MIN_PIXELS + 13;
    const gtValues = Array.from({ length: n }, (_, i) => (i % 97 < 60 ? 1 : i % 7 === 0 ? 255 : 0));
    const predValues = Array.from({ length: n }, (_, i) => (i % 89 < 50 ? 1 : i % 11 === 0 ? 255 : 0));
    const expected = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    expected.update(predValues, gtValues);
    for (const Kind of [Uint8Array, Uint16Array]) {
      for (const [gOff, pOff] of [
        [0, 0],
        [1, 3],
        [2, 2],
        [3, 0],
      ]) {
        const gt = new Kind(
          new ArrayBuffer((n + 4) * Kind.BYTES_PER_ELEMENT),
          gOff! * Kind.BYTES_PER_ELEMENT,
          n,
        );
        const pred = new Kind(
          new ArrayBuffer((n + 4) * Kind.BYTES_PER_ELEMENT),
          pOff! * Kind.BYTES_PER_ELEMENT,
          n,
        );
        gt.set(gtValues);
        pred.set(predValues);
        const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
        cm.update(pred, gt);
        expect(cm.toJSON().counts).toEqual(expected.toJSON().counts);
        expect([...cm.predictedIgnore]).toEqual([...expected.predictedIgnore]);
        expect(cm.ignoredPixels).toBe(expected.ignoredPixels);
      }
    }
  });

  it('counts an empty image as an image with no pixels', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    cm.update(new Uint8Array(0), new Uint8Array(0), { width: 0, height: 0 });
    expect(cm.images).toBe(1);
    expect([...cm.counts]).toEqual([0, 0, 0, 0]);
  });
});

describe('ConfusionMatrix.update validation', () => {
  const sizes = [4, PAIR_HISTOGRAM_MIN_PIXELS + 132];
  for (const n of sizes) {
    for (const Kind of [Uint8Array, Uint16Array, Int32Array, Float64Array]) {
      it(`names the side, value, first pixel, x, y and sample of an out-of-range label (${Kind.name}, ${n} px)`, () => {
        const width = n === 4 ? 2 : 100;
        const gt = new Kind(n).fill(1);
        const pred = new Kind(n).fill(0);
        gt[n - 1] = 9; // ground truth invalid late
        pred[n - 2] = 7; // prediction invalid earlier: reported first
        const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
        const err = thrown(() => cm.update(pred, gt, { width, sampleId: 'img.png' }));
        expect(err.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
        const index = n - 2;
        expect(err.context).toMatchObject({
          side: 'prediction',
          value: 7,
          index,
          x: index % width,
          y: Math.floor(index / width),
          sampleId: 'img.png',
        });
        pred[n - 2] = 0;
        const gtErr = thrown(() => cm.update(pred, gt, { sampleId: 'img.png' }));
        expect(gtErr.context).toMatchObject({ side: 'groundTruth', value: 9, index: n - 1 });
        expect(gtErr.context.x).toBeUndefined();
        expect(cm.images).toBe(0);
      });
    }
  }

  it('reports negative values of signed arrays as out of range', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    for (const Kind of [Int8Array, Int16Array, Int32Array]) {
      const err = thrown(() => cm.update(Kind.from([0, 1]), Kind.from([0, -3])));
      expect(err.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
      expect(err.context).toMatchObject({ side: 'groundTruth', value: -3, index: 1 });
    }
  });

  it('reports non-integer values with LABEL_NOT_INTEGER on either side', () => {
    const cm = new ConfusionMatrix({ numClasses: 3 });
    let err = thrown(() => cm.update([0, 1.5], [0, 1]));
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(err.context).toMatchObject({ side: 'prediction', value: 1.5, index: 1 });
    err = thrown(() => cm.update(new Float32Array([0, 1]), new Float32Array([Number.NaN, 1])));
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(err.context).toMatchObject({ side: 'groundTruth', index: 0 });
    err = thrown(() => cm.update([0, 1], [Number.POSITIVE_INFINITY, 1]));
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
  });

  it('rejects length and width/height mismatches with SHAPE_MISMATCH', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    expect(thrown(() => cm.update([0, 1, 1], [0, 1])).code).toBe(ErrorCode.SHAPE_MISMATCH);
    expect(thrown(() => cm.update([0, 1, 1, 0], [0, 1, 1, 0], { width: 3, height: 2 })).code).toBe(
      ErrorCode.SHAPE_MISMATCH,
    );
    expect(thrown(() => cm.update([0, 1, 1, 0], [0, 1, 1, 0], { width: 3 })).code).toBe(
      ErrorCode.SHAPE_MISMATCH,
    );
    expect(thrown(() => cm.update([0, 1, 1, 0], [0, 1, 1, 0], { height: 3 })).code).toBe(
      ErrorCode.SHAPE_MISMATCH,
    );
    expect(thrown(() => cm.update([0, 1], [0, 1], { width: 1.5 })).code).toBe(ErrorCode.SHAPE_MISMATCH);
    cm.update([0, 1, 1, 0], [0, 1, 1, 0], { width: 2 });
    cm.update([0, 1, 1, 0], [0, 1, 1, 0], { height: 4 });
    expect(cm.images).toBe(2);
  });

  it('refuses a sample id counted before, leaving the matrix unchanged', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    cm.update([0], [0], { sampleId: 'a' });
    const before = JSON.stringify(cm);
    expect(thrown(() => cm.update([1], [1], { sampleId: 'a' })).code).toBe(ErrorCode.DUPLICATE_SAMPLE);
    expect(JSON.stringify(cm)).toBe(before);
  });

  it('leaves the matrix unchanged when an update throws', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, perImage: true });
    cm.update([0, 1], [0, 1]);
    const before = JSON.stringify(cm);
    const error = thrown(() => cm.update([0, 0, 1], [0, 1, 7], { width: 3, sampleId: 'a.png' }));
    expect(error.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
    expect(error.context).toMatchObject({ side: 'groundTruth', value: 7, index: 2, x: 2, y: 0 });
    expect(JSON.stringify(cm)).toBe(before);
    expect(cm.sampleIds).toEqual([]);
  });

  it('names the mapped value when a label mapping puts a label out of range', () => {
    const cm = new ConfusionMatrix({ numClasses: 19, labelMapping: { table: { 0: 99 } } });
    const error = thrown(() => cm.update([1, 1], [1, 0], { width: 2 }));
    expect(error.code).toBe(ErrorCode.LABEL_OUT_OF_RANGE);
    expect(error.message).toContain('ground truth label 0 (mapped to 99 by the label mapping) at pixel 1');
    expect(error.context).toMatchObject({ side: 'groundTruth', value: 0, mappedValue: 99 });
    // Without a mapping of the value, the message is as before.
    const plain = thrown(() => cm.update([1, 25], [1, 1], { width: 2 }));
    expect(plain.message).toContain('prediction label 25 at pixel 1 ');
    expect(plain.context.mappedValue).toBeUndefined();
    const reduced = new ConfusionMatrix({
      numClasses: 3,
      ignoreIndex: 255,
      labelMapping: { reduceZeroLabel: true },
    });
    expect(thrown(() => reduced.update([1], [9])).message).toContain(
      'label 9 (mapped to 8 by the label mapping)',
    );
  });
});

describe('ConfusionMatrix.imageStats', () => {
  it('keeps per-image tp, support, predicted and ignored pixels', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255, perImage: true });
    cm.update([0, 1, 255, 1], [0, 0, 0, 255], { sampleId: 'x' });
    const [stats] = cm.imageStats;
    expect(stats!.sampleId).toBe('x');
    expect([...stats!.tp]).toEqual([1, 0]);
    expect([...stats!.support]).toEqual([3, 0]);
    expect([...stats!.predicted]).toEqual([1, 1]);
    expect(stats!.ignored).toBe(1);
  });

  it('returns images in canonical order: by sample id, then images without id in insertion order', () => {
    const make = (order: string[]) => {
      const cm = new ConfusionMatrix({ numClasses: 2, perImage: true });
      for (const id of order) {
        const v = id.startsWith('anon') ? Number(id.slice(4)) % 2 : id.length % 2;
        cm.update([v], [v], id.startsWith('anon') ? {} : { sampleId: id });
      }
      return cm;
    };
    const a = make(['b', 'anon1', 'a', 'Z', 'anon2', 'ab']);
    expect(a.imageStats.map((s) => s.sampleId)).toEqual(['Z', 'a', 'ab', 'b', null, null]);
    expect(a.imageStats.map((s) => s.tp[1])).toEqual([1, 1, 0, 1, 1, 0]);
    const b = make(['ab', 'Z', 'anon1']).merge(make(['a', 'b', 'anon2']));
    expect(JSON.stringify(b.imageStats.map((s) => s.sampleId))).toBe(
      JSON.stringify(a.imageStats.map((s) => s.sampleId)),
    );
  });

  it('throws PER_IMAGE_DISABLED when the matrix was created without perImage', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    expect(thrown(() => cm.imageStats).code).toBe(ErrorCode.PER_IMAGE_DISABLED);
  });
});

describe('ConfusionMatrix.merge', () => {
  it('adds counts, images, sample ids and per-image statistics', () => {
    const a = new ConfusionMatrix({ numClasses: 2, perImage: true });
    const b = new ConfusionMatrix({ numClasses: 2, perImage: true });
    a.update([0, 1], [0, 0], { sampleId: 'a' });
    b.update([1, 1], [1, 0], { sampleId: 'b' });
    a.merge(b);
    expect([...a.counts]).toEqual([1, 2, 0, 1]);
    expect(a.images).toBe(2);
    expect(a.sampleIds).toEqual(['a', 'b']);
    expect(a.imageStats).toHaveLength(2);
    // copies, not shared buffers
    expect(a.imageStats[1]!.tp).not.toBe(b.imageStats[0]!.tp);
  });

  it('refuses different settings with INCOMPATIBLE_SETTINGS, atomically', () => {
    const a = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255 });
    a.update([0], [0]);
    const before = JSON.stringify(a);
    for (const options of [
      { numClasses: 3, ignoreIndex: 255 },
      { numClasses: 2 },
      { numClasses: 2, ignoreIndex: 255, labelMapping: { reduceZeroLabel: true } },
      { numClasses: 2, ignoreIndex: 255, perImage: true },
    ]) {
      expect(thrown(() => a.merge(new ConfusionMatrix(options))).code).toBe(ErrorCode.INCOMPATIBLE_SETTINGS);
    }
    expect(JSON.stringify(a)).toBe(before);
  });

  it('treats settings written differently but equal after normalisation as compatible', () => {
    const a = new ConfusionMatrix({ numClasses: 2, ignoreIndex: [255, 0, 255] });
    const b = new ConfusionMatrix({ numClasses: 2, ignoreIndex: [0, 255] });
    expect(() => a.merge(b)).not.toThrow();
  });

  it('refuses overlapping sample ids with DUPLICATE_SAMPLE, atomically', () => {
    const a = new ConfusionMatrix({ numClasses: 2 });
    const b = new ConfusionMatrix({ numClasses: 2 });
    a.update([0], [0], { sampleId: 'x' });
    b.update([1], [1], { sampleId: 'y' });
    b.update([1], [1], { sampleId: 'x' });
    const before = JSON.stringify(a);
    const err = thrown(() => a.merge(b));
    expect(err.code).toBe(ErrorCode.DUPLICATE_SAMPLE);
    expect(err.context.sampleId).toBe('x');
    expect(JSON.stringify(a)).toBe(before);
    expect(thrown(() => a.merge(a)).code).toBe(ErrorCode.DUPLICATE_SAMPLE);
  });

  it('doubles a matrix merged into itself when it has no sample ids', () => {
    const a = new ConfusionMatrix({ numClasses: 2, perImage: true });
    a.update([0, 1], [0, 0]);
    a.merge(a);
    expect([...a.counts]).toEqual([2, 2, 0, 0]);
    expect(a.imageStats).toHaveLength(2);
  });

  it('keeps counts above 2^32 exact', () => {
    const base = new ConfusionMatrix({ numClasses: 2 });
    base.update([0, 1], [0, 1]);
    const state = copy(base.toJSON());
    state.counts[0]![0] = 2 ** 32 + 7;
    state.counts[1]![0] = 2 ** 40 + 1;
    const a = ConfusionMatrix.fromJSON(resign(state));
    const b = ConfusionMatrix.fromJSON(resign(state));
    a.merge(b);
    expect(a.get(0, 0)).toBe(2 ** 33 + 14);
    expect(a.get(1, 0)).toBe(2 ** 41 + 2);
    expect(classCounts(a).total).toBe(2 ** 33 + 14 + 2 ** 41 + 2 + 2);
    a.update([0], [0]);
    expect(a.get(0, 0)).toBe(2 ** 33 + 15);
  });

  it('refuses something that is not a matrix with INVALID_OPTION', () => {
    const a = new ConfusionMatrix({ numClasses: 2 });
    expect(thrown(() => a.merge({} as ConfusionMatrix)).code).toBe(ErrorCode.INVALID_OPTION);
  });
});

describe('ConfusionMatrix.reset and clone', () => {
  it('reset clears every count, keeping the settings', () => {
    const a = new ConfusionMatrix({ numClasses: 2, perImage: true });
    a.update([0, 1], [0, 0], { sampleId: 'a' });
    a.reset();
    expect(JSON.stringify(a)).toBe(JSON.stringify(new ConfusionMatrix({ numClasses: 2, perImage: true })));
    a.update([0], [0], { sampleId: 'a' });
    expect(a.images).toBe(1);
  });

  it('clone is an independent, equal copy', () => {
    const a = new ConfusionMatrix({
      numClasses: 2,
      labelMapping: { table: { 5: 1, 6: null } },
      perImage: true,
    });
    a.update([5, 6], [5, 0], { sampleId: 'a' });
    const b = a.clone();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    b.update([0], [0]);
    expect(a.images).toBe(1);
  });
});

describe('ConfusionMatrix.toJSON / fromJSON', () => {
  const sample = () => {
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
  };

  it('writes a plain object with schemaVersion, kind, settings, counts and a checksum', () => {
    const state = sample().toJSON();
    expect(state.schemaVersion).toBe(2);
    expect(state.kind).toBe('segmetrics/confusion-matrix');
    expect(state.settings).toEqual({
      numClasses: 3,
      ignoreIndex: [0, 255],
      labelMapping: {
        table: [
          [7, 1],
          [9, null],
        ],
        reduceZeroLabel: true,
        applyTo: 'both',
        unmapped: 'pass',
      },
      perImage: true,
      instances: null,
      splitPredictedIgnore: false,
      boundary: null,
    });
    expect(state.predictedIgnoreByValue).toBeNull();
    expect(state.counts).toHaveLength(3);
    expect(state.sampleIds).toEqual(['b', 'a']);
    expect(state.imageStats!.map((s) => s.sampleId)).toEqual(['a', 'b', null]);
    expect(state.checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('round-trips exactly', () => {
    const cm = sample();
    const text = JSON.stringify(cm);
    const back = ConfusionMatrix.fromJSON(JSON.parse(text));
    expect(JSON.stringify(back)).toBe(text);
    expect(back.settings).toEqual(cm.settings);
    expect([...back.counts]).toEqual([...cm.counts]);
    expect(back.sampleIds).toEqual(cm.sampleIds);
  });

  const tampered: [string, (s: ConfusionMatrixJSON & Record<string, unknown>) => void, string][] = [
    ['a wrong schema version', (s) => Object.assign(s, { schemaVersion: 3 }), 'schemaVersion'],
    ['a wrong kind', (s) => Object.assign(s, { kind: 'other' }), 'kind'],
    ['a negative count', (s) => (s.counts[0]![1] = -1), 'counts[0][1]'],
    ['a fractional count', (s) => (s.counts[1]![1] = 1.5), 'counts[1][1]'],
    ['a count beyond 2^53', (s) => (s.counts[1]![1] = 2 ** 60), 'counts[1][1]'],
    ['a string count', (s) => Object.assign(s.counts[1]!, { 1: '2' }), 'counts[1][1]'],
    ['a short row', (s) => s.counts[2]!.pop(), 'counts[2]'],
    ['a missing row', (s) => s.counts.pop(), 'counts'],
    ['a short predictedIgnore', (s) => s.predictedIgnore.pop(), 'predictedIgnore'],
    ['a bad ignoredPixels', (s) => Object.assign(s, { ignoredPixels: null }), 'ignoredPixels'],
    ['a bad images count', (s) => Object.assign(s, { images: -1 }), 'images'],
    ['duplicate sample ids', (s) => (s.sampleIds[1] = s.sampleIds[0]!), 'sampleIds[1]'],
    ['a non-string sample id', (s) => Object.assign(s.sampleIds, { 0: 5 }), 'sampleIds[0]'],
    ['more sample ids than images', (s) => Object.assign(s, { images: 1 }), 'sampleIds'],
    ['unsorted ignore labels', (s) => (s.settings.ignoreIndex = [255, 0]), 'settings'],
    ['a zero class count', (s) => (s.settings.numClasses = 0), 'settings.numClasses'],
    ['a bad applyTo', (s) => Object.assign(s.settings.labelMapping!, { applyTo: 'pred' }), 'settings'],
    [
      'a bad table entry',
      (s) => Object.assign(s.settings.labelMapping!.table, { 0: [7] }),
      'settings.labelMapping.table[0]',
    ],
    [
      'per-image stats that do not sum to the totals',
      (s) => {
        const t = s.imageStats![0]!;
        t.tp[1]! += 1;
        t.support[1]! += 1;
        t.predicted[1]! += 1;
      },
      'imageStats[*].tp[1]',
    ],
    ['per-image tp above support', (s) => (s.imageStats![0]!.tp[2] = 99), 'imageStats[0].tp[2]'],
    [
      'a per-image sample id not in sampleIds',
      (s) => (s.imageStats![0]!.sampleId = 'zzz'),
      'imageStats[0].sampleId',
    ],
    ['missing per-image stats', (s) => s.imageStats!.pop(), 'imageStats'],
    ['per-image stats although perImage is false', (s) => (s.settings.perImage = false), 'imageStats'],
    ['ignored pixels not matching per-image stats', (s) => (s.ignoredPixels += 1), 'imageStats[*].ignored'],
  ];
  for (const [what, edit, path] of tampered) {
    it(`rejects ${what} with INVALID_STATE naming ${path}`, () => {
      const state = copy(sample().toJSON()) as ConfusionMatrixJSON & Record<string, unknown>;
      edit(state);
      // re-signed: the validation itself must catch it, not only the checksum
      const err = thrown(() => ConfusionMatrix.fromJSON(resign(state)));
      expect(err.code).toBe(ErrorCode.INVALID_STATE);
      expect(err.context.path).toBe(path);
      // as a hand edit (checksum left as it was) it is rejected too
      expect(thrown(() => ConfusionMatrix.fromJSON(state)).code).toBe(ErrorCode.INVALID_STATE);
    });
  }

  it('detects a consistent hand edit through the checksum', () => {
    const state = copy(sample().toJSON());
    state.images += 1;
    state.imageStats!.push({
      sampleId: null,
      tp: [0, 0, 0],
      support: [0, 0, 0],
      predicted: [0, 0, 0],
      ignored: 0,
    });
    const err = thrown(() => ConfusionMatrix.fromJSON(state));
    expect(err.code).toBe(ErrorCode.INVALID_STATE);
    expect(err.context.path).toBe('checksum');
    expect(() => ConfusionMatrix.fromJSON(resign(state))).not.toThrow();
  });

  it('never crashes on arbitrary values', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    for (const value of [undefined, null, 0, 'x', [], {}, { schemaVersion: 1 }, hostile]) {
      expect(thrown(() => ConfusionMatrix.fromJSON(value)).code).toBe(ErrorCode.INVALID_STATE);
    }
  });
});

describe('LabelArray', () => {
  it('accepts readonly number arrays', () => {
    const data: LabelArray = Object.freeze([0, 1]);
    const cm = new ConfusionMatrix({ numClasses: 2 });
    cm.update(data, data);
    expect(cm.get(1, 1)).toBe(1);
  });
});

describe('ConfusionMatrix.update inputs', () => {
  it('rejects values that are not label arrays with INVALID_OPTION, never a crash', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    const bad: unknown[] = [
      null,
      undefined,
      'ab',
      5,
      {},
      new DataView(new ArrayBuffer(2)),
      new BigInt64Array(2),
    ];
    for (const value of bad) {
      const err = thrown(() => cm.update(value as LabelArray, [0, 1]));
      expect(err.code).toBe(ErrorCode.INVALID_OPTION);
      expect(err.context.side).toBe('prediction');
      expect(thrown(() => cm.update([0, 1], value as LabelArray)).context.side).toBe('groundTruth');
    }
    expect(cm.images).toBe(0);
  });

  it('rejects a non-string sample id with INVALID_OPTION', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    expect(thrown(() => cm.update([0], [0], { sampleId: 5 as unknown as string })).code).toBe(
      ErrorCode.INVALID_OPTION,
    );
  });

  it('reports non-numbers inside a number array as LABEL_NOT_INTEGER', () => {
    const cm = new ConfusionMatrix({ numClasses: 2 });
    const err = thrown(() => cm.update([0, 1], [0, '1' as unknown as number]));
    expect(err.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
    expect(err.context).toMatchObject({ side: 'groundTruth', index: 1 });
    for (const odd of [Symbol('x'), 1n, { valueOf: () => 1 }, undefined, null]) {
      const e = thrown(() => cm.update([0, odd as unknown as number], [0, 1]));
      expect(e.code).toBe(ErrorCode.LABEL_NOT_INTEGER);
      expect(e.context).toMatchObject({ side: 'prediction', index: 1 });
    }
  });
});

describe('ConfusionMatrix with large label mappings', () => {
  it('accepts a lookup table with 300,000 entries and counts through it', () => {
    const table = Array.from({ length: 300_000 }, (_, raw) => raw % 3);
    const cm = new ConfusionMatrix({ numClasses: 3, labelMapping: { table } });
    cm.update(new Int32Array([299_999, 4, 5]), new Int32Array([299_999, 4, 2]));
    // 299,999 → 2, 4 → 1, 5 → 2, 2 → 2
    expect([...cm.counts]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('counts labels far apart (an ignore label at 2^31 − 1) on the slow path', () => {
    const cm = new ConfusionMatrix({ numClasses: 2, ignoreIndex: [-(2 ** 31), 2 ** 31 - 1] });
    cm.update([0, 1, 1], new Float64Array([2 ** 31 - 1, -(2 ** 31), 1]));
    expect(cm.ignoredPixels).toBe(2);
    expect(cm.get(1, 1)).toBe(1);
  });
});

describe('revision', () => {
  it('changes with every update, merge and reset, failed ones included, and not on reads', () => {
    const matrix = new ConfusionMatrix({ numClasses: 2, perImage: true });
    const seen = [matrix.revision];
    const changed = () => {
      expect(seen).not.toContain(matrix.revision);
      seen.push(matrix.revision);
    };
    matrix.update(Uint8Array.of(0, 1), Uint8Array.of(0, 0), { sampleId: 'a' });
    changed();
    void matrix.imageStats;
    void matrix.counts;
    matrix.toJSON();
    expect(matrix.revision).toBe(seen.at(-1));
    expect(() => matrix.update(Uint8Array.of(0), Uint8Array.of(0, 1))).toThrow();
    changed();
    const other = new ConfusionMatrix({ numClasses: 2, perImage: true });
    other.update(Uint8Array.of(1), Uint8Array.of(1), { sampleId: 'b' });
    matrix.merge(other);
    changed();
    matrix.reset();
    changed();
    expect(ConfusionMatrix.fromJSON(matrix.toJSON()).revision).toBe(0);
  });
});
