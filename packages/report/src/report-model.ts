import type {
  ConfidenceIntervals,
  EvaluationSettings,
  PerClassMetricId,
  PresetName,
  SummaryId,
} from '@segmetrics/metrics';
import type { ReportPartial } from './report-partial.js';

/**
 * Version of the report layout (the CLI's `--format json` contract, docs/cli-json.md). Fields are only
 * added within a version; a rename, removal or change of meaning bumps it.
 */
export const REPORT_SCHEMA_VERSION = 1;

/**
 * Pixel totals of a report: `counted + ignored + dropped` is every pixel of the evaluated images (after
 * label mapping).
 */
export interface ReportPixels {
  /**
   * Pixels counted: ground truth not ignored, less the `dropped` ones (the sum of the classes' support).
   */
  readonly counted: number;
  /** Pixels whose ground truth is an ignore label. */
  readonly ignored: number;
  /**
   * Pixels with a ground-truth class that the convention does not count (`evaluate()`'s `droppedPixels`):
   * those predicted as an ignore label outside the classes under `quirks.outOfRangeIgnorePredictions:
   * 'drop'` (`--preset keras`: Keras drops such predictions); 0 under every other convention.
   */
  readonly dropped: number;
  /**
   * Pixels with a ground-truth class predicted as an ignore label: misses of their ground-truth class,
   * except the `dropped` ones.
   */
  readonly predictedIgnore: number;
}

/** The shard a report covers. */
export interface ReportShard {
  readonly index: number;
  readonly count: number;
}

/**
 * Everything that produced the numbers: the metrics' {@link EvaluationSettings} (without the class
 * names and count, which are top-level fields) plus how the run selected and read its data.
 */
export type ReportSettings = Omit<EvaluationSettings, 'classNames' | 'numClasses'> & {
  /** The metric ids the human-readable views show (`--metrics`), or `null` for the default set. */
  readonly metrics: readonly string[] | null;
  /** The dataset preset that supplied classes, ignore labels and mapping (`--dataset`), or `null`. */
  readonly dataset: string | null;
  /** The shard this report covers, or `null` (a whole dataset, or a merge of shards). */
  readonly shard: ReportShard | null;
  /** How many state files a `merge` combined (absent otherwise). */
  readonly mergedStates?: number;
  /**
   * What a partial result lacks (`merge --allow-partial`: missing shards, interrupted states), or `null`
   * for a complete result (absent: a report made before this field, or by a caller that does not know).
   */
  readonly partial?: ReportPartial | null;
  /**
   * Boundary IoU counting (`--boundary-iou`): the dilation ratio r (each image's boundary width is
   * d = max(1, round-half-even(r·√(H² + W²))) pixels), or `null` when the run did not count boundaries.
   */
  readonly boundary: { readonly dilationRatio: number } | null;
  /** Version of `@segmetrics/metrics` that computed the numbers. */
  readonly metricsVersion: string;
};

/** Summary values by id (class means and dataset-level metrics); NaN = undefined (JSON `null`). */
export type ReportSummary = Readonly<Record<SummaryId, number>>;

/**
 * The Cityscapes benchmark's summary values (`--dataset cityscapes-labelids`; see docs/semantics.md,
 * "Cityscapes"), present when the run computed them: `categoryIoU` always, `iIoU` and `categoryIIoU` when
 * instance statistics were counted. Copied from `@segmetrics/metrics`' `cityscapesScores`.
 */
export interface ReportCityscapesSummary {
  /** "iIoU class": mean instance-weighted class IoU (NaN-skipping). */
  readonly iIoU?: number;
  /** "IoU category": mean category IoU. */
  readonly categoryIoU?: number;
  /** "iIoU category": mean category iIoU (human, vehicle). */
  readonly categoryIIoU?: number;
}

