import { prettyJson } from '../report-to-json.js';
import type { ComparisonReport } from './comparison-model.js';

/**
 * The comparison as JSON text (the `segmetrics compare --format json` contract, docs/cli-json.md): NaN
 * becomes `null`, laid out as {@link reportToJson} lays out a report.
 */
export function comparisonToJson(report: ComparisonReport): string {
  return `${prettyJson(report, '')}\n`;
}
