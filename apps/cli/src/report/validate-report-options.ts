import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { isUsageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { evaluateOptions } from './run-report.js';

/**
 * Checks the metric options before any file is read, by evaluating an empty matrix with them: an
 * invalid combination (e.g. overriding a preset's fixed choice) fails now, as a usage error. The
 * options are the ones `runReport` evaluates with (its other steps take no user option), so this is
 * `evaluate()` alone, not the whole report with every preset (≈ 20 ms of cold code at start-up).
 */
export function validateReportOptions(settings: EvaluationSettings): void {
  try {
    evaluate(new ConfusionMatrix(settings.matrixOptions), evaluateOptions(settings, false));
  } catch (error) {
    if (isUsageError(error)) throw error;
  }
}
