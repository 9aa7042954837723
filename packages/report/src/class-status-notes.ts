import { formatPercent, UNDEFINED_VALUE } from './format-percent.js';
import type { Report } from './report-model.js';

type NotedReport = Pick<Report, 'perClass' | 'settings' | 'absentClasses' | 'predictedOnlyClasses'>;

/**
 * What a class's IoU is shown as and whether the class means count it, worded from the value the report
 * holds (never re-derived from the settings, so presets' quirks are described as they acted): NaN is
 * `IoU —, left out of the means`; a preset's per-class sentinel for a class never present (torchmetrics
 * MeanIoU's −1, JaccardIndex's 0) is `shown as −1 (…), left out of the means`; any other value is
 * `IoU 0.00, counted in the means`; an excluded class is `excluded from the means`. When the means do not
 * take per-class values — the micro average (pooled counts), or image aggregation reduced per image or
 * pooled (the per-class column is then a summary of its own) — nothing is said about them. Classes of one
 * group with different descriptions are listed by description.
 */
function describeValues(report: NotedReport, ids: readonly number[], absent: boolean): string {
  const byText = new Map<string, number[]>();
  for (const id of ids) {
    const iou = report.perClass[id]?.iou ?? Number.NaN;
    const text = describeValue(report, id, iou, absent);
    byText.set(text, [...(byText.get(text) ?? []), id]);
  }
  if (byText.size <= 1) return [...byText.keys()][0] ?? '';
  return [...byText].map(([text, group]) => `${group.join(', ')}: ${text}`).join('; ');
}

/** Whether the class means are means of the per-class values the tables show. */
function meansUseClassValues(report: NotedReport): boolean {
  const { average, aggregate, imageReduce } = report.settings;
  if (average === 'micro') return false;
  return aggregate === 'dataset' || imageReduce === 'per-class';
}

function describeValue(report: NotedReport, id: number, iou: number, absent: boolean): string {
  const { excludeClasses } = report.settings;
  const sentinel = absent && isSentinel(report, id, iou);
  const shown = Number.isNaN(iou)
    ? `IoU ${UNDEFINED_VALUE}`
    : sentinel
      ? `shown as ${formatClassRatio(report, id, iou)} (the preset's value for a class never present, not an IoU)`
      : `IoU ${formatPercent(iou)}`;
  if (excludeClasses.includes(id)) return `${shown}, excluded from the means`;
  if (!meansUseClassValues(report)) return shown;
  return Number.isNaN(iou) || sentinel ? `${shown}, left out of the means` : `${shown}, counted in the means`;
}

/** A sentinel as the library prints it (`-1`, `0`), not as a percentage. */
export function formatSentinel(value: number): string {
  return value < 0 ? `−${Math.abs(value)}` : String(value);
}

/**
 * The note on classes absent from the dataset (neither in the ground truth nor predicted: 0/0), e.g.
 * `IoU —, left out of the means`, `IoU 0.00, counted in the means` (`--absent zero`, or a preset whose
 * empty means are 0), `shown as −1 (…), left out of the means` (torchmetrics MeanIoU). Empty without
 * absent classes.
 */
export function absentClassesNote(report: NotedReport): string {
  return describeValues(report, report.absentClasses, true);
}

/**
 * The note on classes predicted but never in the ground truth: `IoU 0.00, counted in the means` by
 * default, `IoU —, left out of the means` under `--predicted-only skip` (detectron2, MONAI). Empty
 * without such classes.
 */
export function predictedOnlyNote(report: NotedReport): string {
  return describeValues(report, report.predictedOnlyClasses, false);
}

/**
 * Whether a class's per-class value is a preset's sentinel for a class never present (shown as the
 * library prints it, not as a percentage): torchmetrics MeanIoU's −1.
 */
export function isAbsentSentinel(report: NotedReport, classId: number, value: number): boolean {
  return value < 0 && isSentinel(report, classId, value);
}

/** Whether `value` is the preset's per-class value for class `classId` never present (−1 or 0). */
function isSentinel(report: NotedReport, classId: number, value: number): boolean {
  const sentinel = report.settings.quirks.perClassAbsentValue;
  return sentinel !== null && Object.is(value, sentinel) && report.absentClasses.includes(classId);
}

/**
 * A per-class ratio as the views print it: a percentage, or a preset's sentinel for a class never present
 * as the library prints it (`−1`, not `−100.00`; see {@link isAbsentSentinel}).
 */
export function formatClassRatio(report: NotedReport, classId: number, value: number): string {
  return isAbsentSentinel(report, classId, value) ? formatSentinel(value) : formatPercent(value);
}
