import type { ConfusionMatrix } from '@segmetrics/core';
import { SegmetricsError } from '@segmetrics/core';
import { type Comparison, compareMatrices } from '@segmetrics/metrics';
import { buildComparisonReport, type ComparisonReport } from '@segmetrics/report';
import type { ConfidenceRequest } from '../options/confidence-flags.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { evaluateOptions } from '../report/run-report.js';
import { VERSION } from '../version.js';

/** What was compared: the two models' counts, their settings and where they came from. */
export interface ComparedCounts {
  readonly a: ConfusionMatrix;
  readonly b: ConfusionMatrix;
  readonly settings: EvaluationSettings;
  /** Prediction folders or state files, named in errors and in the report. */
  readonly sources: { readonly a: string; readonly b: string };
  /**
   * State files merged into the two sides when a side combines more than one (shards): the report's
   * `settings.mergedStates`, its "Scope". Absent for folders and for one state per side.
   */
  readonly mergedStates?: number;
  /** Warnings about the states' folders (`compare` from states), printed before the comparison. */
  readonly warnings?: readonly string[];
}

/**
 * Runs `@segmetrics/metrics`' `compareMatrices` on the two models' counts under the run's metric options
 * and builds the comparison report model from its result. The library's pairing and settings errors are
 * rethrown with both sources named (`a.json (A) vs b.json (B): …`), keeping their code.
 */
export function compareCounts(
  counts: ComparedCounts,
  confidence: ConfidenceRequest,
  topImages: number,
): ComparisonReport {
  let comparison: Comparison;
  try {
    comparison = compareMatrices(counts.a, counts.b, {
      ...evaluateOptions(counts.settings, true),
      ...confidence,
      topImages,
    });
  } catch (error) {
    if (!SegmetricsError.isInstance(error) || error.code === 'INVALID_OPTION') throw error;
    throw new SegmetricsError(
      error.code,
      `${counts.sources.a} (A) vs ${counts.sources.b} (B): ${error.message}`,
      { context: { ...error.context, file: counts.sources.b, otherFile: counts.sources.a }, cause: error },
    );
  }
  return buildComparisonReport({
    comparison,
    sources: counts.sources,
    boundary: counts.a.settings.boundary,
    run: {
      toolVersion: VERSION,
      metrics: counts.settings.report.metrics,
      dataset: counts.settings.dataset,
      ...(counts.mergedStates === undefined ? {} : { mergedStates: counts.mergedStates }),
    },
  });
}
