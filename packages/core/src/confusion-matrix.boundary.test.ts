import { seededRandom } from '@segmetrics/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobMap } from '../test/blob-map.js';
import { thrown } from '../test/thrown.js';
import { boundaryDilation } from './boundary-dilation.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { ErrorCode } from './errors/segmetrics-error.js';
import { buildSlotLut } from './internal/label-lut.js';
import { roundHalfEven } from './internal/round-half-even.js';
import { stateChecksum } from './internal/state-json.js';
import { columnKey } from './internal/wasm-boundary-kernel.js';
import type {
  BoundaryCounts,
  ConfusionMatrixJSON,
  ConfusionMatrixOptions,
  LabelArray,
  LabelMapping,
} from './types.js';

/*
 * Boundary IoU counting against a deliberately naive reference written as the paper's reference code
 * (Cheng et al., CVPR 2021, boundary_iou/utils/boundary_utils.py `mask_to_boundary`) reads: per class k,
 * M = (map == k); pad M with one pixel of zeros, erode it d times with a 3 × 3 square of ones, crop the
 * padding; boundary = M − erosion; then the pixels whose ground truth is ignored are left out.
 */

type Cls = number | 'ignored' | 'invalid';

function naiveClass(options: ConfusionMatrixOptions, value: number, mapped: boolean): Cls {
  if (!Number.isInteger(value)) return 'invalid';
  const ignore = ([] as number[]).concat(options.ignoreIndex ?? []);
  let v = value;
  const m = options.labelMapping;
  if (mapped && m) {
    if (m.reduceZeroLabel) {
      if (v === 0) return 'ignored';
      if (!ignore.includes(v)) v = v - 1;
    }
    const table = m.table as Record<number, number | null> | undefined;
    if (table && Object.hasOwn(table, v)) {
      const t = table[v];
      if (t === null || t === -1 || t === undefined) return 'ignored';
      v = t;
    }
  }
  if (ignore.includes(v)) return 'ignored';
  if (v >= 0 && v < options.numClasses) return v;
  return 'invalid';
}

/** One 3 × 3 erosion of a 0/1 mask padded with zeros (what cv2.erode does inside the 1-pixel pad). */
function erodeOnce(mask: Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let all = 1;
      for (let dy = -1; dy <= 1 && all; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= height || xx < 0 || xx >= width || mask[yy * width + xx] === 0) {
            all = 0;
            break;
          }
        }
      }
      out[y * width + x] = all;
    }
  }
  return out;
}

function naiveBoundary(
  options: ConfusionMatrixOptions,
  pred: ArrayLike<number>,
  gt: ArrayLike<number>,
  width: number,
  height: number,
): { tp: number[]; support: number[]; predicted: number[] } {
  const c = options.numClasses;
  const r = options.boundary!.dilationRatio;
  const d = Math.max(1, roundHalfEven(r * Math.sqrt(height * height + width * width)));
  const mapPred = options.labelMapping?.applyTo !== 'gt';
  const g = Array.from(gt, (v) => naiveClass(options, v, true));
  const p = Array.from(pred, (v) => naiveClass(options, v, mapPred));
  const tp = new Array<number>(c).fill(0);
  const support = new Array<number>(c).fill(0);
  const predicted = new Array<number>(c).fill(0);
  const boundaryOf = (labels: Cls[], k: number): Uint8Array<ArrayBuffer> => {
    const mask = Uint8Array.from(labels, (v) => (v === k ? 1 : 0));
    let eroded: Uint8Array<ArrayBuffer> = mask;
    for (let i = 0; i < d; i++) eroded = erodeOnce(eroded, width, height);
    return mask.map((v, i) => (v === 1 && eroded[i] === 0 ? 1 : 0));
  };
  for (let k = 0; k < c; k++) {
    const gb = boundaryOf(g, k);
    const pb = boundaryOf(p, k);
    for (let i = 0; i < g.length; i++) {
      if (g[i] === 'ignored') continue;
      support[k]! += gb[i]!;
      predicted[k]! += pb[i]!;
      tp[k]! += gb[i]! & pb[i]!;
    }
  }
  return { tp, support, predicted };
}

const plain = (b: BoundaryCounts | null | undefined) =>
  b == null
    ? b
    : { tp: Array.from(b.tp), support: Array.from(b.support), predicted: Array.from(b.predicted) };

