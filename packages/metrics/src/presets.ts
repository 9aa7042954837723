import type { AbsentPolicy, Aggregate, Average, ImageReduce, PresetName, Quirks } from './settings.js';

/** A compatibility preset: the three choices and quirks that reproduce another library. */
export interface Preset {
  readonly name: PresetName;
  /** What it reproduces, with the library's own option names. */
  readonly description: string;
  readonly aggregate: Aggregate;
  readonly imageReduce: ImageReduce | null;
  readonly average: Average;
  readonly absent: AbsentPolicy;
  /** Options the caller may still choose (the library's own parameters). */
  readonly open: readonly ('average' | 'absent' | 'beta' | 'excludeClasses')[];
  readonly quirks: Quirks;
}

const plain: Quirks = {
  perClassAbsentValue: null,
  emptyMeanValue: null,
  microZeroDivision: null,
  fscoreFrom: 'counts',
};

/**
 * The compatibility presets, each tested against values the library itself produced
 * (`shared/fixtures/parity`):
 * - `mmseg`: mmsegmentation 1.x `IoUMetric` — dataset counts, NaN for 0/0 per class, `nanmean` over
 *   classes; F-score from precision and recall (NaN when either is undefined or both are 0);
 *   `absent: number` = its `nan_to_num` (every NaN becomes the number before the means); `beta` open.
 *   mmsegmentation prints percentages rounded to 2 decimals: the preset gives the unrounded fractions.
 * - `torchmetrics-jaccard`: `MulticlassJaccardIndex(average=…, ignore_index=…)` — dataset counts;
 *   `average` open (none/macro/micro/weighted); classes absent from the dataset show 0 per class and
 *   are left out of the macro mean; a micro 0/0 is 0.
 * - `torchmetrics-meaniou`: `segmentation.MeanIoU(per_class=…)` — per image IoU of the classes present
 *   in the image's ground truth or prediction; per class the mean over the images where it is present
 *   (−1 for a class present in no image); the summary mIoU pools every present (image, class) pair.
 * - `sklearn`: `jaccard_score(…, zero_division=0)` over the flattened, non-ignored pixels — dataset
 *   counts, 0/0 = 0 counted in the macro mean; `average` open (macro/micro/weighted/none) and `absent`
 *   open (`zero_division`: `'zero'`, `'one'` or `'nan'`).
 * - `keras`: `keras.metrics.MeanIoU` — dataset confusion matrix, mean over the classes whose
 *   denominator (TP + FP + FN) is not 0; 0 when none is.
 */
export const presets: Readonly<Record<PresetName, Preset>> = {
  mmseg: {
    name: 'mmseg',
    description: 'mmsegmentation IoUMetric: dataset counts, NaN for 0/0, nanmean; nan_to_num via absent',
    aggregate: 'dataset',
    imageReduce: null,
    average: 'macro',
    absent: 'nan',
    open: ['absent', 'beta', 'excludeClasses'],
    quirks: { ...plain, fscoreFrom: 'precision-recall' },
  },
  'torchmetrics-jaccard': {
    name: 'torchmetrics-jaccard',
    description:
      'torchmetrics MulticlassJaccardIndex: dataset counts; absent classes 0 per class, skipped by macro',
    aggregate: 'dataset',
    imageReduce: null,
    average: 'macro',
    absent: 'nan',
    open: ['average'],
    quirks: { ...plain, perClassAbsentValue: 0, microZeroDivision: 0 },
  },
  'torchmetrics-meaniou': {
    name: 'torchmetrics-meaniou',
    description:
      'torchmetrics segmentation.MeanIoU: imagewise IoU, pooled (image, class) pairs; -1 per class if never present',
    aggregate: 'image',
    imageReduce: 'pooled',
    average: 'macro',
    absent: 'nan',
    open: [],
    quirks: { ...plain, perClassAbsentValue: -1 },
  },
  sklearn: {
    name: 'sklearn',
    description:
      'scikit-learn jaccard_score over flattened pixels with zero_division (absent) = 0 by default',
    aggregate: 'dataset',
    imageReduce: null,
    average: 'macro',
    absent: 'zero',
    open: ['average', 'absent'],
    quirks: plain,
  },
  keras: {
    name: 'keras',
    description: 'Keras MeanIoU: dataset confusion matrix, mean over classes with a nonzero denominator',
    aggregate: 'dataset',
    imageReduce: null,
    average: 'macro',
    absent: 'nan',
    open: [],
    quirks: { ...plain, emptyMeanValue: 0 },
  },
};

/** The quirks of plain (preset-free) evaluation: none. */
export const noQuirks: Quirks = plain;
