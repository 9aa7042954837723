import type { ConfusionMatrix, ImageStats } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { Engine } from '../../internal/engine.js';
import { summaryOf } from '../../internal/summary-of.js';
import { iouMetric } from '../../iou.js';
import type { EvaluationSettings } from '../../settings.js';
import { ImageTable } from './image-table.js';
import { WeightedImages } from './weighted-images.js';
import type { Xoshiro128 } from './xoshiro128.js';

/** The per-image statistics of a matrix, in core's canonical order, or PER_IMAGE_DISABLED naming `what`. */
export function imageStatsOf(matrix: ConfusionMatrix, what: string): readonly ImageStats[] {
  if (!matrix.settings.perImage) {
    throw new SegmetricsError(
      ErrorCode.PER_IMAGE_DISABLED,
      `${what} resamples images and needs per-image statistics: create the ConfusionMatrix with perImage: true (the CLI keeps them for --ci and compare)`,
      { context: { option: 'perImage', value: false } },
    );
  }
  return matrix.imageStats;
}

/**
 * Refuses (COUNT_OVERFLOW, core's code since state v2) a table whose resampled sums could pass 2^53 − 1: a
 * resample holds at most `draws` copies of the largest image.
 */
export function checkExactSums(table: Pick<ImageTable, 'maxPixels'>, draws: number): void {
  if (draws * table.maxPixels > Number.MAX_SAFE_INTEGER) {
    throw new SegmetricsError(
      ErrorCode.COUNT_OVERFLOW,
      `cannot resample exactly: ${draws} copies of an image of ${table.maxPixels} pixels exceed 2^53 − 1`,
      { context: { images: draws, maxPixels: table.maxPixels } },
    );
  }
}

/**
 * Draws one bootstrap resample of n images into `multiplicity` (length n): n draws with replacement,
 * each `rng.below(n)` (an image index in canonical order), counted per image.
 */
export function drawResample(rng: Xoshiro128, multiplicity: Int32Array): void {
  const n = multiplicity.length;
  multiplicity.fill(0);
  for (let j = 0; j < n; j++) multiplicity[rng.below(n)]!++;
}

/** Lists image i of `multiplicity` as unit `stride·i + offset` of `view`, with its multiplicity. */
export function assignMultiset(
  view: WeightedImages,
  multiplicity: Int32Array,
  stride: number,
  offset: number,
): void {
  let count = 0;
  for (let i = 0; i < multiplicity.length; i++) {
    const w = multiplicity[i]!;
    if (w === 0) continue;
    view.active[count] = stride * i + offset;
    view.weight[count] = w;
    count++;
  }
  view.commit(count);
}

/** The values `evaluate` would report for a multiset: summary values by id and per-class IoU. */
export interface MultisetValues {
  readonly summary: Record<string, number>;
  readonly iou: Float64Array;
}

/**
 * The Boundary IoU counts of the same images as a mask table (image i of one is image i of the other),
 * and a view that follows a mask view's multiset: `mBoundaryIoU` of a resample or permutation, computed
 * by the engine's boundary view as `evaluate` computes it from the matrix's boundary counts.
 */
export class BoundaryImages {
  readonly #view: WeightedImages;

  /** `null` when the matrix counts no Boundary IoU. */
  static of(stats: readonly ImageStats[], matrix: ConfusionMatrix['settings']): BoundaryImages | null {
    if (matrix.boundary === null) return null;
    const boundary = stats.map((s) => ({
      sampleId: s.sampleId,
      ignored: 0,
      tp: s.boundary!.tp,
      support: s.boundary!.support,
      predicted: s.boundary!.predicted,
    }));
    return new BoundaryImages(new ImageTable(boundary, matrix));
  }

  private constructor(table: ImageTable) {
    this.#view = new WeightedImages(table);
  }

  /** `mBoundaryIoU` of the multiset `mask` holds (the same image indices and weights). */
  meanIoU(mask: WeightedImages, settings: EvaluationSettings): number {
    const view = this.#view;
    const n = mask.count;
    view.active.set(mask.active.subarray(0, n));
    view.weight.set(mask.weight.subarray(0, n));
    view.commit(n);
    const engine = new Engine(
      { matrixSettings: view.table.matrixSettings, totals: view.totals(), images: view },
      settings,
      'boundary',
    );
    return engine.classSummary(iouMetric);
  }
}

/**
 * Runs the engine on a multiset of images under `settings` (the same code `evaluate` runs), with
 * `mBoundaryIoU` from `boundary` when the matrix counts it.
 */
export function evaluateMultiset(
  view: WeightedImages,
  settings: EvaluationSettings,
  boundary: BoundaryImages | null = null,
): MultisetValues {
  const engine = new Engine(
    { matrixSettings: view.table.matrixSettings, totals: view.totals(), images: view },
    settings,
  );
  const summary = summaryOf(engine);
  if (boundary !== null) summary.mBoundaryIoU = boundary.meanIoU(view, settings);
  return { summary, iou: engine.perClass(iouMetric) };
}

