import { invalidPresetOption, type PresetParameter } from './preset-parameter.js';
import type {
  AbsentPolicy,
  Aggregate,
  Average,
  ImageReduce,
  PredictedOnlyPolicy,
  PresetName,
  PresetOptions,
  Quirks,
} from './settings.js';

/** The conventions a preset resolves to for given parameter values. */
export interface PresetConventions {
  readonly aggregate: Aggregate;
  readonly imageReduce: ImageReduce | null;
  readonly average: Average;
  readonly absent: AbsentPolicy;
  readonly predictedOnly: PredictedOnlyPolicy;
  readonly beta: number;
  /** Classes the parameters leave out of the means (sorted), e.g. the complement of sklearn's `labels`. */
  readonly excludeClasses: readonly number[];
  readonly quirks: Quirks;
}

/** What a preset's conventions may depend on besides its parameters. */
export interface PresetContext {
  readonly numClasses: number;
  /** The matrix's ignore labels (sorted). */
  readonly ignoreIndex: readonly number[];
}

/** A compatibility preset: the conventions and quirks that reproduce another library's function. */
export interface Preset {
  readonly name: PresetName;
  /** What it reproduces, with the library's own class and function names. */
  readonly description: string;
  /**
   * The class mean the library reports, which a one-number summary of it shows: `'mDice'` for the
   * torchmetrics Dice scores, else `'mIoU'`. (Every summary value is computed under the preset either way.)
   */
  readonly headline: 'mIoU' | 'mDice';
  /** The library's parameters it accepts in `presetOptions` (see {@link PresetParameter}). */
  readonly parameters: readonly PresetParameter[];
  /** The three choices, `predictedOnly` and the quirks under the default parameters. */
  readonly aggregate: Aggregate;
  readonly imageReduce: ImageReduce | null;
  readonly average: Average;
  readonly absent: AbsentPolicy;
  readonly predictedOnly: PredictedOnlyPolicy;
  readonly quirks: Quirks;
  /**
   * First-class options the caller may still give: the aliases of parameters (`average`, `absent`,
   * `beta`) and, for `'mmseg'` only, `excludeClasses` (kept from earlier versions).
   */
  readonly open: readonly ('average' | 'absent' | 'beta' | 'excludeClasses')[];
  /** The conventions for resolved parameter values (every parameter present and valid). */
  readonly resolve: (parameters: PresetOptions, context: PresetContext) => PresetConventions;
}

/** The quirks of plain (preset-free) evaluation: none. */
export const noQuirks: Quirks = {
  perClassAbsentValue: null,
  emptyMeanValue: null,
  microZeroDivision: null,
  fscoreFrom: 'counts',
  inRangeIgnorePredictions: 'miss',
  outOfRangeIgnorePredictions: 'miss',
  absentClassesSkipped: false,
  weightedWithoutSupport: 'empty',
  microClassWeights: 'none',
  binaryPositiveLabel: null,
  fwIoUWithoutSupport: null,
};

/** Every library masks the ground truth only: a prediction of an ignore value v < C is a prediction of v. */
const library: Quirks = { ...noQuirks, inRangeIgnorePredictions: 'class' };

const includeBackground: PresetParameter = {
  name: 'include_background',
  description: 'false: class 0 (background) is left out of every mean (excludeClasses [0])',
  type: 'boolean',
  nullable: false,
  default: true,
};

function dataset(
  quirks: Quirks,
  rest: Partial<Omit<PresetConventions, 'quirks' | 'aggregate' | 'imageReduce'>> = {},
): PresetConventions {
  return {
    aggregate: 'dataset',
    imageReduce: null,
    average: 'macro',
    absent: 'nan',
    predictedOnly: 'score',
    beta: 1,
    excludeClasses: [],
    ...rest,
    quirks,
  };
}

/** Class ids of [0, C) not in `ids` (sorted). */
function complement(ids: PresetOptions[string] | undefined, numClasses: number): number[] {
  if (!Array.isArray(ids)) return [];
  const keep = new Set(ids as readonly number[]);
  return Array.from({ length: numClasses }, (_, k) => k).filter((k) => !keep.has(k));
}

const background = (parameters: PresetOptions): number[] => (parameters.include_background ? [] : [0]);