/** The tests' seeded generator (mulberry32). */
const prng = seededRandom;

const KINDS = ['Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Int32Array', 'Float64Array', 'Array'];
const RANGE: Record<string, [number, number]> = {
  Uint8Array: [0, 255],
  Int8Array: [-128, 127],
  Uint16Array: [0, 65535],
  Int16Array: [-32768, 32767],
};

/** `values` as an array of `kind` at an element offset (Int32Array when `kind` cannot hold them all). */
function makeArray(kind: string, values: number[], offset: number): LabelArray {
  if (kind === 'Array') return values;
  const range = RANGE[kind];
  if (range !== undefined && values.some((v) => v < range[0] || v > range[1])) kind = 'Int32Array';
  const Ctor = { Uint8Array, Int8Array, Uint16Array, Int16Array, Int32Array, Float64Array }[
    kind as 'Uint8Array'
  ];
  const out = new Ctor(
    new ArrayBuffer((values.length + offset) * Ctor.BYTES_PER_ELEMENT),
    offset * Ctor.BYTES_PER_ELEMENT,
    values.length,
  );
  out.set(values);
  return out;
}

interface Scenario {
  options: ConfusionMatrixOptions;
  images: { gt: LabelArray; pred: LabelArray; width: number; height: number; id: string }[];
}

const scenarioArb = fc
  .record({
    numClasses: fc.integer({ min: 1, max: 6 }),
    ignore: fc.constantFrom([255], [], [0], [255, 3]),
    mapping: fc.constantFrom('none', 'table', 'reduce', 'gt-only'),
    ratio: fc.oneof(
      fc.constantFrom(0.02, 0.005, 0.1, 0.25, 1),
      fc.double({ min: 0.001, max: 0.4, noNaN: true }),
    ),
    gtKind: fc.constantFrom(...KINDS),
    predKind: fc.constantFrom(...KINDS),
    images: fc.integer({ min: 1, max: 3 }),
    maxSide: fc.constantFrom(6, 24, 70),
    noise: fc.constantFrom(0, 0, 0.01, 0.1),
    seed: fc.integer(),
  })
  .map((r): Scenario => {
    const rand = prng(r.seed);
    const labelMapping: LabelMapping | undefined =
      r.mapping === 'table'
        ? { table: { 7: 1, 8: 1, 9: null } }
        : r.mapping === 'reduce'
          ? { table: {}, reduceZeroLabel: true }
          : r.mapping === 'gt-only'
            ? { table: { 7: 0, 9: null }, applyTo: 'gt' as const }
            : undefined;
    const options: ConfusionMatrixOptions = {
      numClasses: r.numClasses,
      ignoreIndex: r.ignore,
      perImage: true,
      boundary: { dilationRatio: r.ratio },
      ...(labelMapping === undefined ? {} : { labelMapping }),
    };
    const base = [...Array.from({ length: r.numClasses + 1 }, (_, k) => k), ...r.ignore];
    const gtPool = [...base, ...(r.mapping === 'none' ? [] : [7, 8, 9])].filter(
      (v) => naiveClass(options, v, true) !== 'invalid',
    );
    const mapPred = r.mapping !== 'gt-only';
    const predPool = [...base, 7, 8, 9, 1000].filter((v) => naiveClass(options, v, mapPred) !== 'invalid');
    const images = [];
    for (let i = 0; i < r.images; i++) {
      const width = 1 + Math.floor(rand() * r.maxSide);
      const height = 1 + Math.floor(rand() * r.maxSide);
      const gt = blobMap(rand, width, height, gtPool, r.noise, { maxRects: 6 });
      // the prediction: the ground truth, shifted, with other rectangles and noise
      const shift = Math.floor(rand() * 3);
      const other = blobMap(rand, width, height, predPool, r.noise, { maxRects: 6 });
      const pred = gt.map((v, j) => {
        const x = j % width;
        const src = x >= shift ? gt[j - shift]! : v;
        const useOther = rand() < 0.3 ? other[j]! : src;
        return naiveClass(options, useOther, mapPred) === 'invalid' ? predPool[0]! : useOther;
      });
      // invalid predictions are accepted where the ground truth is ignored
      for (let j = 0; j < gt.length; j++) {
        if (naiveClass(options, gt[j]!, true) === 'ignored' && rand() < 0.2) pred[j] = 1000;
      }
      images.push({
        gt: makeArray(r.gtKind, gt, Math.floor(rand() * 4)),
        pred: makeArray(r.predKind, pred, Math.floor(rand() * 4)),
        width,
        height,
        id: `img-${i}`,
      });
    }
    return { options, images };
  });

