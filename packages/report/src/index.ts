export { type BuildReportInput, buildReport, type ReportRunInfo } from './build-report.js';
export {
  absentClassesNote,
  formatClassRatio,
  formatSentinel,
  isAbsentSentinel,
  predictedOnlyNote,
} from './class-status-notes.js';
export {
  type BuildComparisonInput,
  buildComparisonReport,
} from './comparison/build-comparison-report.js';
export { comparisonDirection } from './comparison/comparison-direction.js';
export {
  COMPARISON_SCHEMA_VERSION,
  type ComparisonClassRow,
  type ComparisonDelta,
  type ComparisonImage,
  type ComparisonInterval,
  type ComparisonReport,
  type ComparisonSide,
  type ComparisonVerdict,
} from './comparison/comparison-model.js';
export {
  type ComparisonSummaryRow,
  comparisonMethodNote,
  comparisonSummaryRows,
  formatDelta,
  formatDeltaInterval,
} from './comparison/comparison-rows.js';
export { comparisonToJson } from './comparison/comparison-to-json.js';
export { comparisonToMarkdown } from './comparison/comparison-to-markdown.js';
export { comparisonVerdict, formatPValue } from './comparison/comparison-verdict.js';
export { type ComparisonHtmlInput, renderComparisonHtml } from './comparison/html/render-comparison-html.js';
export { countNoun } from './count-noun.js';
export { csvField, csvLine } from './csv-field.js';
export { FEW_IMAGES_FOR_INTERVALS, fewImagesWarning } from './few-images-warning.js';
export { formatLevel } from './format-level.js';
export {
  formatCount,
  formatInterval,
  formatPercent,
  groupThousands,
  UNDEFINED_VALUE,
} from './format-percent.js';
export { formatSummaryInterval, formatSummaryValue, isCoefficient } from './format-summary-value.js';
export { cssColor, defaultClassColors, REPORT_PICTURE_COLORS, type RgbTriple } from './html/class-colors.js';
export { escapeHtml } from './html/escape-html.js';
export type { HtmlReportImage, HtmlReportInput } from './html/html-report-input.js';
export { base64FromBytes, type HtmlPicture, pngDataUrl } from './html/png-data-url.js';
export { renderHtmlReport } from './html/render-html-report.js';
export { scriptJson } from './html/script-json.js';
export { libraryHeadline } from './library-headline.js';
export { type PerImageRow, perImageRows, perImageToCsv } from './per-image-rows.js';
export { displayLabels, errorStates } from './pictures/display-labels.js';
export { type LabelGrid, THUMBNAIL_SIZE, thumbnailLabels } from './pictures/thumbnail-labels.js';
export {
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportBoundarySummary,
  type ReportCategory,
  type ReportCityscapesSummary,
  type ReportClassRow,
  type ReportConfusedPair,
  type ReportLibrary,
  type ReportPixels,
  type ReportSettings,
  type ReportShard,
  type ReportSummary,
} from './report-model.js';
export { describePartial, type ReportPartial } from './report-partial.js';
export { CSV_DEFAULT_METRICS, type CsvOptions, reportToCsv } from './report-to-csv.js';
export { prettyJson, reportToJson } from './report-to-json.js';
export {
  cityscapesLine,
  type MarkdownOptions,
  markdownCell,
  reportToMarkdown,
} from './report-to-markdown.js';
export {
  DEFAULT_BOUNDARY_DILATION_RATIO,
  type RunSettingsInput,
  type RunSettingsNaming,
  resolveRunSettings,
} from './resolve-run-settings.js';
export { runClassColors } from './run-class-colors.js';
export { runEvaluateOptions } from './run-evaluate-options.js';
export {
  type BuildRunReportOptions,
  buildRunReport,
  type RunReport,
  runLibraries,
} from './run-report.js';
export { defaultClassNames, type RunReportOptions, type RunSettings } from './run-settings.js';
export {
  datasetSummaryIds,
  knownMetricIds,
  type MetricColumn,
  type MetricSelection,
  selectMetrics,
} from './select-metrics.js';
export { settingsSummary } from './settings-summary.js';
export { invalidOption } from './settings-text/invalid-option.js';
export { parseClassNames } from './settings-text/parse-class-names.js';
export { MAX_PALETTE_ID, parseColorPalette } from './settings-text/parse-color-palette.js';
export { LABEL_VALUE_RANGE, parseLabelMap } from './settings-text/parse-label-map.js';
export { repeatedJsonKey } from './settings-text/repeated-json-key.js';
export { resolveClassList } from './settings-text/resolve-class-list.js';
export type { SettingsTextSource } from './settings-text/settings-text-source.js';