/** torchmetrics' `per_class` only shapes its output: the report always has both. */
const perClassOutput: PresetParameter = {
  name: 'per_class',
  description:
    'output shape only: true is the per-class values (report.perClass), false the mean (report.summary); both are reported',
  type: 'boolean',
  nullable: false,
  default: false,
};

function withDefaults(
  preset: Omit<
    Preset,
    'aggregate' | 'imageReduce' | 'average' | 'absent' | 'predictedOnly' | 'quirks' | 'headline'
  > & { headline?: Preset['headline'] },
): Preset {
  const parameters = Object.fromEntries(preset.parameters.map((p) => [p.name, p.default]));
  const d = preset.resolve(parameters, { numClasses: 0, ignoreIndex: [] });
  return {
    headline: 'mIoU',
    ...preset,
    aggregate: d.aggregate,
    imageReduce: d.imageReduce,
    average: d.average,
    absent: d.absent,
    predictedOnly: d.predictedOnly,
    quirks: d.quirks,
  };
}

const averages = ['none', 'macro', 'micro', 'weighted'] as const;

/** scikit-learn's `pos_label` under `average='binary'`: a class id (INVALID_OPTION otherwise). */
function positiveLabel(value: PresetOptions[string] | undefined, numClasses: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value >= numClasses) {
    invalidPresetOption(
      'sklearn',
      'pos_label',
      value,
      `must be a class id in [0, ${numClasses}) under average='binary'`,
    );
  }
  return value;
}

/**
 * The compatibility presets, each tested against values the library itself produced
 * (`packages/metrics/test/fixtures/presets`, `shared/fixtures/parity`; docs/semantics.md has the table):
 * - `mmseg`: mmsegmentation 1.x `IoUMetric(ignore_index, nan_to_num, beta)` — dataset counts, NaN for 0/0
 *   per class, `nanmean`; F-score from precision and recall; a prediction of an ignore index inside the
 *   class range counts as that class (its `intersect_and_union` masks the ground truth only).
 * - `torchmetrics-jaccard`: `MulticlassJaccardIndex(average, ignore_index, zero_division)`.
 * - `torchmetrics-meaniou`: `segmentation.MeanIoU(include_background, per_class)`.
 * - `torchmetrics-dice`: `segmentation.DiceScore(include_background, average, aggregation_level)`.
 * - `torchmetrics-generalized-dice`: `segmentation.GeneralizedDiceScore(include_background, weight_type)`,
 *   one image per `update()`.
 * - `sklearn`: `jaccard_score` / `precision_score` / `recall_score` / `f1_score` / `fbeta_score(labels,
 *   average, zero_division, beta)` over the flattened non-ignored pixels.
 * - `keras`: `keras.metrics.MeanIoU(num_classes, ignore_class)` / `IoU(target_class_ids)`.
 * - `detectron2`: `SemSegEvaluator` (mIoU, fwIoU, mACC, pACC, per-class IoU and ACC).
 * - `monai`: `DiceMetric` / `MeanIoU(include_background, reduction, ignore_empty)`.
 */
