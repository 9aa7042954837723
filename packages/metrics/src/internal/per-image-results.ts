import type { ImageClassIoU, PerImageResult } from '../evaluate.js';
import { iouMetric } from '../iou.js';
import { getMetric, metricRegistry, type SummaryId } from '../metric-registry.js';
import type { PerClassMetricDescriptor } from '../types.js';
import type { Engine } from './engine.js';
import { rankOrder } from './rank-order.js';

/** Which images {@link perImageResults} returns: the `worst` images by `by` (see `EvaluateOptions.perImage`). */
export interface ImageSelection {
  readonly by: SummaryId;
  readonly worst: number;
}

/** Per-image results, and the canonical index of each (in the order listed). */
export interface PerImageResults {
  readonly results: PerImageResult[];
  readonly indices: number[];
}

/** Lowest IoU first, undefined (NaN) values last, ties by class id. */
function byIoU(a: ImageClassIoU, b: ImageClassIoU): number {
  const an = Number.isNaN(a.iou);
  const bn = Number.isNaN(b.iou);
  if (an || bn) return an === bn ? a.id - b.id : an ? 1 : -1;
  return a.iou - b.iou || a.id - b.id;
}

/**
 * The value `id` of every image, exactly as its per-image result holds it: the image's class mean of a
 * per-class metric (`imageMean` on the image's values) or a summary metric of the image's counts.
 */
function imageValuesOf(engine: Engine, id: SummaryId): (index: number) => number {
  const metric = getMetric(id);
  const images = engine.images;
  if (metric.kind === 'summary') return (i) => engine.unitSummary(metric, images[i]!);
  const valueAt = engine.imageValuesAt(metric);
  return (i) => engine.imageMean(metric, images[i]!, valueAt(i));
}

/**
 * The images that a selection keeps, in rank order: `rankImages`' order (worst first by `by`, NaN
 * last, ties in canonical order) cut to `worst`; every image in canonical order without a selection.
 */
function selectedImages(engine: Engine, selection: ImageSelection | null): number[] {
  const n = engine.images.length;
  if (selection === null) return Array.from({ length: n }, (_, i) => i);
  const ascending = getMetric(selection.by).higherIsBetter !== false;
  // rankOrder asks for the values in canonical order, once each.
  return rankOrder(n, imageValuesOf(engine, selection.by), ascending).slice(0, selection.worst);
}

/**
 * `evaluate`'s per-image results: every image in canonical order, or with a selection only the
 * `worst` images by `by`, worst first. The values of a selected image are those of the full list (the
 * same `imageMean` / `unitSummary` on the same counts); only the images not listed are not computed
 * beyond the ranking value.
 */
export function perImageResults(
  engine: Engine,
  boundary: Engine | null,
  selection: ImageSelection | null,
): PerImageResults {
  const images = engine.images;
  const order = selectedImages(engine, selection);
  // Computed in canonical order (per-image values come a block of images at a time), listed in `order`.
  const wanted = selection === null ? order : [...order].sort((a, b) => a - b);
  // A few images: each one's values alone (the same elementwise `compute` on the same counts), not the
  // blocks of every image that `imageValuesAt` computes.
  const few = wanted.length * 4 < images.length;
  const valuesOf = (on: Engine, metric: PerClassMetricDescriptor): ((index: number) => Float64Array) =>
    few ? (i) => on.unitValues(metric, on.images[i]!) : on.imageValuesAt(metric);
  const boundaryMeans =
    boundary === null
      ? null
      : (() => {
          const valueAt = valuesOf(boundary, iouMetric);
          return wanted.map((i) => boundary.imageMean(iouMetric, boundary.images[i]!, valueAt(i)));
        })();
  // Each metric's values image by image (computed a block of images at a time, not kept); IoU's below,
  // from the same values as the image's class list.
  const means = new Map<string, number[]>();
  for (const metric of metricRegistry) {
    if (metric.kind !== 'per-class' || metric.summaryIds.length === 0 || metric.id === iouMetric.id) continue;
    const valueAt = valuesOf(engine, metric);
    means.set(
      metric.id,
      wanted.map((i) => engine.imageMean(metric, images[i]!, valueAt(i))),
    );
  }
  const iouAt = valuesOf(engine, iouMetric);
  const results = wanted.map((i, j) => {
    const u = images[i]!;
    const entry: Record<string, unknown> = {
      sampleId: u.sampleId,
      pixels: u.counts.total,
      ignoredPixels: u.ignored,
    };
    let present = 0;
    const predictedOnly: number[] = [];
    const classIoU: ImageClassIoU[] = [];
    const iou = iouAt(i);
    for (let k = 0; k < engine.settings.numClasses; k++) {
      const s = u.counts.support[k]!;
      const p = u.counts.predicted[k]!;
      if (s > 0 || p > 0) {
        present++;
        if (u.include[k] === 1) classIoU.push({ id: k, iou: iou[k]! });
      }
      if (s === 0 && p > 0) predictedOnly.push(k);
    }
    classIoU.sort(byIoU);
    const meanIoU = engine.imageMean(iouMetric, u, iou);
    entry.presentClasses = present;
    entry.predictedOnlyClasses = predictedOnly;
    entry.classIoU = classIoU;
    for (const metric of metricRegistry) {
      if (metric.kind === 'per-class') {
        const value = metric.id === iouMetric.id ? meanIoU : means.get(metric.id)?.[j];
        if (value === undefined) continue;
        for (const id of metric.summaryIds) entry[id] = value;
      } else {
        entry[metric.id] = engine.unitSummary(metric, u);
      }
    }
    if (boundaryMeans !== null) entry.mBoundaryIoU = boundaryMeans[j];
    return entry as PerImageResult;
  });
  if (selection === null) return { results, indices: order };
  const at = new Map(wanted.map((i, j) => [i, j]));
  return { results: order.map((i) => results[at.get(i)!]!), indices: order };
}
