import type { ConfusionMatrix, ImageStats } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { type EvaluationReport, evaluate } from '../evaluate.js';
import { resolveOptions } from '../internal/resolve-options.js';
import type { SummaryId } from '../metric-registry.js';
import type { EvaluateOptions, EvaluationSettings } from '../settings.js';
import { type ConfidenceIntervals, intervalsOf } from './bootstrap-confidence.js';
import {
  type ConfidenceOptions,
  type ResolvedConfidenceOptions,
  resolveConfidenceOptions,
} from './confidence-options.js';
import { holmAdjust } from './holm-adjust.js';
import { ImageTable } from './internal/image-table.js';
import {
  assignMultiset,
  BoundaryImages,
  checkExactSums,
  checkReproduces,
  checkStorage,
  drawResample,
  evaluateMultiset,
  imageStatsOf,
  ResampleValues,
} from './internal/resample.js';
import { WeightedImages } from './internal/weighted-images.js';
import { Xoshiro128 } from './internal/xoshiro128.js';
import { type Interval, percentileInterval } from './quantile.js';

/** Options of {@link compareMatrices}: the evaluation's options, the bootstrap's, and the image lists. */
export interface CompareOptions extends EvaluateOptions, ConfidenceOptions {
  /** How many images to list where B loses most and where it gains most; default 10. */
  topImages?: number;
}

/** A difference B − A with its paired bootstrap interval and permutation p-value. */
export interface DeltaResult {
  /** Exactly `b.summary[id] − a.summary[id]` of the two reports (NaN when either is undefined). */
  readonly estimate: number;
  /** Paired bootstrap percentile interval of the difference; `null` when undefined. */
  readonly ci: Interval | null;
  /** Two-sided paired permutation p-value; `null` when the difference is undefined. */
  readonly pValue: number | null;
}

/** One class's IoU difference B − A (class order). */
export interface ClassDelta {
  readonly id: number;
  readonly name: string;
  /** Exactly `b.perClass[k].iou − a.perClass[k].iou`. */
  readonly delta: number;
  readonly ci: Interval | null;
  readonly pValue: number | null;
  /** `pValue` adjusted over the classes with a p-value (Holm). */
  readonly pHolm: number | null;
}

/** One image's difference of per-image mIoU (`perImage[i].mIoU` of the two reports). */
export interface ImageDelta {
  readonly sampleId: string;
  readonly a: number;
  readonly b: number;
  /** b − a. */
  readonly delta: number;
}

/** The result of {@link compareMatrices}: is B better than A on these images? */
export interface Comparison {
  readonly level: number;
  readonly samples: number;
  readonly seed: number;
  readonly method: 'percentile';
  /** The p-values' test: swap A and B per image. */
  readonly test: 'paired-permutation';
  readonly unit: 'image';
  /** Number of paired images. */
  readonly images: number;
  /** A's report, with `confidence` from the same resamples as the differences. */
  readonly a: EvaluationReport & { readonly confidence: ConfidenceIntervals };
  /** B's report, likewise. */
  readonly b: EvaluationReport & { readonly confidence: ConfidenceIntervals };
  /** B − A per summary id. */
  readonly delta: Readonly<Record<SummaryId, DeltaResult>> & {
    /** With Boundary IoU counted: B − A of mBoundaryIoU, resampled and permuted with the images. */
    readonly mBoundaryIoU?: DeltaResult;
  };
  /** B − A of per-class IoU, in class order. */
  readonly perClass: readonly ClassDelta[];
  /** The per-image value of `losses` and `gains`. */
  readonly imageMetric: 'mIoU';
  /** Images where B is worse than A, most negative Δ first (at most `topImages`). */
  readonly losses: readonly ImageDelta[];
  /** Images where B is better than A, most positive Δ first (at most `topImages`). */
  readonly gains: readonly ImageDelta[];
  /**
   * Every image's per-image mIoU of A and B and their difference, in core's canonical image order
   * (`delta` NaN when either is undefined): the paired scatter of a comparison report.
   */
  readonly perImage: readonly ImageDelta[];
}

/** Relative tolerance for "as extreme as observed": scipy.stats.permutation_test's 100 · machine ε. */
const TIE_TOLERANCE = 100 * Number.EPSILON;

const preview = (ids: readonly string[]) =>
  ids
    .slice(0, 5)
    .map((id) => `"${id}"`)
    .join(', ') + (ids.length > 5 ? `, … (${ids.length} in all)` : '');