/** The Boundary IoU summary value, present when the run counted boundaries (`--boundary-iou`). */
export interface ReportBoundarySummary {
  /** Boundary IoU (Cheng et al., CVPR 2021), class mean under the report's averaging. */
  readonly mBoundaryIoU?: number;
}

/** One Cityscapes category's scores (see {@link ReportCityscapesSummary}). */
export interface ReportCategory {
  readonly name: string;
  /** Category IoU (confusions inside the category count as correct). */
  readonly iou: number;
  /** Category iIoU, when instance statistics were counted (NaN except for human and vehicle). */
  readonly iiou?: number;
}

/**
 * One class's row: every per-class metric of the registry under the report's settings, `acc`
 * (mmsegmentation's class accuracy, the same value as `recall`), and the dataset counts.
 */
export type ReportClassRow = Readonly<
  {
    id: number;
    name: string;
    /** mmsegmentation's per-class `Acc`: the same value as `recall`. */
    acc: number;
    tp: number;
    fp: number;
    fn: number;
    tn: number;
    /** Cityscapes class iIoU (NaN for classes without instances), when the run computed it. */
    iiou?: number;
    /**
     * Boundary IoU of the class (Cheng et al., CVPR 2021; NaN when its boundary union is 0 under the
     * default absent policy), when the run counted boundaries.
     */
    boundaryIoU?: number;
  } & Record<PerClassMetricId, number>
>;

/** A most-confused pair: ground-truth class predicted as another class. */
export interface ReportConfusedPair {
  readonly gt: number;
  readonly gtName: string;
  readonly predicted: number;
  readonly predictedName: string;
  /** Pixels of `gt` predicted as `predicted`. */
  readonly pixels: number;
  /** `pixels` as a share of the ground-truth class's support. */
  readonly shareOfGt: number;
}

/** What one compatibility preset (another library's convention) reports on the same counts. */
export interface ReportLibrary {
  readonly preset: PresetName;
  /** The library, its function and the convention that makes its number differ. */
  readonly description: string;
  /** The preset's summary, or `null` when the run cannot give it (`reason` says why). */
  readonly summary: ReportSummary | null;
  readonly reason: string | null;
}

/**
 * The report model: what `--format json` prints, and what every other view (table, CSV, Markdown, HTML,
 * the web page) shows. Built once by {@link buildReport} from `evaluate()`'s result; views never
 * recompute a number. NaN stays NaN here; the JSON view prints `null`.
 */
export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: 'segmetrics';
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** Images counted. */
  readonly images: number;
  readonly pixels: ReportPixels;
  readonly settings: ReportSettings;
  readonly summary: ReportSummary & ReportBoundarySummary & ReportCityscapesSummary;
  /**
   * Bootstrap percentile intervals of the summary values and per-class IoU (`--ci`), present when the run
   * computed them: `evaluate()`'s `confidence`, copied (docs/statistics.md).
   */
  readonly confidence?: ConfidenceIntervals;
  /** One row per class, in class order. */
  readonly perClass: readonly ReportClassRow[];
  /** Cityscapes categories (flat … vehicle), when the run computed them. */
  readonly perCategory?: readonly ReportCategory[];
  /** Classes neither in the ground truth nor predicted anywhere (their ratios are 0/0). */
  readonly absentClasses: readonly number[];
  /** Classes predicted but never in the ground truth. */
  readonly predictedOnlyClasses: readonly number[];
  /** Dataset counts, rows = ground truth, columns = prediction. */
  readonly confusionMatrix: readonly (readonly number[])[];
  /** Per ground-truth class, counted pixels predicted as an ignore label. */
  readonly predictedIgnore: readonly number[];
  /** The largest off-diagonal cells, largest first. */
  readonly confusedPairs: readonly ReportConfusedPair[];
  /** The same counts under every compatibility preset: what other libraries would report. */
  readonly libraries: readonly ReportLibrary[];
  /** Version of the tool that wrote the report (the `segmetrics` CLI, or the web app). */
  readonly version: string;
}
