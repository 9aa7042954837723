import { metricRegistry } from '../metric-registry.js';
import type { Engine } from './engine.js';

/**
 * The summary values of an engine's unit set: every class-averaged metric of the registry under each of
 * its summary ids (mIoU, mDice, …) and every dataset-level metric (aAcc, fwIoU, kappa). One function, so
 * `evaluate` and the bootstrap's resamples report the same ids computed the same way.
 */
export function summaryOf(engine: Engine): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metric of metricRegistry) {
    if (metric.kind === 'per-class') {
      if (metric.summaryIds.length === 0) continue;
      const value = engine.classSummary(metric);
      for (const id of metric.summaryIds) out[id] = value;
    } else {
      out[metric.id] = engine.summary(metric);
    }
  }
  return out;
}