describe('ConfusionMatrix with boundary (property)', () => {
  it('boundary counts equal the naive per-class erosion, per image and in total', () => {
    fc.assert(
      fc.property(scenarioArb, ({ options, images }) => {
        const matrix = new ConfusionMatrix(options);
        const total = { tp: [] as number[], support: [] as number[], predicted: [] as number[] };
        for (const key of ['tp', 'support', 'predicted'] as const) {
          total[key] = new Array<number>(options.numClasses).fill(0);
        }
        for (const im of images) {
          matrix.update(im.pred, im.gt, { width: im.width, height: im.height, sampleId: im.id });
          const want = naiveBoundary(
            options,
            Array.from(im.pred as ArrayLike<number>),
            Array.from(im.gt as ArrayLike<number>),
            im.width,
            im.height,
          );
          const got = matrix.imageStats.find((s) => s.sampleId === im.id)!.boundary;
          expect(plain(got)).toEqual(want);
          for (const key of ['tp', 'support', 'predicted'] as const) {
            want[key].forEach((v, k) => {
              total[key][k]! += v;
            });
          }
        }
        expect(plain(matrix.boundaryCounts)).toEqual(total);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same counts after sharding, merging and a JSON round trip', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ options, images }, split) => {
        const single = new ConfusionMatrix(options);
        for (const im of images)
          single.update(im.pred, im.gt, { width: im.width, height: im.height, sampleId: im.id });
        const a = new ConfusionMatrix(options);
        const b = new ConfusionMatrix(options);
        images.forEach((im, i) => {
          (i < split % (images.length + 1) ? a : b).update(im.pred, im.gt, {
            width: im.width,
            height: im.height,
            sampleId: im.id,
          });
        });
        // update order is kept in sampleIds: merge the first shard's state with the second's
        const merged = ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(a))).merge(
          ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(b))),
        );
        expect(JSON.stringify(merged)).toBe(JSON.stringify(single));
      }),
      { numRuns: 100 },
    );
  });
});

/** The slot table the boundary pass builds for an 8-bit map under `options` (`mapped`: label mapping on). */
const byteLut = (options: ConfusionMatrixOptions, mapped: boolean) =>
  buildSlotLut(new ConfusionMatrix(options).settings, mapped, 1, 'u8', 0, 256);

/*
 * Two 8-bit maps whose slot tables give every class one byte take the WebAssembly column pass
 * (per-column run counters, wasm-boundary-kernel.ts `runColumns`): widths around multiples of 16, 64 and
 * 128 and far from them, maps narrower or shorter than 2d + 1, small and large d, ignore labels,
 * reduce-zero-label and a mapping that swaps and ignores values, predictions ignored or invalid where the
 * ground truth is ignored.
 */