/**
 * Checks that the resampling machinery reproduces the report's own numbers when every image is drawn
 * once: summary values and per-class IoU of `view` (holding each of the matrix's images once) against the
 * engine on the matrix itself — exactly under dataset aggregation, within 1e-9 (rounding of weighted
 * sums) under image aggregation. A setting whose numbers depend on counts that per-image statistics do
 * not keep would make every interval silently wrong: INVALID_OPTION naming the first value that differs.
 */
export function checkReproduces(
  matrix: ConfusionMatrix,
  view: WeightedImages,
  settings: EvaluationSettings,
  what: string,
  known?: MultisetValues,
  boundary: BoundaryImages | null = null,
): void {
  const expected = known ?? matrixValues(new Engine(matrix, settings), matrix.settings.boundary !== null);
  const actual = evaluateMultiset(view, settings, boundary);
  const exact = settings.aggregate === 'dataset';
  const same = (x: number, y: number) =>
    Object.is(x, y) ||
    x === y ||
    (Number.isNaN(x) && Number.isNaN(y)) ||
    (!exact && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)));
  const differs = (id: string, x: number, y: number) => {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `${what} cannot reproduce ${id} under these settings from per-image statistics (${y} from the matrix, ${x} from its images): they depend on counts the images do not keep${settings.preset === null ? '' : ` (preset '${settings.preset}')`}`,
      { context: { option: settings.preset === null ? 'settings' : 'preset', value: settings.preset, id } },
    );
  };
  for (const [id, value] of Object.entries(expected.summary)) {
    if (!same(actual.summary[id] ?? Number.NaN, value)) differs(id, actual.summary[id] ?? Number.NaN, value);
  }
  expected.iou.forEach((value, k) => {
    if (!same(actual.iou[k]!, value)) differs(`the IoU of class ${k}`, actual.iou[k]!, value);
  });
}

/**
 * What {@link checkReproduces} compares a multiset's values with: the engine's summary values
 * (`summaryOf`, and `mBoundaryIoU` when the matrix counts Boundary IoU) and per-class IoU on the matrix
 * itself. {@link evaluate} has them already and passes them.
 */
export function matrixValues(engine: Engine, boundary: boolean): MultisetValues {
  const summary = summaryOf(engine);
  if (boundary) summary.mBoundaryIoU = engine.boundary().classSummary(iouMetric);
  return { summary, iou: engine.perClass(iouMetric) };
}

/** The most resampled values kept at once: 2^27 float64 (1 GiB). */
const MAX_STORED_VALUES = 2 ** 27;

/**
 * Refuses a bootstrap whose resampled values would not fit in memory: `copies` stores of `samples` ×
 * (summaries + classes) float64 (INVALID_OPTION naming `samples`).
 */
export function checkStorage(samples: number, numClasses: number, copies: number): void {
  const values = copies * samples * (numClasses + 16);
  if (values > MAX_STORED_VALUES) {
    const most = Math.floor(MAX_STORED_VALUES / (copies * (numClasses + 16)));
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `samples ${samples} with ${numClasses} classes would keep ${values} resampled values (over 1 GiB); use at most ${most}`,
      { context: { option: 'samples', value: samples, numClasses, max: most } },
    );
  }
}

/** Values of `samples` multisets: per summary id one array, per-class IoU resample-major. */
export class ResampleValues {
  readonly ids: readonly string[];
  readonly samples: number;
  readonly numClasses: number;
  readonly summary: Float64Array[];
  readonly iou: Float64Array;

  constructor(ids: readonly string[], samples: number, numClasses: number) {
    this.ids = ids;
    this.samples = samples;
    this.numClasses = numClasses;
    this.summary = ids.map(() => new Float64Array(samples));
    this.iou = new Float64Array(samples * numClasses);
  }

  set(r: number, values: MultisetValues): void {
    this.ids.forEach((id, j) => {
      this.summary[j]![r] = values.summary[id] ?? Number.NaN;
    });
    this.iou.set(values.iou, r * this.numClasses);
  }

  /** The `samples` values of class k's IoU. */
  classColumn(k: number): Float64Array {
    const out = new Float64Array(this.samples);
    for (let r = 0; r < this.samples; r++) out[r] = this.iou[r * this.numClasses + k]!;
    return out;
  }

  /** B − A of two stores over the same multisets (NaN where either is undefined). */
  static difference(a: ResampleValues, b: ResampleValues): ResampleValues {
    const out = new ResampleValues(a.ids, a.samples, a.numClasses);
    out.summary.forEach((values, j) => {
      for (let r = 0; r < a.samples; r++) values[r] = b.summary[j]![r]! - a.summary[j]![r]!;
    });
    for (let i = 0; i < out.iou.length; i++) out.iou[i] = b.iou[i]! - a.iou[i]!;
    return out;
  }
}