function pairingError(message: string, context: Record<string, unknown>): never {
  throw new SegmetricsError(ErrorCode.PAIRING_FAILED, message, { context });
}

/** Checks that A and B count the same images under the same settings; the images in canonical order. */
function pairImages(
  a: ConfusionMatrix,
  b: ConfusionMatrix,
): { a: readonly ImageStats[]; b: readonly ImageStats[] } {
  if (a.numClasses !== b.numClasses) {
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `cannot compare: A has ${a.numClasses} classes, B has ${b.numClasses}`,
      { context: { setting: 'numClasses', a: a.numClasses, b: b.numClasses } },
    );
  }
  const sa = a.settings as unknown as Record<string, unknown>;
  const sb = b.settings as unknown as Record<string, unknown>;
  const differ = [...new Set([...Object.keys(sa), ...Object.keys(sb)])].filter(
    (key) => JSON.stringify(sa[key]) !== JSON.stringify(sb[key]),
  );
  if (differ.length > 0) {
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `cannot compare matrices with different ${differ.join(', ')}: ${differ
        .map((key) => `A ${JSON.stringify(sa[key])} vs B ${JSON.stringify(sb[key])}`)
        .join('; ')}`,
      { context: { settings: differ, a: a.settings, b: b.settings } },
    );
  }
  const statsA = imageStatsOf(a, 'compareMatrices (A)');
  const statsB = imageStatsOf(b, 'compareMatrices (B)');
  for (const [side, stats] of [
    ['A', statsA],
    ['B', statsB],
  ] as const) {
    const unnamed = stats.filter((s) => s.sampleId === null).length;
    if (unnamed > 0) {
      pairingError(
        `cannot pair images: ${unnamed} image(s) of ${side} have no sample id (count them with update(…, { sampleId }))`,
        { side, imagesWithoutId: unnamed },
      );
    }
  }
  const idsA = new Set(statsA.map((s) => s.sampleId!));
  const idsB = new Set(statsB.map((s) => s.sampleId!));
  const onlyA = [...idsA].filter((id) => !idsB.has(id));
  const onlyB = [...idsB].filter((id) => !idsA.has(id));
  if (onlyA.length > 0 || onlyB.length > 0) {
    const parts = [];
    if (onlyA.length > 0) parts.push(`${onlyA.length} image(s) only in A: ${preview(onlyA)}`);
    if (onlyB.length > 0) parts.push(`${onlyB.length} image(s) only in B: ${preview(onlyB)}`);
    pairingError(`cannot pair images (sample ids must match exactly): ${parts.join('; ')}`, {
      onlyInA: onlyA.slice(0, 100),
      onlyInB: onlyB.slice(0, 100),
      onlyInACount: onlyA.length,
      onlyInBCount: onlyB.length,
    });
  }
  const differentTruth: string[] = [];
  statsA.forEach((s, i) => {
    const t = statsB[i]!;
    let same = s.ignored === t.ignored;
    for (let k = 0; k < a.numClasses && same; k++) same = s.support[k] === t.support[k];
    if (!same) differentTruth.push(s.sampleId!);
  });
  if (differentTruth.length > 0) {
    pairingError(
      `cannot pair images: ${differentTruth.length} image(s) have different ground truth in A and B (pixels per class or ignored pixels differ): ${preview(differentTruth)}`,
      { differentGroundTruth: differentTruth.slice(0, 100), count: differentTruth.length },
    );
  }
  return { a: statsA, b: statsB };
}

/** Interleaves A's and B's images: unit 2i is A's image i, unit 2i + 1 is B's. */
function interleave(a: readonly ImageStats[], b: readonly ImageStats[]): ImageStats[] {
  return a.flatMap((s, i) => [s, b[i]!]);
}

interface Exceedances {
  readonly defined: Float64Array;
  readonly extreme: Float64Array;
}

function pValueOf(observed: number, defined: number, extreme: number, samples: number): number | null {
  if (Number.isNaN(observed) || defined === 0 || 2 * defined < samples) return null;
  return (1 + extreme) / (1 + defined);
}

function countExtreme(observed: number, permuted: number, counts: Exceedances, j: number): void {
  if (Number.isNaN(permuted)) return;
  counts.defined[j]!++;
  const o = Math.abs(observed);
  if (Math.abs(permuted) >= o - TIE_TOLERANCE * o) counts.extreme[j]!++;
}