export const presets: Readonly<Record<PresetName, Preset>> = {
  mmseg: withDefaults({
    name: 'mmseg',
    description:
      'mmsegmentation IoUMetric: dataset counts, NaN for 0/0, nanmean, F-score from precision and recall',
    parameters: [
      {
        name: 'nan_to_num',
        description: 'every NaN becomes this number before the means (alias: absent)',
        type: 'number',
        nullable: true,
        default: null,
        alias: 'absent',
      },
      {
        name: 'beta',
        description: 'F-score β (alias: beta)',
        type: 'number',
        nullable: false,
        default: 1,
        alias: 'beta',
      },
    ],
    open: ['absent', 'beta', 'excludeClasses'],
    resolve: (p) =>
      dataset(
        { ...library, fscoreFrom: 'precision-recall' },
        { absent: p.nan_to_num === null ? 'nan' : (p.nan_to_num as number), beta: p.beta as number },
      ),
  }),
  'torchmetrics-jaccard': withDefaults({
    name: 'torchmetrics-jaccard',
    description:
      'torchmetrics MulticlassJaccardIndex: dataset counts; absent classes zero_division per class, left out of macro',
    parameters: [
      {
        name: 'average',
        description: 'none, macro, micro or weighted (alias: average)',
        type: 'choice',
        choices: averages,
        nullable: false,
        default: 'macro',
        alias: 'average',
      },
      {
        name: 'zero_division',
        description: 'value of a 0/0 IoU shown per class (absent classes) and of a micro 0/0',
        type: 'number',
        nullable: false,
        default: 0,
      },
    ],
    open: ['average'],
    resolve: (p, { numClasses, ignoreIndex }) => {
      const z = p.zero_division as number;
      return dataset(
        { ...library, perClassAbsentValue: z, microZeroDivision: z },
        {
          average: p.average as Average,
          // An ignore_index inside the class range weighs 0 in macro and leaves micro's pooled counts.
          excludeClasses: ignoreIndex.filter((v) => v >= 0 && v < numClasses),
        },
      );
    },
  }),
  'torchmetrics-meaniou': withDefaults({
    name: 'torchmetrics-meaniou',
    description:
      'torchmetrics segmentation.MeanIoU: imagewise IoU, pooled (image, class) pairs; -1 per class if never present',
    parameters: [includeBackground, perClassOutput],
    open: [],
    resolve: (p) => ({
      ...dataset({ ...library, perClassAbsentValue: -1 }, { excludeClasses: background(p) }),
      aggregate: 'image',
      imageReduce: 'pooled',
    }),
  }),
  'torchmetrics-dice': withDefaults({
    name: 'torchmetrics-dice',
    headline: 'mDice',
    description:
      'torchmetrics segmentation.DiceScore: samplewise (per image, then nanmean) or global; micro/macro/weighted',
    parameters: [
      includeBackground,
      {
        name: 'average',
        description: 'micro, macro, weighted or none (alias: average)',
        type: 'choice',
        choices: averages,
        nullable: false,
        default: 'macro',
        alias: 'average',
      },
      {
        name: 'aggregation_level',
        description: 'samplewise: per image, then the nanmean over images; global: dataset counts',
        type: 'choice',
        choices: ['samplewise', 'global'],
        nullable: false,
        default: 'samplewise',
      },
    ],
    open: ['average'],
    resolve: (p) => {
      const conventions = dataset(
        { ...library, weightedWithoutSupport: 'zero-if-defined' },
        { average: p.average as Average, excludeClasses: background(p) },
      );
      if (p.aggregation_level === 'global') return conventions;
      return { ...conventions, aggregate: 'image', imageReduce: 'per-image' };
    },
  }),
  'torchmetrics-generalized-dice': withDefaults({
    name: 'torchmetrics-generalized-dice',
    headline: 'mDice',
    description:
      'torchmetrics segmentation.GeneralizedDiceScore (one image per update): per image class-weighted pooled Dice, mean over images',
    parameters: [
      includeBackground,
      perClassOutput,
      {
        name: 'weight_type',
        description: 'class weights: square (1/support²), simple (1/support) or linear (1)',
        type: 'choice',
        choices: ['square', 'simple', 'linear'],
        nullable: false,
        default: 'square',
      },
    ],
    open: [],
    resolve: (p) => ({
      ...dataset(
        {
          ...library,
          microClassWeights:
            p.weight_type === 'square'
              ? 'inverse-support-squared'
              : p.weight_type === 'simple'
                ? 'inverse-support'
                : 'none',
        },
        { average: 'micro', absent: 'zero', excludeClasses: background(p) },
      ),
      aggregate: 'image',
      imageReduce: 'per-image',
    }),
  }),
  sklearn: withDefaults({
    name: 'sklearn',
    description:
      'scikit-learn jaccard_score, precision_score, recall_score, f1_score, fbeta_score over the flattened non-ignored pixels',
    parameters: [
      {
        name: 'labels',
        description:
          'the classes evaluated, in any order (the others are left out of the means); None: the classes in the ground truth or the prediction',
        type: 'class-ids',
        nullable: true,
        default: null,
      },
      {
        name: 'average',
        description:
          "binary (pos_label's value; the labels must be binary, as in scikit-learn), none, macro, micro or weighted (alias: average). The preset's default is macro: scikit-learn's own default, binary, raises on the multiclass label maps of semantic segmentation",
        type: 'choice',
        choices: ['binary', ...averages],
        nullable: false,
        default: 'macro',
        alias: 'average',
      },
      {
        name: 'pos_label',
        description:
          "the class evaluated under average='binary' (ignored otherwise, as in scikit-learn), a class id",
        type: 'number',
        nullable: false,
        default: 1,
      },
      {
        name: 'zero_division',
        description:
          "value of a 0/0: 'warn' (= 0), 0, 1 or 'nan' (np.nan, scikit-learn >= 1.3) (alias: absent)",
        type: 'choice',
        choices: ['warn', 0, 1, 'nan'],
        nullable: false,
        default: 'warn',
        alias: 'absent',
      },
      {
        name: 'beta',
        description: 'fbeta_score β (alias: beta)',
        type: 'number',
        nullable: false,
        default: 1,
        alias: 'beta',
      },
    ],
    open: ['average', 'absent', 'beta'],
    resolve: (p, { numClasses }) => {
      const z = p.zero_division;
      const absent: AbsentPolicy = z === 'nan' ? 'nan' : z === 1 ? 'one' : 'zero';
      // average='binary': pos_label's value alone, whatever `labels` says (scikit-learn ignores it then).
      const binary = p.average === 'binary' ? positiveLabel(p.pos_label, numClasses) : null;
      const labels = binary === null ? p.labels : [binary];
      return dataset(
        {
          ...library,
          weightedWithoutSupport: 'sklearn',
          absentClassesSkipped: labels === null,
          outOfRangeIgnorePredictions: labels === null ? 'label' : 'miss',
          binaryPositiveLabel: binary,
        },
        {
          average: binary === null ? (p.average as Average) : 'macro',
          absent,
          beta: p.beta as number,
          excludeClasses: labels === null ? [] : complement(labels, numClasses),
        },
      );
    },
  }),
  keras: withDefaults({
    name: 'keras',
    description:
      'Keras MeanIoU / IoU(target_class_ids): dataset confusion matrix, mean over the target classes with a nonzero denominator',
    parameters: [
      {
        name: 'target_class_ids',
        description: 'the classes averaged (keras.metrics.IoU); None: every class (MeanIoU)',
        type: 'class-ids',
        nullable: true,
        default: null,
      },
    ],
    open: [],
    resolve: (p, { numClasses }) =>
      dataset(
        { ...library, emptyMeanValue: 0, outOfRangeIgnorePredictions: 'drop' },
        { excludeClasses: complement(p.target_class_ids, numClasses) },
      ),
  }),
  detectron2: withDefaults({
    name: 'detectron2',
    description:
      'detectron2 SemSegEvaluator: dataset counts; classes absent from the ground truth are NaN and skipped (mIoU, fwIoU, mACC, pACC)',
    parameters: [],
    open: [],
    // fwIoU = np.sum(iou[valid] * class_weights[valid]): 0 when no class has ground truth.
    resolve: () => dataset({ ...library, fwIoUWithoutSupport: 0 }, { predictedOnly: 'skip' }),
  }),
  monai: withDefaults({
    name: 'monai',
    description:
      'MONAI DiceMetric / MeanIoU: per image and class, NaN where the ground truth is empty (ignore_empty), reduction mean or mean_batch',
    parameters: [
      includeBackground,
      {
        name: 'ignore_empty',
        description:
          'true: a class with an empty ground truth is NaN (skipped); false: 1 if also not predicted, else 0',
        type: 'boolean',
        nullable: false,
        default: true,
      },
      {
        name: 'reduction',
        description:
          'mean: per image the mean over classes, then over images; mean_batch: per class the mean over images',
        type: 'choice',
        choices: ['mean', 'mean_batch'],
        nullable: false,
        default: 'mean',
      },
    ],
    open: [],
    resolve: (p) => ({
      ...dataset(
        { ...library, emptyMeanValue: 0 },
        {
          absent: p.ignore_empty ? 'nan' : 'one',
          predictedOnly: p.ignore_empty ? 'skip' : 'score',
          excludeClasses: background(p),
        },
      ),
      aggregate: 'image',
      imageReduce: p.reduction === 'mean_batch' ? 'per-class' : 'per-image',
    }),
  }),
};
