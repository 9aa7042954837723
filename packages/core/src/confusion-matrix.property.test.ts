import { seededRandom } from '@segmetrics/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { SegmetricsError } from './errors/segmetrics-error.js';
import { PAIR_HISTOGRAM_MIN_PIXELS } from './internal/count-image.js';
import type { ConfusionMatrixOptions, InstanceStats, LabelArray } from './types.js';

/*
 * Property tests against a deliberately naive reference: one pixel at a time, the rules written out as
 * in the issue, no lookup tables, no histograms, plain nested arrays.
 */

interface NaiveResult {
  counts: number[][];
  predictedIgnore: number[];
  ignored: number;
  /** Raw prediction value (as a string key) → per ground-truth class, pixels predicted as that ignored value. */
  byValue: Record<string, number[]>;
  /** With splitIgnoredGroundTruth: `${rawGt}:${rawPred}` → pixels whose ground truth is ignored. */
  pairs: Record<string, number>;
  /** Instance id → raw prediction value → pixels, or null without an instance map. */
  instances: [number, number, [number, number][]][] | null;
}

type NaiveError = { side: 'groundTruth' | 'prediction' | 'instances'; index: number; integer: boolean };

function naiveClass(
  options: ConfusionMatrixOptions,
  value: number,
  mapped: boolean,
): number | 'ignored' | 'invalid' {
  if (!Number.isInteger(value)) return 'invalid';
  const ignore = ([] as number[]).concat(options.ignoreIndex ?? []);
  let v: number | null = value;
  const m = options.labelMapping;
  if (mapped && m) {
    if (m.reduceZeroLabel) {
      if (v === 0) return 'ignored';
      if (!ignore.includes(v)) v = v - 1;
    }
    const table = m.table as Record<number, number | null> | undefined;
    if (table && Object.hasOwn(table, v)) {
      v = table[v] as number | null;
      if (v === null || v === -1) return 'ignored';
    } else if (m.unmapped === 'invalid') {
      return 'invalid';
    }
  }
  if (ignore.includes(v)) return 'ignored';
  if (v >= 0 && v < options.numClasses) return v;
  return 'invalid';
}

function naiveCount(
  options: ConfusionMatrixOptions,
  pred: ArrayLike<number>,
  gt: ArrayLike<number>,
  instances?: ArrayLike<number>,
): NaiveResult | NaiveError {
  const c = options.numClasses;
  const counts = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  const predictedIgnore = new Array<number>(c).fill(0);
  const byValue: Record<string, number[]> = {};
  const pairs: Record<string, number> = {};
  let ignored = 0;
  const mapPred = options.labelMapping?.applyTo !== 'gt';
  for (let i = 0; i < gt.length; i++) {
    const g = naiveClass(options, gt[i]!, true);
    if (g === 'ignored') {
      ignored += 1;
      if (options.splitIgnoredGroundTruth) {
        const pv = pred[i]!;
        if (!Number.isSafeInteger(pv)) return { side: 'prediction', index: i, integer: Number.isInteger(pv) };
        const key = `${gt[i]! === 0 ? 0 : gt[i]}:${pv === 0 ? 0 : pv}`;
        pairs[key] = (pairs[key] ?? 0) + 1;
      }
      continue;
    }
    if (g === 'invalid') return { side: 'groundTruth', index: i, integer: Number.isInteger(gt[i]) };
    const p = naiveClass(options, pred[i]!, mapPred);
    if (p === 'invalid') return { side: 'prediction', index: i, integer: Number.isInteger(pred[i]) };
    if (p === 'ignored') {
      predictedIgnore[g]! += 1;
      const key = String(pred[i]! === 0 ? 0 : pred[i]);
      byValue[key] ??= new Array<number>(c).fill(0);
      byValue[key]![g]! += 1;
    } else counts[g]![p]! += 1;
  }
  let instanceList: NaiveResult['instances'] = null;
  if (instances !== undefined) {
    const min = options.instances!.minInstanceId;
    const found = new Map<number, Map<number, number>>();
    for (let i = 0; i < instances.length; i++) {
      const id = instances[i]!;
      if (!Number.isInteger(id)) return { side: 'instances', index: i, integer: false };
      if (id < min) continue;
      const v = pred[i]!;
      if (!Number.isInteger(v)) return { side: 'prediction', index: i, integer: false };
      const histogram = found.get(id === 0 ? 0 : id) ?? new Map<number, number>();
      histogram.set(v === 0 ? 0 : v, (histogram.get(v === 0 ? 0 : v) ?? 0) + 1);
      found.set(id === 0 ? 0 : id, histogram);
    }
    instanceList = [...found.keys()]
      .sort((a, b) => a - b)
      .map((id) => {
        const histogram = [...found.get(id)!.entries()].sort((a, b) => a[0] - b[0]);
        return [id, histogram.reduce((sum, [, n]) => sum + n, 0), histogram];
      });
  }
  return { counts, predictedIgnore, ignored, byValue, pairs, instances: instanceList };
}

