import type { ConfidenceIntervals, SummaryId } from '@segmetrics/metrics';
import type { ReportBoundarySummary, ReportSettings, ReportSummary } from '../report-model.js';

/**
 * Version of the comparison layout (`segmetrics compare --format json`, docs/cli-json.md). Fields are
 * only added within a version; a rename, removal or change of meaning bumps it.
 */
export const COMPARISON_SCHEMA_VERSION = 1;

/** An interval `[low, high]` of fractions, or `null` when undefined. */
export type ComparisonInterval = readonly [number, number] | null;

/** One model of a comparison: its summary and its own bootstrap intervals (the same resamples as Δ). */
export interface ComparisonSide {
  /** `"A"` or `"B"`. */
  readonly label: 'A' | 'B';
  /** Where its predictions came from: the prediction folder or the state file (null when unknown). */
  readonly source: string | null;
  /**
   * The model's summary values under the comparison's settings (NaN = undefined, `null` in JSON), with
   * `mBoundaryIoU` when both runs counted Boundary IoU.
   */
  readonly summary: ReportSummary & ReportBoundarySummary;
  /** Percentile intervals of the model's summary values and per-class IoU. */
  readonly confidence: ConfidenceIntervals;
}

/** A difference B − A of one summary value. */
export interface ComparisonDelta {
  /** Exactly `b.summary[id] − a.summary[id]`. */
  readonly estimate: number;
  /** Paired bootstrap percentile interval of the difference. */
  readonly ci: ComparisonInterval;
  /** Two-sided paired permutation p-value; `null` when the difference is undefined. */
  readonly pValue: number | null;
}

/** One class's IoU of both models and the difference. */
export interface ComparisonClassRow {
  readonly id: number;
  readonly name: string;
  /** IoU of A and of B. */
  readonly a: number;
  readonly b: number;
  /** Exactly `b − a`. */
  readonly delta: number;
  readonly ci: ComparisonInterval;
  readonly pValue: number | null;
  /** `pValue` Holm-adjusted over the classes that have one. */
  readonly pHolm: number | null;
}

/** One image's per-image mIoU of both models. */
export interface ComparisonImage {
  readonly sampleId: string;
  readonly a: number;
  readonly b: number;
  /** b − a (NaN when either is undefined). */
  readonly delta: number;
}

/**
 * The plain-language result for the headline metric (mIoU): `better`/`worse` when the interval excludes
 * 0 and p ≤ 1 − level, `no-detectable-difference` otherwise, `undefined` when the difference is.
 */
export interface ComparisonVerdict {
  readonly metric: 'mIoU';
  readonly outcome: 'better' | 'worse' | 'no-detectable-difference' | 'undefined';
  /** e.g. "B is better by 1.20 mIoU points (95% CI 0.40 to 2.00, p = 0.004, 500 images)". */
  readonly text: string;
}

/**
 * The comparison report model: what `segmetrics compare --format json` prints and what its table,
 * Markdown and HTML show. Built once by {@link buildComparisonReport} from `compareMatrices()`'s result;
 * no view recomputes a number. NaN stays NaN here; the JSON view prints `null`.
 */
export interface ComparisonReport {
  readonly schemaVersion: typeof COMPARISON_SCHEMA_VERSION;
  readonly tool: 'segmetrics';
  readonly kind: 'comparison';
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** Paired images. */
  readonly images: number;
  /** Interval level, bootstrap resamples (= permutations) and seed. */
  readonly level: number;
  readonly samples: number;
  readonly seed: number;
  readonly method: 'percentile';
  readonly test: 'paired-permutation';
  readonly unit: 'image';
  /** The settings both models were evaluated with. */
  readonly settings: ReportSettings;
  readonly a: ComparisonSide;
  readonly b: ComparisonSide;
  /** B − A of every summary value. */
  readonly delta: Readonly<Record<SummaryId, ComparisonDelta>> & {
    /** When both runs counted Boundary IoU: B − A of mBoundaryIoU, resampled and permuted with the images. */
    readonly mBoundaryIoU?: ComparisonDelta;
  };
  /** B − A of per-class IoU, in class order. */
  readonly perClass: readonly ComparisonClassRow[];
  /** The per-image value of `losses`, `gains` and `perImage`. */
  readonly imageMetric: 'mIoU';
  /** Images where B loses most against A, most negative Δ first. */
  readonly losses: readonly ComparisonImage[];
  /** Images where B gains most, most positive Δ first. */
  readonly gains: readonly ComparisonImage[];
  /** Every image, in canonical (sample id) order. */
  readonly perImage: readonly ComparisonImage[];
  readonly verdict: ComparisonVerdict;
  /** Version of the tool that wrote the report. */
  readonly version: string;
}
