import { type ConfusionMatrix, classCounts } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { VERSION } from '../version.js';

/** Version of the JSON report layout (`--format json`); see docs/cli-json.md. */
export const REPORT_SCHEMA_VERSION = 1;

/** One class's row of the report (values under the chosen settings; NaN = 0/0, `null` in JSON). */
export interface PerClassRow {
  readonly id: number;
  readonly name: string;
  readonly iou: number;
  readonly dice: number;
  readonly fscore: number;
  readonly precision: number;
  readonly recall: number;
  /** Class accuracy, mmsegmentation's per-class `Acc`: the same value as `recall`. */
  readonly acc: number;
  readonly specificity: number;
  /** Ground-truth pixels of the class (dataset total). */
  readonly support: number;
  /** Pixels predicted as the class (dataset total). */
  readonly predicted: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly [metric: string]: unknown;
}

/** A most-confused pair: ground-truth class predicted as another class. */
export interface ConfusedPair {
  readonly gt: number;
  readonly gtName: string;
  readonly predicted: number;
  readonly predictedName: string;
  /** Pixels of `gt` predicted as `predicted`. */
  readonly pixels: number;
  /** `pixels` as a share of the ground-truth class's support. */
  readonly shareOfGt: number;
}

/** The CLI's report: the `--format json` contract (schema version {@link REPORT_SCHEMA_VERSION}). */
export interface CliReport {
  readonly schemaVersion: number;
  readonly tool: 'segmetrics';
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly images: number;
  readonly pixels: { readonly counted: number; readonly ignored: number; readonly predictedIgnore: number };
  readonly settings: Record<string, unknown>;
  readonly summary: Record<string, number>;
  readonly perClass: readonly PerClassRow[];
  readonly absentClasses: readonly number[];
  readonly predictedOnlyClasses: readonly number[];
  readonly confusionMatrix: readonly (readonly number[])[];
  readonly predictedIgnore: readonly number[];
  readonly confusedPairs: readonly ConfusedPair[];
  readonly version: string;
}

/** Extra facts about the run that go into `settings` (shards merged, resumed state...). */
export interface RunInfo {
  readonly shard?: { index: number; count: number } | null;
  readonly mergedStates?: number;
}

type Loose = Record<string, unknown>;

const SUMMARY_KEYS = ['mIoU', 'mDice', 'aAcc', 'mAcc', 'fwIoU', 'mPrecision', 'mRecall', 'mFscore'] as const;

/**
 * Evaluates a matrix with `@segmetrics/metrics` under the run's settings and shapes the result into
 * the CLI's JSON contract: summary and per-class values under the chosen aggregation, averaging and
 * absent policy; dataset-level counts, the confusion matrix (rows = ground truth) and the classes that
 * are absent (0/0) or only predicted.
 */
