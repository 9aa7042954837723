import type { ConfusionMatrix } from '@segmetrics/core';
import type { CityscapesScores, EvaluationReport, PresetOutcome } from '@segmetrics/metrics';
import {
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportCategory,
  type ReportCityscapesSummary,
  type ReportClassRow,
  type ReportConfusedPair,
  type ReportLibrary,
  type ReportSettings,
  type ReportShard,
} from './report-model.js';

/** How the run selected and read its data: the report fields `evaluate()` cannot know. */
export interface ReportRunInfo {
  /** Version of the tool writing the report (the report's `version`). */
  readonly toolVersion: string;
  /** `--metrics` ids (empty or absent: the default set, `null` in the report). */
  readonly metrics?: readonly string[];
  /** The dataset preset (`--dataset`), if any. */
  readonly dataset?: string | null;
  /** The shard the report covers, if any. */
  readonly shard?: ReportShard | null;
  /** How many state files a merge combined. */
  readonly mergedStates?: number;
}

/** What {@link buildReport} turns into the report model. */
export interface BuildReportInput {
  /** `evaluate(matrix, options)`'s result: every number of the report comes from here. */
  readonly evaluation: EvaluationReport;
  /** The evaluated matrix: the report copies its counts (confusion matrix, predicted-as-ignore). */
  readonly matrix: ConfusionMatrix;
  /** `comparePresets(matrix)`'s result (what other libraries report); default none. */
  readonly libraries?: readonly PresetOutcome[];
  /**
   * `cityscapesScores(matrix)`'s result for a Cityscapes run: adds `summary.iIoU`, `categoryIoU`,
   * `categoryIIoU`, `perClass[].iiou` and `perCategory` (the iIoU fields only when instances were counted).
   */
  readonly cityscapes?: CityscapesScores;
  readonly run: ReportRunInfo;
}

function perClassRows(evaluation: EvaluationReport): ReportClassRow[] {
  return evaluation.perClass.map((row) => {
    const { id, name, tp, fp, fn, tn, ...metrics } = row;
    return { id, name, ...metrics, acc: row.recall, tp, fp, fn, tn } as ReportClassRow;
  });
}

/** The Cityscapes fields of the report (empty without Cityscapes scores). */
function cityscapesFields(scores: CityscapesScores | undefined): {
  summary: ReportCityscapesSummary | null;
  iiou: ReadonlyMap<number, number>;
  perCategory?: ReportCategory[];
} {
  if (scores === undefined) return { summary: null, iiou: new Map() };
  const { instances } = scores;
  return {
    summary: {
      ...(instances ? { iIoU: scores.summary.iIoU } : {}),
      categoryIoU: scores.summary.categoryIoU,
      ...(instances ? { categoryIIoU: scores.summary.categoryIIoU } : {}),
    },
    iiou: new Map(instances ? scores.perClass.map((c) => [c.id, c.iiou]) : []),
    perCategory: scores.perCategory.map((c) => ({
      name: c.name,
      iou: c.iou,
      ...(instances ? { iiou: c.iiou } : {}),
    })),
  };
}

function confusedPairs(evaluation: EvaluationReport): ReportConfusedPair[] {
  return evaluation.confusedPairs.map((p) => ({
    gt: p.gt,
    gtName: p.gtName,
    predicted: p.pred,
    predictedName: p.predName,
    pixels: p.count,
    shareOfGt: p.shareOfGt,
  }));
}

/**
 * The report's `settings`: the evaluation's settings (without class names and count), the matrix's
 * Boundary IoU setting (`null`: not counted) and the run facts.
 */
export function settingsOf(
  evaluation: EvaluationReport,
  boundary: ConfusionMatrix['settings']['boundary'],
  run: ReportRunInfo,
): ReportSettings {
  const { classNames: _names, numClasses: _c, ...settings } = evaluation.settings;
  return {
    ...settings,
    metrics: run.metrics !== undefined && run.metrics.length > 0 ? [...run.metrics] : null,
    dataset: run.dataset ?? null,
    shard: run.shard ?? null,
    ...(run.mergedStates === undefined ? {} : { mergedStates: run.mergedStates }),
    boundary: boundary === null ? null : { dilationRatio: boundary.dilationRatio },
    metricsVersion: evaluation.version,
  };
}

/**
 * Builds the report model from an evaluation: copies `evaluate()`'s numbers (summary, per-class values,
 * absent and predicted-only classes, confused pairs), the matrix's counts and the presets' summaries,
 * and adds how the run was made. Computes nothing: every view of the report shows these values.
 *
 * @example
 * const evaluation = evaluate(matrix, { classNames });
 * const report = buildReport({ evaluation, matrix, libraries: comparePresets(matrix, { classNames }),
 *   run: { toolVersion: '1.0.0' } });
 * reportToJson(report); // the `--format json` text
 */
export function buildReport(input: BuildReportInput): Report {
  const { evaluation, matrix, run } = input;
  const cityscapes = cityscapesFields(input.cityscapes);
  const c = matrix.numClasses;
  const confusionMatrix: number[][] = [];
  for (let g = 0; g < c; g++) confusionMatrix.push(Array.from(matrix.counts.subarray(g * c, (g + 1) * c)));
  const predictedIgnore = Array.from(matrix.predictedIgnore);
  let predictedIgnoreTotal = 0;
  for (const v of predictedIgnore) predictedIgnoreTotal += v;
  const libraries: ReportLibrary[] = (input.libraries ?? []).map((outcome) => ({
    preset: outcome.preset,
    description: outcome.description,
    summary: outcome.summary,
    reason: outcome.reason,
  }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'segmetrics',
    numClasses: c,
    classNames: [...evaluation.settings.classNames],
    images: evaluation.images,
    pixels: {
      counted: evaluation.pixels,
      ignored: evaluation.ignoredPixels,
      dropped: evaluation.droppedPixels,
      predictedIgnore: predictedIgnoreTotal,
    },
    settings: settingsOf(evaluation, matrix.settings.boundary, run),
    summary:
      cityscapes.summary === null ? evaluation.summary : { ...evaluation.summary, ...cityscapes.summary },
    ...(evaluation.confidence === undefined ? {} : { confidence: evaluation.confidence }),
    perClass: perClassRows(evaluation).map((row) =>
      cityscapes.iiou.has(row.id) ? { ...row, iiou: cityscapes.iiou.get(row.id)! } : row,
    ),
    ...(cityscapes.perCategory === undefined ? {} : { perCategory: cityscapes.perCategory }),
    absentClasses: [...evaluation.absentClasses],
    predictedOnlyClasses: [...evaluation.predictedOnlyClasses],
    confusionMatrix,
    predictedIgnore,
    confusedPairs: confusedPairs(evaluation),
    libraries,
    version: run.toolVersion,
  };
}