const columnScenarioArb = fc
  .record({
    numClasses: fc.integer({ min: 1, max: 6 }),
    ignore: fc.constantFrom([255], [], [0], [255, 3]),
    mapping: fc.constantFrom('none', 'reduce', 'swap', 'gt-only'),
    ratio: fc.oneof(
      fc.constantFrom(0.005, 0.02, 0.05, 0.1, 0.3),
      fc.double({ min: 0.001, max: 0.35, noNaN: true }),
    ),
    width: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(15, 16, 17, 63, 64, 65, 127, 128, 129)),
    height: fc.integer({ min: 1, max: 70 }),
    repeat: fc.constantFrom(0, 0.7, 0.97),
    noise: fc.constantFrom(0, 0, 0.01, 0.1),
    seed: fc.integer(),
  })
  .map((r) => {
    const rand = prng(r.seed);
    const labelMapping: LabelMapping | undefined =
      r.mapping === 'reduce'
        ? { table: {}, reduceZeroLabel: true }
        : r.mapping === 'swap'
          ? { table: { 1: 2, 2: 1, 9: null } }
          : r.mapping === 'gt-only'
            ? { table: { 1: 2, 2: 1 }, applyTo: 'gt' as const }
            : undefined;
    const options: ConfusionMatrixOptions = {
      numClasses: r.numClasses,
      ignoreIndex: r.ignore,
      perImage: true,
      boundary: { dilationRatio: r.ratio },
      ...(labelMapping === undefined ? {} : { labelMapping }),
    };
    const base = [...Array.from({ length: r.numClasses + 1 }, (_, k) => k), ...r.ignore, 9];
    const mapPred = r.mapping !== 'gt-only';
    const gtPool = base.filter((v) => naiveClass(options, v, true) !== 'invalid');
    const predPool = base.filter((v) => naiveClass(options, v, mapPred) !== 'invalid');
    const { width, height } = r;
    const gt = blobMap(rand, width, height, gtPool, r.noise, { maxRects: 6, repeat: r.repeat });
    const other = blobMap(rand, width, height, predPool, r.noise, { maxRects: 6, repeat: r.repeat });
    const shift = Math.floor(rand() * 3);
    const pred = gt.map((v, j) => {
      const src = j % width >= shift ? gt[j - shift]! : v;
      const value = rand() < 0.3 ? other[j]! : src;
      return naiveClass(options, value, mapPred) === 'invalid' ? predPool[0]! : value;
    });
    // invalid predictions are accepted where the ground truth is ignored: the byte 200 and the column
    // pass's "other" byte for the prediction (a byte of no class, which may be an ignore label)
    const otherByte = columnKey(byteLut(options, mapPred), r.numClasses);
    for (let j = 0; j < gt.length; j++) {
      if (naiveClass(options, gt[j]!, true) === 'ignored' && rand() < 0.3) {
        pred[j] = otherByte >= 0 && rand() < 0.5 ? otherByte : 200;
      }
    }
    return { options, gt: Uint8Array.from(gt), pred: Uint8Array.from(pred), width, height, mapPred };
  });

describe('ConfusionMatrix with boundary on two 8-bit maps (the column pass, property)', () => {
  it('boundary counts equal the naive per-class erosion', () => {
    let columnPass = 0;
    let runs = 0;
    fc.assert(
      fc.property(columnScenarioArb, ({ options, gt, pred, width, height, mapPred }) => {
        const d = boundaryDilation(width, height, options.boundary!.dilationRatio);
        runs++;
        if (
          2 * d + 1 <= Math.min(width, height) &&
          columnKey(byteLut(options, true), options.numClasses) >= 0 &&
          columnKey(byteLut(options, mapPred), options.numClasses) >= 0
        ) {
          columnPass++;
        }
        const matrix = new ConfusionMatrix(options).update(pred, gt, { width, height });
        expect(plain(matrix.boundaryCounts)).toEqual(
          naiveBoundary(options, Array.from(pred), Array.from(gt), width, height),
        );
      }),
      { numRuns: 400 },
    );
    // most cases have an interior and take the column pass
    expect(columnPass).toBeGreaterThan(runs / 2);
  });
});

