import type { ConfusionMatrixOptions } from '@segmetrics/core';
import type {
  AbsentPolicy,
  ConfidenceOptions,
  PredictedOnlyPolicy,
  PresetOptions,
} from '@segmetrics/metrics';

/**
 * How counts become numbers: the options passed to `@segmetrics/metrics`' `evaluate`. `null` means
 * "not given": the preset's value, else the metrics package's default (dataset, per-class, macro,
 * nan, β = 1), so a preset's fixed choices are never overridden by a default of the tool.
 */
export interface RunReportOptions {
  readonly aggregate: 'dataset' | 'image' | null;
  readonly imageReduce: 'per-class' | 'per-image' | 'pooled' | null;
  readonly average: 'macro' | 'micro' | 'weighted' | null;
  readonly absent: AbsentPolicy | null;
  readonly excludeClasses: readonly number[];
  /** Metric ids from the registry the human-readable views show (empty: the default set). */
  readonly metrics: readonly string[];
  readonly preset: string | null;
  readonly beta: number | null;
  /** The preset's parameters by the library's names (absent: none given). */
  readonly presetOptions?: PresetOptions;
  /** What a class predicted but not in the ground truth scores (absent: not given). */
  readonly predictedOnly?: PredictedOnlyPolicy;
  /** Bootstrap confidence intervals over images (`evaluate()`'s `confidence`; absent: none). */
  readonly confidence?: Readonly<ConfidenceOptions>;
}

/**
 * Everything that determines the numbers of a run (the CLI stores it in state files: two states merge
 * only when their settings are equal): the matrix options (class count, ignore labels, label mapping,
 * per-image statistics), the decoder options (colour palette of RGB masks), the report options, the
 * class names and the dataset preset that supplied defaults. Paths are not part of it.
 */
export interface RunSettings {
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly matrixOptions: ConfusionMatrixOptions;
  readonly decodeOptions: Readonly<Record<string, unknown>>;
  readonly report: RunReportOptions;
  /** Dataset preset that supplied defaults, or null. */
  readonly dataset: string | null;
}

/** Default class names: `class_0`, `class_1`, ... */
export function defaultClassNames(numClasses: number): string[] {
  return Array.from({ length: numClasses }, (_, i) => `class_${i}`);
}