function rankImagesByDelta(a: EvaluationReport, b: EvaluationReport, top: number) {
  const all: ImageDelta[] = [];
  (a.perImage ?? []).forEach((entry, i) => {
    const other = b.perImage?.[i];
    if (other === undefined) return;
    all.push({ sampleId: entry.sampleId!, a: entry.mIoU, b: other.mIoU, delta: other.mIoU - entry.mIoU });
  });
  const order = all.map((d, i) => ({ d, i })).filter(({ d }) => !Number.isNaN(d.delta));
  const losses = order
    .filter(({ d }) => d.delta < 0)
    .sort((x, y) => x.d.delta - y.d.delta || x.i - y.i)
    .slice(0, top)
    .map(({ d }) => d);
  const gains = order
    .filter(({ d }) => d.delta > 0)
    .sort((x, y) => y.d.delta - x.d.delta || x.i - y.i)
    .slice(0, top)
    .map(({ d }) => d);
  return { losses, gains, all };
}

function runComparison(
  matrices: readonly [ConfusionMatrix, ConfusionMatrix],
  table: ImageTable,
  boundary: BoundaryImages | null,
  settings: EvaluationSettings,
  options: ResolvedConfidenceOptions,
  observed: { summary: Record<string, number>; iou: Float64Array },
) {
  const n = table.size / 2;
  const c = settings.numClasses;
  const viewA = new WeightedImages(table);
  const viewB = new WeightedImages(table);
  const multiplicity = new Int32Array(n).fill(1);
  assignMultiset(viewA, multiplicity, 2, 0);
  assignMultiset(viewB, multiplicity, 2, 1);
  checkReproduces(matrices[0], viewA, settings, 'compareMatrices (A)', undefined, boundary);
  checkReproduces(matrices[1], viewB, settings, 'compareMatrices (B)', undefined, boundary);
  const bootstrap = Xoshiro128.fromSeed(options.seed, 0);
  let valuesA: ResampleValues | null = null;
  let valuesB: ResampleValues | null = null;
  for (let r = 0; r < options.samples; r++) {
    drawResample(bootstrap, multiplicity);
    assignMultiset(viewA, multiplicity, 2, 0);
    assignMultiset(viewB, multiplicity, 2, 1);
    const resultA = evaluateMultiset(viewA, settings, boundary);
    const resultB = evaluateMultiset(viewB, settings, boundary);
    valuesA ??= new ResampleValues(Object.keys(resultA.summary), options.samples, c);
    valuesB ??= new ResampleValues(valuesA.ids, options.samples, c);
    valuesA.set(r, resultA);
    valuesB.set(r, resultB);
  }

  // Permutations: image i's pair swaps sides when bit (i mod 32) of output ⌊i / 32⌋ of this
  // permutation's draws (stream 1) is set.
  const ids = valuesA!.ids;
  const summaryCounts: Exceedances = {
    defined: new Float64Array(ids.length),
    extreme: new Float64Array(ids.length),
  };
  const classCounts: Exceedances = { defined: new Float64Array(c), extreme: new Float64Array(c) };
  const permutation = Xoshiro128.fromSeed(options.seed, 1);
  for (let r = 0; r < options.samples; r++) {
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 31) === 0) bits = permutation.next();
      const swap = (bits >>> (i & 31)) & 1;
      viewA.active[i] = 2 * i + swap;
      viewA.weight[i] = 1;
      viewB.active[i] = 2 * i + 1 - swap;
      viewB.weight[i] = 1;
    }
    viewA.commit(n);
    viewB.commit(n);
    const permA = evaluateMultiset(viewA, settings, boundary);
    const permB = evaluateMultiset(viewB, settings, boundary);
    ids.forEach((id, j) => {
      countExtreme(observed.summary[id]!, permB.summary[id]! - permA.summary[id]!, summaryCounts, j);
    });
    for (let k = 0; k < c; k++) countExtreme(observed.iou[k]!, permB.iou[k]! - permA.iou[k]!, classCounts, k);
  }
  return { valuesA: valuesA!, valuesB: valuesB!, summaryCounts, classCounts };
}