const KINDS = [
  'Uint8Array',
  'Uint8ClampedArray',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'Array',
] as const;
type Kind = (typeof KINDS)[number];
const CONSTRUCTORS = {
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
};
const RANGE: Record<Kind, [number, number]> = {
  Uint8Array: [0, 255],
  Uint8ClampedArray: [0, 255],
  Int8Array: [-128, 127],
  Uint16Array: [0, 65535],
  Int16Array: [-32768, 32767],
  Uint32Array: [0, 2 ** 32 - 1],
  Int32Array: [-(2 ** 31), 2 ** 31 - 1],
  Float32Array: [-(2 ** 24), 2 ** 24],
  Float64Array: [-(2 ** 40), 2 ** 40],
  Array: [-(2 ** 40), 2 ** 40],
};

/** The tests' seeded generator (mulberry32). */
const prng = seededRandom;

/** Builds a label array of `kind` holding `values` (clamped to the kind), at a random element offset. */
function makeArray(kind: Kind, values: number[], offset: number): LabelArray {
  if (kind === 'Array') return values;
  const Ctor = CONSTRUCTORS[kind];
  const buffer = new ArrayBuffer((values.length + offset) * Ctor.BYTES_PER_ELEMENT);
  const out = new Ctor(buffer, offset * Ctor.BYTES_PER_ELEMENT, values.length);
  out.set(values);
  return out;
}

/** What the array really holds (after the kind's conversion). */
const stored = (a: LabelArray): number[] => Array.from(a as ArrayLike<number>);

interface Scenario {
  options: ConfusionMatrixOptions;
  gtKind: Kind;
  predKind: Kind;
  images: { gt: LabelArray; pred: LabelArray; inst: LabelArray | undefined; id: string | undefined }[];
}

