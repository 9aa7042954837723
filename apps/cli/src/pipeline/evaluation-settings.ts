import type { ConfusionMatrixOptions } from '@segmetrics/core';
import type { AbsentPolicy, PredictedOnlyPolicy, PresetOptions } from '@segmetrics/metrics';

/**
 * How counts become numbers: the options passed to `@segmetrics/metrics`' `evaluate`. `null` means
 * "not given": the preset's value, else the metrics package's default (dataset, per-class, macro,
 * nan, β = 1), so a preset's fixed choices are never overridden by a CLI default.
 */
export interface ReportOptions {
  readonly aggregate: 'dataset' | 'image' | null;
  readonly imageReduce: 'per-class' | 'per-image' | 'pooled' | null;
  readonly average: 'macro' | 'micro' | 'weighted' | null;
  readonly absent: AbsentPolicy | null;
  readonly excludeClasses: readonly number[];
  /** Metric ids from the registry selected with `--metrics` (empty: the default set). */
  readonly metrics: readonly string[];
  readonly preset: string | null;
  readonly beta: number | null;
  /** `--preset-option NAME=VALUE`: the preset's parameters by the library's names (absent: none given). */
  readonly presetOptions?: PresetOptions;
  /** `--predicted-only` (absent: not given). */
  readonly predictedOnly?: PredictedOnlyPolicy;
}

/**
 * Everything that determines the numbers of a run, stored in state files: two states merge only when
 * their settings are equal. Paths are not part of it (shards may run on different machines).
 */
export interface EvaluationSettings {
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly matrixOptions: ConfusionMatrixOptions;
  readonly decodeOptions: Readonly<Record<string, unknown>>;
  readonly report: ReportOptions;
  /** Dataset preset that supplied defaults (`--dataset`), or null. */
  readonly dataset: string | null;
}

/** Default class names: `class_0`, `class_1`, ... */
export function defaultClassNames(numClasses: number): string[] {
  return Array.from({ length: numClasses }, (_, i) => `class_${i}`);
}
