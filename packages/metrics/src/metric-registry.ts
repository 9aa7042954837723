import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { cohenKappaMetric } from './cohen-kappa.js';
import { diceMetric } from './dice.js';
import { frequencyWeightedIoUMetric } from './frequency-weighted-iou.js';
import { fscoreMetric } from './fscore.js';
import { iouMetric } from './iou.js';
import { pixelAccuracyMetric } from './pixel-accuracy.js';
import { precisionMetric } from './precision.js';
import { predictedMetric } from './predicted.js';
import { recallMetric } from './recall.js';
import { specificityMetric } from './specificity.js';
import { supportMetric } from './support.js';
import { tverskyMetric } from './tversky.js';
import type { MetricDescriptor } from './types.js';

/**
 * Every metric, in display order: per-class metrics first, then dataset-level summaries. The CLI and
 * {@link evaluate} read this list; adding a metric = one file plus one line here.
 */
export const metricRegistry = [
  iouMetric,
  diceMetric,
  fscoreMetric,
  precisionMetric,
  recallMetric,
  specificityMetric,
  tverskyMetric,
  supportMetric,
  predictedMetric,
  pixelAccuracyMetric,
  frequencyWeightedIoUMetric,
  cohenKappaMetric,
] as const satisfies readonly MetricDescriptor[];

type Registry = (typeof metricRegistry)[number];
type PerClassEntry = Extract<Registry, { kind: 'per-class' }>;

/** Ids of per-class metrics (`'iou' | 'dice' | …`). */
export type PerClassMetricId = PerClassEntry['id'];
/** Ids of summary values: class means (`'mIoU' | 'mAcc' | …`) and dataset-level metrics (`'aAcc' | …`). */
export type SummaryId = PerClassEntry['summaryIds'][number] | Extract<Registry, { kind: 'summary' }>['id'];
/** Any metric id in the registry. */
export type MetricId = Registry['id'];

/**
 * The registry entry with this id (a per-class id such as `'iou'`, a class-mean id such as `'mIoU'`,
 * or a summary id such as `'aAcc'`). Throws `UNKNOWN_METRIC` listing the known ids otherwise.
 */
export function getMetric(id: string): MetricDescriptor {
  for (const metric of metricRegistry) {
    if (metric.id === id) return metric;
    if (metric.kind === 'per-class' && (metric.summaryIds as readonly string[]).includes(id)) return metric;
  }
  const known = metricRegistry.flatMap((m) => (m.kind === 'per-class' ? [m.id, ...m.summaryIds] : [m.id]));
  throw new SegmetricsError(ErrorCode.UNKNOWN_METRIC, `unknown metric "${id}"; known: ${known.join(', ')}`, {
    context: { value: id, known },
  });
}
