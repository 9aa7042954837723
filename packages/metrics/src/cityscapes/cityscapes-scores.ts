import { type CityscapesCategory, cityscapesCategories, cityscapesLabels } from './cityscapes-labels.js';
import { type CityscapesMatrix, checkCityscapesMatrix, hasInstanceStats } from './cityscapes-matrix.js';
import { instanceSums } from './internal/instance-sums.js';
import { evaluatedLabels, labelsOf } from './internal/label-sets.js';
import { meanSkippingNaN } from './internal/mean-skipping-nan.js';

/** One evaluated class's Cityscapes scores. */
export interface CityscapesClassScore {
  /** The class id of the matrix (trainId 0 … 18). */
  readonly id: number;
  readonly labelId: number;
  readonly name: string;
  /** Class IoU: TP / (TP + FP + FN); NaN when 0/0. */
  readonly iou: number;
  /** Instance-weighted IoU; NaN for classes without instances, without instance statistics, or 0/0. */
  readonly iiou: number;
}

/** One category's Cityscapes scores. */
export interface CityscapesCategoryScore {
  readonly name: CityscapesCategory;
  /** Category IoU (confusions inside the category count as correct); NaN when 0/0. */
  readonly iou: number;
  /** Category iIoU (human and vehicle only, NaN otherwise or without instance statistics). */
  readonly iiou: number;
}

/** The four Cityscapes benchmark numbers and the values they average. */
export interface CityscapesScores {
  /** The 19 evaluated classes, by trainId. */
  readonly perClass: readonly CityscapesClassScore[];
  /** The seven categories with evaluated classes (every category but void), in cityscapesScripts' order. */
  readonly perCategory: readonly CityscapesCategoryScore[];
  readonly summary: {
    /** "IoU class": mean class IoU over the classes where it is defined. */
    readonly mIoU: number;
    /** "iIoU class": mean class iIoU over the classes where it is defined. */
    readonly iIoU: number;
    /** "IoU category": mean category IoU. */
    readonly categoryIoU: number;
    /** "iIoU category": mean category iIoU (human, vehicle). */
    readonly categoryIIoU: number;
  };
  /** Whether the matrix kept instance statistics (without them every iIoU is NaN). */
  readonly instances: boolean;
}

/** Scores of all 34 labels and 8 categories keyed by name, as cityscapesScripts computes them. */
export interface CityscapesLabelScores {
  /** Every label by labelId order; NaN for ignored labels. */
  readonly classScores: ReadonlyMap<string, number>;
  readonly classInstScores: ReadonlyMap<string, number>;
  /** Every category in cityscapesScripts' order (void included: NaN). */
  readonly categoryScores: ReadonlyMap<CityscapesCategory, number>;
  readonly categoryInstScores: ReadonlyMap<CityscapesCategory, number>;
}

const C = 19;

/**
 * The Cityscapes benchmark's four numbers — class IoU, class iIoU, category IoU, category iIoU — and
 * their per-class and per-category values, from a matrix counted with the `cityscapes-labelids`
 * settings (labelIds mapped to the 19 trainIds; for iIoU, per-image instance statistics from
 * `*_gtFine_instanceIds.png` and the predicted-ignore column split by value). Definitions, exactly
 * cityscapesScripts' `evalPixelLevelSemanticLabeling.py` (see docs/semantics.md, "Cityscapes"):
 *
 * - class IoU = TP / (TP + FP + FN) over evaluated ground truth; a prediction of an ignored labelId
 *   is a miss (FN), never a false positive;
 * - class iIoU = ΣTP·w / (ΣTP·w + FP + ΣFN·w) for the 8 instance classes: each pixel of a ground-truth
 *   instance (id > 1000) weighs w = avgClassSize / instance pixels; FP is the class IoU's, unweighted;
 *   group regions (ids ≤ 1000) add to FP only;
 * - category IoU: the same over categories (a confusion inside the category is correct);
 * - category iIoU (human, vehicle): an instance pixel is a hit when predicted as any labelId of the
 *   category, ignored ones (caravan, trailer) included; FP counts predictions of those labelIds too;
 * - means skip NaN (0/0: a class neither in the ground truth nor predicted).
 *
 * Weighted sums are formed in the matrix's canonical image order, so shards and merges give
 * bit-identical values. Throws `INVALID_OPTION` when the matrix was not counted with those settings.
 *
 * Reference: Cordts et al., "The Cityscapes Dataset for Semantic Urban Scene Understanding", CVPR 2016,
 * §4.1 (iIoU); https://github.com/mcordts/cityscapesScripts.
 */