/**
 * Paired comparison of two models evaluated on the same images: matrices A and B must hold the same
 * sample ids (with per-image statistics), the same ground truth per image and equal settings. For
 * every summary value and per-class IoU it gives the difference B − A (`estimate`, exactly the
 * difference of the two {@link evaluate} reports under `options`), a paired bootstrap interval (each
 * resample draws images with replacement, the same images for A and B, and recomputes both under the
 * same settings; percentile interval of B − A) and a two-sided paired permutation p-value: `samples`
 * times, swap A's and B's prediction of each image with probability 1/2, recompute Δ;
 * p = (1 + #{|Δ_perm| ≥ |Δ_obs|}) / (1 + #{defined Δ_perm}) (ties within 100 ε relative count as
 * extreme, as in scipy's `permutation_test`). Per-class p-values are also Holm-adjusted. Lists the
 * images where B's per-image mIoU loses most against A's and gains most.
 *
 * The bootstrap draws from xoshiro128** stream 0 of `seed` (the same resamples as
 * {@link bootstrapConfidence} with that seed), the permutations from stream 1.
 *
 * Throws INCOMPATIBLE_SETTINGS (numClasses or another setting differs, named), PAIRING_FAILED (sample
 * ids missing on either side, listed; images without sample id; different ground truth),
 * PER_IMAGE_DISABLED, and the option errors of {@link evaluate} and {@link bootstrapConfidence}.
 *
 * @example
 * const c = compareMatrices(a, b, { samples: 1000, seed: 0 });
 * c.delta.mIoU; // { estimate: 0.012, ci: [0.004, 0.020], pValue: 0.004 }
 */
export function compareMatrices(
  a: ConfusionMatrix,
  b: ConfusionMatrix,
  options: CompareOptions = {},
): Comparison {
  const { settings } = resolveOptions(a.settings, options);
  const resolved = resolveConfidenceOptions(options);
  const top = options.topImages ?? 10;
  if (!Number.isSafeInteger(top) || top < 0) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `topImages must be an integer >= 0, got ${String(top)}`,
      {
        context: { option: 'topImages', value: top },
      },
    );
  }
  checkStorage(resolved.samples, settings.numClasses, 3);
  const paired = pairImages(a, b);
  const {
    topImages: _top,
    level: _level,
    samples: _samples,
    seed: _seed,
    confidence: _confidence,
    ...evaluateOptions
  } = options;
  const reportA = evaluate(a, { ...evaluateOptions, perImage: true });
  const reportB = evaluate(b, { ...evaluateOptions, perImage: true });
  const c = settings.numClasses;
  const observedSummary: Record<string, number> = {};
  for (const id of Object.keys(reportA.summary) as SummaryId[]) {
    observedSummary[id] = reportB.summary[id] - reportA.summary[id];
  }
  const observedIoU = Float64Array.from(reportA.perClass, (entry, k) => reportB.perClass[k]!.iou - entry.iou);

  const interleaved = interleave(paired.a, paired.b);
  const table = new ImageTable(interleaved, a.settings);
  checkExactSums(table, paired.a.length);
  // Boundary IoU (when counted): the same images' boundary counts, resampled and swapped with them.
  const boundary = BoundaryImages.of(interleaved, a.settings);
  const { valuesA, valuesB, summaryCounts, classCounts } = runComparison(
    [a, b],
    table,
    boundary,
    settings,
    resolved,
    {
      summary: observedSummary,
      iou: observedIoU,
    },
  );
  const differences = ResampleValues.difference(valuesA, valuesB);

  const delta: Record<string, DeltaResult> = {};
  differences.ids.forEach((id, j) => {
    const estimate = observedSummary[id] ?? Number.NaN;
    delta[id] = {
      estimate,
      ci: percentileInterval(differences.summary[j]!, resolved.level),
      pValue: pValueOf(estimate, summaryCounts.defined[j]!, summaryCounts.extreme[j]!, resolved.samples),
    };
  });
  const pValues = Array.from(observedIoU, (d, k) =>
    pValueOf(d, classCounts.defined[k]!, classCounts.extreme[k]!, resolved.samples),
  );
  const pHolm = holmAdjust(pValues);
  const perClass: ClassDelta[] = [];
  for (let k = 0; k < c; k++) {
    perClass.push({
      id: k,
      name: settings.classNames[k]!,
      delta: observedIoU[k]!,
      ci: percentileInterval(differences.classColumn(k), resolved.level),
      pValue: pValues[k]!,
      pHolm: pHolm[k]!,
    });
  }
  const { losses, gains, all } = rankImagesByDelta(reportA, reportB, top);
  return {
    level: resolved.level,
    samples: resolved.samples,
    seed: resolved.seed,
    method: 'percentile',
    test: 'paired-permutation',
    unit: 'image',
    images: paired.a.length,
    a: { ...reportA, confidence: intervalsOf(valuesA, resolved) },
    b: { ...reportB, confidence: intervalsOf(valuesB, resolved) },
    delta: delta as Record<SummaryId, DeltaResult>,
    perClass,
    imageMetric: 'mIoU',
    losses,
    gains,
    perImage: all,
  };
}
