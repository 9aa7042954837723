import { ConfusionMatrix } from '@segmetrics/core';
import { isUsageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { runReport } from './run-report.js';

/**
 * Checks the metric options before any file is read, by evaluating an empty matrix with them: an
 * invalid combination (e.g. overriding a preset's fixed choice) fails now, as a usage error.
 */
export function validateReportOptions(settings: EvaluationSettings): void {
  try {
    runReport(new ConfusionMatrix(settings.matrixOptions), settings);
  } catch (error) {
    if (isUsageError(error)) throw error;
  }
}
