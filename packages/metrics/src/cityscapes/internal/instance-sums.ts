import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { type CityscapesCategory, cityscapesAvgClassSize } from '../cityscapes-labels.js';
import type { CityscapesMatrix } from '../cityscapes-matrix.js';
import { instanceCategories, labelById, labelsOf } from './label-sets.js';

/** Instance-weighted true positives and false negatives of one class or category. */
export interface WeightedCounts {
  /** Σ over instances of TP × avgClassSize / instance pixels. */
  tpWeighted: number;
  /** Σ over instances of FN × avgClassSize / instance pixels. */
  fnWeighted: number;
  /** Unweighted sums, for reference. */
  tp: number;
  fn: number;
  /** Instances counted. */
  instances: number;
}

/** The weighted counts of every instance class (by labelId) and of every instance category. */
export interface InstanceSums {
  readonly classes: ReadonlyMap<number, WeightedCounts>;
  readonly categories: ReadonlyMap<CityscapesCategory, WeightedCounts>;
}

const empty = (): WeightedCounts => ({ tpWeighted: 0, fnWeighted: 0, tp: 0, fn: 0, instances: 0 });

/**
 * Sums the instance statistics of every image with cityscapesScripts' weights, in one fixed order —
 * images in the matrix's canonical order (sorted by sample id), instances by id — so that shards,
 * worker counts and merges give bit-identical sums. Per instance (id > 1000, labelId = ⌊id / 1000⌋;
 * instances of ignored labels such as caravan are skipped): weight w = avgClassSize / pixels, class
 * TP = pixels predicted as the labelId, category TP = pixels predicted as any labelId of the category
 * (ignored ones included), FN = pixels − TP; the sums add TP·w and FN·w, computed as in
 * cityscapesScripts (`float(tp) * (avg / float(size))`).
 *
 * Throws `LABEL_OUT_OF_RANGE` for an instance id whose labelId is not a label (> 33) or is an
 * evaluated label without instances (cityscapesScripts stops with a KeyError there).
 */
export function instanceSums(matrix: CityscapesMatrix): InstanceSums {
  const classes = new Map<number, WeightedCounts>();
  const categories = new Map<CityscapesCategory, WeightedCounts>();
  const categoryIds = new Map<CityscapesCategory, ReadonlySet<number>>();
  for (const category of instanceCategories) {
    categories.set(category, empty());
    categoryIds.set(category, new Set(labelsOf(category).map((label) => label.id)));
  }
  for (const category of instanceCategories) {
    for (const label of labelsOf(category)) if (!label.ignoreInEval) classes.set(label.id, empty());
  }
  for (const image of matrix.imageStats) {
    for (const instance of image.instances ?? []) {
      if (instance.id <= 1000) continue;
      const labelId = Math.floor(instance.id / 1000);
      const label = labelById(labelId);
      if (label?.ignoreInEval) continue;
      const sums = label === undefined ? undefined : classes.get(labelId);
      if (label === undefined || sums === undefined) {
        throw new SegmetricsError(
          ErrorCode.LABEL_OUT_OF_RANGE,
          `instance id ${instance.id}${image.sampleId === null ? '' : ` in sample "${image.sampleId}"`}: ` +
            (label === undefined
              ? `labelId ${labelId} is not a Cityscapes label (0 … 33)`
              : `labelId ${labelId} (${label.name}) has no instances`),
          { context: { value: instance.id, labelId, sampleId: image.sampleId } },
        );
      }
      const inCategory = categoryIds.get(label.category);
      let tp = 0;
      let categoryTp = 0;
      for (const [value, count] of instance.predictions) {
        if (value === labelId) tp += count;
        if (inCategory?.has(value)) categoryTp += count;
      }
      const size = instance.pixels;
      const weight = cityscapesAvgClassSize[label.name]! / size;
      add(sums, tp, size - tp, weight);
      const categorySums = categories.get(label.category);
      if (categorySums !== undefined) add(categorySums, categoryTp, size - categoryTp, weight);
    }
  }
  return { classes, categories };
}

function add(sums: WeightedCounts, tp: number, fn: number, weight: number): void {
  sums.tp += tp;
  sums.fn += fn;
  sums.tpWeighted += tp * weight;
  sums.fnWeighted += fn * weight;
  sums.instances++;
}