export function buildReport(
  matrix: ConfusionMatrix,
  settings: EvaluationSettings,
  run: RunInfo = {},
): CliReport {
  const { report } = settings;
  const options: Loose = { classNames: [...settings.classNames] };
  for (const key of ['preset', 'aggregate', 'imageReduce', 'average', 'absent', 'beta'] as const) {
    if (report[key] !== null) options[key] = report[key];
  }
  if (report.excludeClasses.length > 0) options.excludeClasses = [...report.excludeClasses];
  if (report.presetOptions !== undefined) options.presetOptions = report.presetOptions;
  if (report.predictedOnly !== undefined) options.predictedOnly = report.predictedOnly;
  const result = evaluate(matrix, options as Parameters<typeof evaluate>[1]) as unknown as Loose;

  const c = matrix.numClasses;
  const counts = classCounts(matrix);
  const names = settings.classNames;
  const rawPerClass = (Array.isArray(result.perClass) ? result.perClass : []) as Loose[];
  const perClass: PerClassRow[] = Array.from({ length: c }, (_, k) => {
    const row = rawPerClass.find((r) => r.id === k) ?? rawPerClass[k] ?? {};
    return {
      ...row,
      id: k,
      name: names[k] ?? `class_${k}`,
      iou: num(row.iou),
      dice: num(row.dice),
      fscore: num(row.fscore ?? row.dice),
      precision: num(row.precision),
      recall: num(row.recall),
      acc: num(row.recall),
      specificity: num(row.specificity),
      support: counts.support[k]!,
      predicted: counts.predicted[k]!,
      tp: counts.tp[k]!,
      fp: counts.fp[k]!,
      fn: counts.fn[k]!,
    };
  });

  const rawSummary = (result.summary ?? {}) as Loose;
  const summary: Record<string, number> = {};
  for (const key of SUMMARY_KEYS) summary[key] = num(rawSummary[key]);
  for (const [key, value] of Object.entries(rawSummary)) {
    if (typeof value === 'number' && !(key in summary)) summary[key] = value;
  }

  const confusionMatrix: number[][] = [];
  for (let g = 0; g < c; g++) confusionMatrix.push(Array.from(matrix.counts.subarray(g * c, (g + 1) * c)));
  const predictedIgnore = Array.from(matrix.predictedIgnore);
  let predictedIgnoreTotal = 0;
  for (const v of predictedIgnore) predictedIgnoreTotal += v;

  const absentClasses: number[] = [];
  const predictedOnlyClasses: number[] = [];
  for (let k = 0; k < c; k++) {
    if (counts.support[k] === 0 && counts.predicted[k] === 0) absentClasses.push(k);
    else if (counts.support[k] === 0) predictedOnlyClasses.push(k);
  }

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'segmetrics',
    numClasses: c,
    classNames: [...names],
    images: matrix.images,
    pixels: { counted: counts.total, ignored: matrix.ignoredPixels, predictedIgnore: predictedIgnoreTotal },
    settings: {
      aggregate: 'dataset',
      imageReduce: null,
      average: 'macro',
      absent: 'nan',
      excludeClasses: [],
      preset: null,
      beta: 1,
      ...withoutClassNames((result.settings ?? {}) as Loose),
      metrics: report.metrics.length > 0 ? [...report.metrics] : null,
      ignoreIndex: [...matrix.settings.ignoreIndex],
      labelMapping: matrix.settings.labelMapping,
      dataset: settings.dataset,
      shard: run.shard ?? null,
      ...(run.mergedStates === undefined ? {} : { mergedStates: run.mergedStates }),
      metricsVersion: result.version ?? null,
    },
    summary,
    perClass,
    absentClasses,
    predictedOnlyClasses,
    confusionMatrix,
    predictedIgnore,
    confusedPairs: topConfusedPairs(matrix, names, 10),
    version: VERSION,
  };
}

function withoutClassNames(settings: Loose): Loose {
  const { classNames: _names, numClasses: _c, ...rest } = settings;
  return rest;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * The `limit` largest off-diagonal cells of the matrix (ground truth → prediction), largest first,
 * ties broken by ground-truth then predicted id.
 */
export function topConfusedPairs(
  matrix: ConfusionMatrix,
  names: readonly string[],
  limit: number,
): ConfusedPair[] {
  const c = matrix.numClasses;
  const counts = matrix.counts;
  const support = classCounts(matrix).support;
  const cells: ConfusedPair[] = [];
  for (let g = 0; g < c; g++) {
    for (let p = 0; p < c; p++) {
      const v = counts[g * c + p]!;
      if (g === p || v === 0) continue;
      cells.push({
        gt: g,
        gtName: names[g] ?? `class_${g}`,
        predicted: p,
        predictedName: names[p] ?? `class_${p}`,
        pixels: v,
        shareOfGt: v / support[g]!,
      });
    }
  }
  cells.sort((a, b) => b.pixels - a.pixels || a.gt - b.gt || a.predicted - b.predicted);
  return cells.slice(0, limit);
}

/**
 * Serialises a report as JSON: NaN and infinities become `null`; objects are indented by two spaces
 * and arrays of numbers (matrix rows, per-class lists) stay on one line. `JSON.parse` gives the same
 * value as for `JSON.stringify`.
 */
export function reportToJson(report: CliReport): string {
  return `${prettyJson(report, '')}\n`;
}

function prettyJson(value: unknown, indent: string): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number' || v === null)) {
      return `[${value.map((v) => prettyJson(v, inner)).join(', ')}]`;
    }
    return `[\n${value.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}