describe('boundaryDilation', () => {
  it('rounds r·√(H² + W²) half to even as Python does: a 500 × 375 image at r = 0.02 gives 12, not 13', () => {
    // 0.02 · 625 is exactly 12.5 in float64 (the example of issue 14 and the shared fixture voc_sizes_r002)
    expect(0.02 * Math.sqrt(375 * 375 + 500 * 500)).toBe(12.5);
    expect(boundaryDilation(500, 375, 0.02)).toBe(12);
    expect(boundaryDilation(2048, 1024, 0.02)).toBe(46); // 45.79…
    expect(boundaryDilation(2048, 1024, 0.005)).toBe(11); // 11.45…
  });

  it('is at least 1, also for an empty image', () => {
    expect(boundaryDilation(3, 4, 0.001)).toBe(1);
    expect(boundaryDilation(0, 0, 0.5)).toBe(1);
  });

  it('refuses sizes and ratios outside their domain with INVALID_OPTION', () => {
    for (const [w, h, r] of [
      [-1, 3, 0.02],
      [2.5, 3, 0.02],
      [3, Number.NaN, 0.02],
      [3, 3, 0],
      [3, 3, -0.1],
      [3, 3, 2],
      [3, 3, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(thrown(() => boundaryDilation(w, h, r)).code).toBe(ErrorCode.INVALID_OPTION);
    }
  });
});

describe('roundHalfEven', () => {
  it('rounds ties to the even neighbour and everything else to the nearest integer', () => {
    expect([0.5, 1.5, 2.5, 12.5, 13.5, -1.5].map(roundHalfEven)).toEqual([0, 2, 2, 12, 14, -2]);
    expect([2.4999999999999996, 2.5000000000000004, 7.2, 7.8].map(roundHalfEven)).toEqual([2, 3, 7, 8]);
  });
});

describe('ConfusionMatrix with boundary', () => {
  const options = { numClasses: 2, ignoreIndex: 255, perImage: true, boundary: { dilationRatio: 0.01 } };

  it('counts the outer ring of a 5 × 5 class at d = 1 (a worked example)', () => {
    // d = max(1, round(0.01 · √50)) = 1: the 3 × 3 centre is interior, the 16 ring pixels are boundary
    const gt = new Uint8Array(25);
    const matrix = new ConfusionMatrix(options).update(gt, gt, { width: 5, height: 5 });
    expect(plain(matrix.boundaryCounts)).toEqual({ tp: [16, 0], support: [16, 0], predicted: [16, 0] });
  });

  it('leaves pixels whose ground truth is ignored out of both boundaries, and counts their rim', () => {
    // a 7 × 7 image of class 0 whose centre pixel is ignored: its 8 neighbours join the boundary
    const gt = new Uint8Array(49);
    gt[24] = 255;
    const pred = new Uint8Array(49); // predicts 0 on the ignored pixel too
    const matrix = new ConfusionMatrix(options).update(pred, gt, { width: 7, height: 7 });
    // ground-truth boundary: ring (24) + the 8 neighbours of the hole; predicted boundary: the ring only
    expect(plain(matrix.boundaryCounts)).toEqual({ tp: [24, 0], support: [32, 0], predicted: [24, 0] });
  });

  it('is off (null, no per-image field) by default', () => {
    const matrix = new ConfusionMatrix({ numClasses: 2, perImage: true }).update([0, 1], [0, 1]);
    expect(matrix.boundaryCounts).toBeNull();
    expect(matrix.settings.boundary).toBeNull();
    expect(matrix.imageStats[0]!.boundary).toBeUndefined();
  });

  it('keeps dataset totals without perImage', () => {
    const matrix = new ConfusionMatrix({ ...options, perImage: false });
    matrix.update(new Uint8Array(25), new Uint8Array(25), { width: 5, height: 5 });
    expect(plain(matrix.boundaryCounts)).toEqual({ tp: [16, 0], support: [16, 0], predicted: [16, 0] });
  });

  it('needs width and height in every update, and changes nothing when they are missing or wrong', () => {
    const matrix = new ConfusionMatrix(options);
    const before = JSON.stringify(matrix);
    const err = thrown(() => matrix.update([0, 1], [0, 1], { width: 2 }));
    expect(err.code).toBe(ErrorCode.INVALID_OPTION);
    expect(err.context.option).toBe('height');
    expect(thrown(() => matrix.update([0, 1], [0, 1])).code).toBe(ErrorCode.INVALID_OPTION);
    expect(thrown(() => matrix.update([0, 1], [0, 1], { width: 3, height: 1 })).code).toBe(
      ErrorCode.SHAPE_MISMATCH,
    );
    expect(JSON.stringify(matrix)).toBe(before);
  });

  it('validates the setting and records it; matrices with another ratio (or none) do not merge', () => {
    for (const boundary of [
      {},
      { dilationRatio: 0 },
      { dilationRatio: 2 },
      { dilationRatio: '0.02' },
      0.02,
    ]) {
      const err = thrown(() => new ConfusionMatrix({ numClasses: 2, boundary: boundary as never }));
      expect(err.code).toBe(ErrorCode.INVALID_OPTION);
    }
    const a = new ConfusionMatrix(options);
    expect(a.settings.boundary).toEqual({ dilationRatio: 0.01 });
    const b = new ConfusionMatrix({ ...options, boundary: { dilationRatio: 0.02 } });
    const off = new ConfusionMatrix({ ...options, boundary: null });
    for (const other of [b, off]) {
      const err = thrown(() => a.merge(other));
      expect(err.code).toBe(ErrorCode.INCOMPATIBLE_SETTINGS);
      expect(err.context.setting).toBe('boundary');
    }
  });

  it('keeps the counts through clone, merge into itself, reset and JSON', () => {
    const matrix = new ConfusionMatrix(options).update(new Uint8Array(25), new Uint8Array(25), {
      width: 5,
      height: 5,
    });
    const clone = matrix.clone();
    expect(plain(clone.boundaryCounts)).toEqual(plain(matrix.boundaryCounts));
    expect(plain(clone.imageStats[0]!.boundary)).toEqual(plain(matrix.imageStats[0]!.boundary));
    clone.merge(clone);
    expect(Array.from(clone.boundaryCounts!.tp)).toEqual([32, 0]);
    const back = ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(matrix)));
    expect(JSON.stringify(back)).toBe(JSON.stringify(matrix));
    expect(back.settings.boundary).toEqual({ dilationRatio: 0.01 });
    matrix.reset();
    expect(plain(matrix.boundaryCounts)).toEqual({ tp: [0, 0], support: [0, 0], predicted: [0, 0] });
  });
});