const scenarioArb = fc
  .record({
    numClasses: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 300 })),
    ignore: fc.array(fc.oneof(fc.constantFrom(255, 0, -1, 65535), fc.integer({ min: -3, max: 310 })), {
      maxLength: 3,
    }),
    table: fc.option(
      fc.dictionary(
        fc.integer({ min: 0, max: 310 }).map(String),
        fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 305 })),
        { maxKeys: 6 },
      ),
      { nil: undefined },
    ),
    reduceZeroLabel: fc.boolean(),
    applyTo: fc.constantFrom('both' as const, 'gt' as const),
    unmappedInvalid: fc.integer({ min: 0, max: 4 }).map((k) => k === 0),
    perImage: fc.boolean(),
    split: fc.boolean(),
    splitGt: fc.boolean(),
    minInstanceId: fc.option(fc.constantFrom(0, 1, 5, 1001), { nil: undefined }),
    instKind: fc.constantFrom(
      'Uint16Array',
      'Uint8Array',
      'Int32Array',
      'Float64Array',
      'Array',
    ) as fc.Arbitrary<Kind>,
    gtKind: fc.constantFrom(...KINDS),
    sameKind: fc.boolean(),
    predKindOther: fc.constantFrom(...KINDS),
    images: fc.integer({ min: 1, max: 5 }),
    bigImage: fc.integer({ min: 0, max: 9 }),
    runChance: fc.double({ min: 0, max: 0.98, noNaN: true }),
    badChance: fc.constantFrom(0, 0, 0.0005, 0.02),
    seed: fc.integer(),
    withIds: fc.constantFrom('all', 'none', 'some'),
  })
  .map((r): Scenario => {
    const rand = prng(r.seed);
    const predKind = r.sameKind ? r.gtKind : r.predKindOther;
    const keys = Object.keys(r.table ?? {}).map(Number);
    const unmapped = r.unmappedInvalid && keys.length > 0 ? ('invalid' as const) : ('pass' as const);
    const options: ConfusionMatrixOptions = {
      numClasses: r.numClasses,
      ignoreIndex: r.ignore,
      perImage: r.perImage || r.minInstanceId !== undefined,
      splitPredictedIgnore: r.split,
      splitIgnoredGroundTruth: r.splitGt,
      ...(r.minInstanceId === undefined ? {} : { instances: { minInstanceId: r.minInstanceId } }),
      ...(r.table !== undefined || r.reduceZeroLabel
        ? {
            labelMapping: {
              table: r.table ?? {},
              reduceZeroLabel: r.reduceZeroLabel,
              applyTo: r.applyTo,
              ...(unmapped === 'invalid' ? { unmapped } : {}),
            },
          }
        : {}),
    };
    const pool = (kind: Kind, mapped: boolean) => {
      const [lo, hi] = RANGE[kind];
      let values: number[];
      if (unmapped === 'invalid' && mapped) {
        // raw values that are table keys (shifted by one under reduce-zero-label), then values that are
        // not (ignore labels are not exempt) in a third of the scenarios
        values = [...keys, ...(r.reduceZeroLabel ? [0, ...keys.map((k) => k + 1)] : [])];
        if (r.seed % 3 === 0) values.push(r.numClasses, ...r.ignore);
      } else {
        values = [...r.ignore, ...keys, 0, r.numClasses];
        for (let k = 0; k < Math.min(r.numClasses, 40); k++)
          values.push(Math.floor(rand() * (r.numClasses + 1)));
      }
      return values.filter((v) => v >= lo && v <= hi);
    };
    const gtPool = pool(r.gtKind, true);
    const predPool = pool(predKind, r.applyTo === 'both');
    const min = r.minInstanceId;
    const instPool =
      min === undefined
        ? []
        : [0, 1, 2, min, min, min + 1, min + 7, 2 * min + 3, Math.max(0, min - 1)].filter(
            (v) => v >= RANGE[r.instKind][0] && v <= RANGE[r.instKind][1],
          );
    const bad = (kind: Kind) => {
      const [lo, hi] = RANGE[kind];
      const floats = kind === 'Float32Array' || kind === 'Float64Array' || kind === 'Array';
      const choices = [Math.min(hi, r.numClasses + 7), Math.max(lo, -5), Math.min(hi, 1000)];
      if (floats) choices.push(0.5, Number.NaN, 2.25);
      return choices[Math.floor(rand() * choices.length)]!;
    };
    const images = [];
    for (let i = 0; i < r.images; i++) {
      const n =
        i === 0 && r.bigImage === 0
          ? PAIR_HISTOGRAM_MIN_PIXELS + Math.floor(rand() * 2000)
          : Math.floor(rand() * 300);
      const gt: number[] = [];
      const pred: number[] = [];
      const inst: number[] = [];
      for (let k = 0; k < n; k++) {
        if (k > 0 && rand() < r.runChance) {
          gt.push(gt[k - 1]!);
          pred.push(pred[k - 1]!);
          inst.push(inst[k - 1]!);
          continue;
        }
        gt.push(rand() < r.badChance ? bad(r.gtKind) : gtPool[Math.floor(rand() * gtPool.length)]!);
        pred.push(rand() < r.badChance ? bad(predKind) : predPool[Math.floor(rand() * predPool.length)]!);
        const instBad = r.instKind === 'Float64Array' || r.instKind === 'Array' ? [0.5, Number.NaN] : [];
        inst.push(
          rand() < r.badChance && instBad.length > 0
            ? instBad[Math.floor(rand() * instBad.length)]!
            : (instPool[Math.floor(rand() * instPool.length)] ?? 0),
        );
      }
      const id = r.withIds === 'all' || (r.withIds === 'some' && rand() < 0.5) ? `img-${i}` : undefined;
      images.push({
        gt: makeArray(r.gtKind, gt, Math.floor(rand() * 4)),
        pred: makeArray(predKind, pred, Math.floor(rand() * 4)),
        inst: min === undefined ? undefined : makeArray(r.instKind, inst, Math.floor(rand() * 4)),
        id,
      });
    }
    return { options, gtKind: r.gtKind, predKind, images };
  });

