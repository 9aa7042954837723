import type { Comparison } from '@segmetrics/metrics';
import { type ReportRunInfo, settingsOf } from '../build-report.js';
import {
  COMPARISON_SCHEMA_VERSION,
  type ComparisonClassRow,
  type ComparisonImage,
  type ComparisonReport,
} from './comparison-model.js';
import { comparisonVerdict } from './comparison-verdict.js';

/** What {@link buildComparisonReport} turns into the comparison model. */
export interface BuildComparisonInput {
  /** `compareMatrices(a, b, options)`'s result: every number of the report comes from here. */
  readonly comparison: Comparison;
  /** Where A's and B's predictions came from (prediction folders or state files). */
  readonly sources?: { readonly a?: string | null; readonly b?: string | null };
  /** Tool version, `--metrics`, `--dataset` (as for {@link buildReport}). */
  readonly run: ReportRunInfo;
  /** The matrices' Boundary IoU setting (`matrix.settings.boundary`; absent or `null`: not counted). */
  readonly boundary?: { readonly dilationRatio: number } | null;
}

const copyImage = (d: ComparisonImage): ComparisonImage => ({
  sampleId: d.sampleId,
  a: d.a,
  b: d.b,
  delta: d.delta,
});

/**
 * Builds the comparison report model from `compareMatrices()`'s result: copies both summaries and their
 * intervals, every difference with its interval and p-values, per-class IoU of both models, the images
 * where B loses and gains most and every image's pair of values, and words the mIoU difference
 * ({@link comparisonVerdict}). Computes nothing.
 *
 * @example
 * const comparison = compareMatrices(a, b, { classNames, samples: 1000, seed: 0 });
 * const report = buildComparisonReport({ comparison, run: { toolVersion: '0.3.0' } });
 * report.verdict.text; // 'B is better by 1.20 mIoU points (95% CI 0.40 to 2.00, p = 0.004, 500 images)'
 */
export function buildComparisonReport(input: BuildComparisonInput): ComparisonReport {
  const { comparison: c, run } = input;
  const perClass: ComparisonClassRow[] = c.perClass.map((row, k) => ({
    id: row.id,
    name: row.name,
    a: c.a.perClass[k]!.iou,
    b: c.b.perClass[k]!.iou,
    delta: row.delta,
    ci: row.ci,
    pValue: row.pValue,
    pHolm: row.pHolm,
  }));
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    tool: 'segmetrics',
    kind: 'comparison',
    numClasses: c.a.settings.numClasses,
    classNames: [...c.a.settings.classNames],
    images: c.images,
    level: c.level,
    samples: c.samples,
    seed: c.seed,
    method: c.method,
    test: c.test,
    unit: c.unit,
    settings: settingsOf(c.a, input.boundary ?? null, run),
    a: { label: 'A', source: input.sources?.a ?? null, summary: c.a.summary, confidence: c.a.confidence },
    b: { label: 'B', source: input.sources?.b ?? null, summary: c.b.summary, confidence: c.b.confidence },
    delta: c.delta,
    perClass,
    imageMetric: c.imageMetric,
    losses: c.losses.map(copyImage),
    gains: c.gains.map(copyImage),
    perImage: c.perImage.map(copyImage),
    verdict: comparisonVerdict(c.delta.mIoU, c.level, c.images, c.a.settings.average),
    version: run.toolVersion,
  };
}