export function cityscapesScores(matrix: CityscapesMatrix): CityscapesScores {
  const scores = cityscapesLabelScores(matrix);
  const perClass = evaluatedLabels.map((label) => ({
    id: label.trainId,
    labelId: label.id,
    name: label.name,
    iou: scores.classScores.get(label.name)!,
    iiou: scores.classInstScores.get(label.name)!,
  }));
  const perCategory = cityscapesCategories
    .filter((category) => labelsOf(category).some((label) => !label.ignoreInEval))
    .map((name) => ({
      name,
      iou: scores.categoryScores.get(name)!,
      iiou: scores.categoryInstScores.get(name)!,
    }));
  return {
    perClass,
    perCategory,
    summary: {
      mIoU: meanSkippingNaN(scores.classScores.values()),
      iIoU: meanSkippingNaN(scores.classInstScores.values()),
      categoryIoU: meanSkippingNaN(scores.categoryScores.values()),
      categoryIIoU: meanSkippingNaN(scores.categoryInstScores.values()),
    },
    instances: hasInstanceStats(matrix),
  };
}

/**
 * cityscapesScripts' score dictionaries (`classScores`, `classInstScores`, `categoryScores`,
 * `categoryInstScores`) over all 34 labels and 8 categories, in its order; see {@link cityscapesScores}.
 */
export function cityscapesLabelScores(matrix: CityscapesMatrix): CityscapesLabelScores {
  checkCityscapesMatrix(matrix);
  const { counts, predictedIgnore } = matrix;
  const instances = hasInstanceStats(matrix) ? instanceSums(matrix) : null;

  // Column sums over evaluated ground truth and row sums (support, predicted-as-ignored included).
  const rowSum = new Float64Array(C);
  for (let g = 0; g < C; g++) {
    let s = predictedIgnore[g]!;
    for (let p = 0; p < C; p++) s += counts[g * C + p]!;
    rowSum[g] = s;
  }

  const classScores = new Map<string, number>();
  const classInstScores = new Map<string, number>();
  for (const label of cityscapesLabels) {
    if (label.ignoreInEval) {
      classScores.set(label.name, Number.NaN);
      classInstScores.set(label.name, Number.NaN);
      continue;
    }
    const k = label.trainId;
    const tp = counts[k * C + k]!;
    const fn = rowSum[k]! - tp;
    let fp = 0;
    for (let g = 0; g < C; g++) if (g !== k) fp += counts[g * C + k]!;
    classScores.set(label.name, iouOf(tp, fp, fn));
    const sums = instances?.classes.get(label.id);
    classInstScores.set(
      label.name,
      sums === undefined ? Number.NaN : iiouOf(sums.tpWeighted, fp, sums.fnWeighted),
    );
  }

  const categoryScores = new Map<CityscapesCategory, number>();
  const categoryInstScores = new Map<CityscapesCategory, number>();
  for (const category of cityscapesCategories) {
    const members = labelsOf(category);
    const inCategory = new Set(members.filter((l) => !l.ignoreInEval).map((l) => l.trainId));
    let tp = 0;
    let rows = 0;
    let fp = 0;
    for (let g = 0; g < C; g++) {
      let predictedInCategory = 0;
      for (const p of inCategory) predictedInCategory += counts[g * C + p]!;
      if (inCategory.has(g)) {
        tp += predictedInCategory;
        rows += rowSum[g]!;
      } else {
        fp += predictedInCategory;
      }
    }
    categoryScores.set(category, inCategory.size === 0 ? Number.NaN : iouOf(tp, fp, rows - tp));
    const sums = instances?.categories.get(category);
    if (sums === undefined) {
      categoryInstScores.set(category, Number.NaN);
      continue;
    }
    // FP of the instance score: predictions of the category's ignored labelIds (caravan, trailer) on
    // evaluated ground truth outside the category count too.
    let ignoredFp = 0;
    for (const label of members) {
      if (!label.ignoreInEval) continue;
      const column = matrix.predictedIgnoreByValue?.get(label.id);
      if (column === undefined) continue;
      for (let g = 0; g < C; g++) if (!inCategory.has(g)) ignoredFp += column[g]!;
    }
    categoryInstScores.set(category, iiouOf(sums.tpWeighted, fp + ignoredFp, sums.fnWeighted));
  }
  return { classScores, classInstScores, categoryScores, categoryInstScores };
}

/** Exact integer counts: divide once. 0/0 → NaN. */
function iouOf(tp: number, fp: number, fn: number): number {
  const denominator = tp + fp + fn;
  return denominator === 0 ? Number.NaN : tp / denominator;
}

/** cityscapesScripts' order of operations: `tp + fp + fn` left to right, then `tp / denom`. */
function iiouOf(tpWeighted: number, fp: number, fnWeighted: number): number {
  const denominator = tpWeighted + fp + fnWeighted;
  return denominator === 0 ? Number.NaN : tpWeighted / denominator;
}