function sameCounts(matrix: ConfusionMatrix, expected: NaiveResult[]): void {
  const c = matrix.numClasses;
  const counts = new Array<number>(c * c).fill(0);
  const predictedIgnore = new Array<number>(c).fill(0);
  const byValue: Record<string, number[]> = {};
  const pairs: Record<string, number> = {};
  let ignored = 0;
  for (const e of expected) {
    for (const [key, n] of Object.entries(e.pairs)) pairs[key] = (pairs[key] ?? 0) + n;
    e.counts.forEach((row, g) => {
      row.forEach((v, p) => {
        counts[g * c + p]! += v;
      });
    });
    e.predictedIgnore.forEach((v, g) => {
      predictedIgnore[g]! += v;
    });
    for (const [key, row] of Object.entries(e.byValue)) {
      byValue[key] ??= new Array<number>(c).fill(0);
      row.forEach((v, g) => {
        byValue[key]![g]! += v;
      });
    }
    ignored += e.ignored;
  }
  expect(Array.from(matrix.counts)).toEqual(counts);
  expect(Array.from(matrix.predictedIgnore)).toEqual(predictedIgnore);
  expect(matrix.ignoredPixels).toBe(ignored);
  if (matrix.settings.splitPredictedIgnore) {
    const split = [...matrix.predictedIgnoreByValue!.entries()].map(([v, row]) => [v, Array.from(row)]);
    const naive = Object.entries(byValue)
      .map(([key, row]) => [Number(key), row] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(split).toEqual(naive);
  } else {
    expect(matrix.predictedIgnoreByValue).toBeNull();
  }
  if (matrix.settings.splitIgnoredGroundTruth) {
    const got = [...matrix.ignoredGroundTruthByValue!].flatMap(([g, row]) =>
      [...row].map(([p, n]) => [g, p, n]),
    );
    const naive = Object.entries(pairs)
      .map(([key, n]) => [...key.split(':').map(Number), n] as [number, number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(got).toEqual(naive);
  } else {
    expect(matrix.ignoredGroundTruthByValue).toBeNull();
  }
  if (matrix.settings.instances !== null) {
    // images without sample ids keep update order, so compare the multiset of per-image instance lists
    const got = matrix.imageStats.map((s) => JSON.stringify(s.instances!.map(instanceTuple))).sort();
    const want = expected.map((e) => JSON.stringify(e.instances)).sort();
    expect(got).toEqual(want);
  }
}

function instanceTuple(t: InstanceStats): [number, number, [number, number][]] {
  return [t.id, t.pixels, t.predictions.map(([v, n]) => [v, n])];
}

const updateOptions = (image: Scenario['images'][number]) => ({
  ...(image.id === undefined ? {} : { sampleId: image.id }),
  ...(image.inst === undefined ? {} : { instances: image.inst }),
});

const naiveOf = (options: ConfusionMatrixOptions, image: Scenario['images'][number]) =>
  naiveCount(
    options,
    stored(image.pred),
    stored(image.gt),
    image.inst === undefined ? undefined : stored(image.inst),
  );

/**
 * Lets the test runner's messages through between runs: a property that blocks the event loop for a minute
 * on a loaded machine makes vitest's worker RPC time out ("Timeout calling onTaskUpdate").
 */
function yieldToEventLoop(): Promise<void> {
  const timers = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };
  return new Promise((resolve) => {
    timers.setTimeout(resolve, 0);
  });
}

// Timeouts: a guard against hangs, not a timing assertion (alone each property takes ~20–35 s; CI runs
// every package's tests at once on 2 shared cores).
describe('ConfusionMatrix (property)', () => {
  it('update equals the naive reference, or throws its error and leaves the state unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ options, images }) => {
        await yieldToEventLoop();
        const matrix = new ConfusionMatrix(options);
        const accepted: NaiveResult[] = [];
        for (const image of images) {
          const expected = naiveOf(options, image);
          const before = JSON.stringify(matrix);
          let error: unknown;
          try {
            matrix.update(image.pred, image.gt, updateOptions(image));
          } catch (e) {
            error = e;
          }
          if ('side' in expected) {
            expect(SegmetricsError.isInstance(error)).toBe(true);
            const err = error as SegmetricsError;
            expect(err.code).toBe(expected.integer ? 'LABEL_OUT_OF_RANGE' : 'LABEL_NOT_INTEGER');
            expect(err.context.side).toBe(expected.side);
            expect(err.context.index).toBe(expected.index);
            expect(JSON.stringify(matrix)).toBe(before);
          } else {
            expect(error).toBeUndefined();
            accepted.push(expected);
          }
        }
        sameCounts(matrix, accepted);
        expect(matrix.images).toBe(accepted.length);
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('sharding and merging in any grouping and order equals a single pass, and round-trips through JSON and toTransfer', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArb.filter((s) => s.images.every((im) => !('side' in naiveOf(s.options, im)))),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        async ({ options, images }, shardOf, order) => {
          await yieldToEventLoop();
          const single = new ConfusionMatrix(options);
          for (const im of images) single.update(im.pred, im.gt, updateOptions(im));

          const shardCount = 1 + (order[0]! % 3);
          const shards = Array.from({ length: shardCount }, () => new ConfusionMatrix(options));
          images.forEach((im, i) => {
            shards[shardOf[i]! % shardCount]!.update(im.pred, im.gt, updateOptions(im));
          });
          // ship every shard through JSON, as a worker would
          const shipped = shards.map((s) => ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(s))));
          const sequence = shipped
            .map((s, i) => ({ s, key: order[1 + i]! }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.s);
          const merged = new ConfusionMatrix(options);
          for (const s of sequence) merged.merge(s);

          expect(Array.from(merged.counts)).toEqual(Array.from(single.counts));
          expect(Array.from(merged.predictedIgnore)).toEqual(Array.from(single.predictedIgnore));
          expect(merged.ignoredPixels).toBe(single.ignoredPixels);
          expect(JSON.stringify(merged.toJSON().predictedIgnoreByValue)).toBe(
            JSON.stringify(single.toJSON().predictedIgnoreByValue),
          );
          expect(JSON.stringify(merged.toJSON().ignoredGroundTruthByValue)).toBe(
            JSON.stringify(single.toJSON().ignoredGroundTruthByValue),
          );
          expect(merged.images).toBe(single.images);
          expect([...merged.sampleIds].sort()).toEqual([...single.sampleIds].sort());
          if (options.perImage && images.every((im) => im.id !== undefined)) {
            expect(JSON.stringify(merged.imageStats.map(statsArrays))).toBe(
              JSON.stringify(single.imageStats.map(statsArrays)),
            );
          }
          const text = JSON.stringify(merged);
          expect(JSON.stringify(ConfusionMatrix.fromJSON(JSON.parse(text)))).toBe(text);
          // and through the thread transfer (structured clone, as postMessage does)
          expect(JSON.stringify(ConfusionMatrix.fromTransfer(structuredClone(merged.toTransfer())))).toBe(
            text,
          );
        },
      ),
      { numRuns: 60 },
    );
  }, 300_000);
});

function statsArrays(s: ConfusionMatrix['imageStats'][number]) {
  return [
    s.sampleId,
    Array.from(s.tp),
    Array.from(s.support),
    Array.from(s.predicted),
    s.ignored,
    s.instances?.map(instanceTuple),
  ];
}