describe('ConfusionMatrix.fromJSON with boundary', () => {
  const options = { numClasses: 2, ignoreIndex: 255, perImage: true, boundary: { dilationRatio: 0.1 } };
  const state = () => {
    const gt = Uint8Array.from({ length: 64 }, (_, i) => (i % 8 < 5 ? 0 : 1));
    const pred = Uint8Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 0 : 1));
    const matrix = new ConfusionMatrix(options);
    matrix.update(pred, gt, { width: 8, height: 8, sampleId: 'a' });
    matrix.update(gt, gt, { width: 8, height: 8, sampleId: 'b' });
    return JSON.parse(JSON.stringify(matrix)) as ConfusionMatrixJSON;
  };
  const resign = (s: ConfusionMatrixJSON) => {
    const { checksum: _, ...body } = s;
    return { ...s, checksum: stateChecksum(body) };
  };

  const tampered: [string, (s: ConfusionMatrixJSON) => void, string][] = [
    [
      'a ratio out of range',
      (s) => (s.settings.boundary = { dilationRatio: 2 }),
      'settings.boundary.dilationRatio',
    ],
    [
      'an unknown boundary setting',
      (s) => Object.assign(s.settings.boundary!, { d: 3 }),
      'settings.boundary.d',
    ],
    ['missing dataset counts', (s) => (s.boundaryCounts = null), 'boundaryCounts'],
    ['boundary tp above its support', (s) => (s.boundaryCounts!.tp[0] = 1e6), 'boundaryCounts.tp[0]'],
    ['a negative count', (s) => (s.boundaryCounts!.support[1] = -1), 'boundaryCounts.support[1]'],
    [
      'boundary pixels beyond the class pixels',
      (s) => {
        // moves boundary pixels from image 1 to image 0, beyond image 0's pixels, keeping the totals
        const [a, b] = [s.imageStats![0]!, s.imageStats![1]!];
        const delta = a.support[0]! + 1 - a.boundary!.support[0]!;
        a.boundary!.support[0] = a.support[0]! + 1;
        b.boundary!.support[0]! -= delta;
      },
      'imageStats[0].boundary.support[0]',
    ],
    ['an image without its counts', (s) => delete s.imageStats![1]!.boundary, 'imageStats[1].boundary'],
    [
      'image counts that do not sum to the totals',
      (s) => {
        s.boundaryCounts!.predicted[1]! -= 1;
      },
      'imageStats[*].boundary.predicted[1]',
    ],
  ];
  for (const [what, edit, path] of tampered) {
    it(`rejects ${what} with INVALID_STATE naming ${path}`, () => {
      const s = state();
      expect(() => ConfusionMatrix.fromJSON(resign(s))).not.toThrow();
      edit(s);
      const err = thrown(() => ConfusionMatrix.fromJSON(resign(s)));
      expect(err.code).toBe(ErrorCode.INVALID_STATE);
      expect(err.context.path).toBe(path);
    });
  }
});
