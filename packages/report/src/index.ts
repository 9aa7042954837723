export { type BuildReportInput, buildReport, type ReportRunInfo } from './build-report.js';
export { csvField, csvLine } from './csv-field.js';
export { formatCount, formatInterval, formatPercent, UNDEFINED_VALUE } from './format-percent.js';
export { type PerImageRow, perImageRows, perImageToCsv } from './per-image-rows.js';
export {
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportClassRow,
  type ReportConfusedPair,
  type ReportLibrary,
  type ReportPixels,
  type ReportSettings,
  type ReportShard,
  type ReportSummary,
} from './report-model.js';
export { CSV_DEFAULT_METRICS, type CsvOptions, reportToCsv } from './report-to-csv.js';
export { prettyJson, reportToJson } from './report-to-json.js';
export { type MarkdownOptions, markdownCell, reportToMarkdown } from './report-to-markdown.js';
export {
  datasetSummaryIds,
  knownMetricIds,
  type MetricColumn,
  type MetricSelection,
  selectMetrics,
} from './select-metrics.js';
export { settingsSummary } from './settings-summary.js';
