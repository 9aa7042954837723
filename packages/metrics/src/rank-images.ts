import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { PerImageResult } from './evaluate.js';
import { rankOrder } from './internal/rank-order.js';
import { getMetric, type SummaryId } from './metric-registry.js';

/** Options of {@link rankImages}. */
export interface RankImagesOptions {
  /** The per-image value to rank by; default `'mIoU'`. */
  metric?: SummaryId;
  /** `'worst-first'` (default) or `'best-first'`, using the metric's `higherIsBetter`. */
  order?: 'worst-first' | 'best-first';
  /** Keep only the first `limit` images; default all. */
  limit?: number;
}

/**
 * Per-image results ranked by one value, worst first by default (a new array; the input is not
 * changed). Images whose value is NaN (e.g. nothing counted) come last; ties keep the canonical
 * (sample id) order. Throws `UNKNOWN_METRIC` for an unknown id.
 */
export function rankImages(
  perImage: readonly PerImageResult[],
  options: RankImagesOptions = {},
): PerImageResult[] {
  const id = options.metric ?? 'mIoU';
  const metric = getMetric(id);
  const worstFirst = (options.order ?? 'worst-first') === 'worst-first';
  const ascending = (metric.higherIsBetter !== false) === worstFirst;
  const limit = options.limit ?? perImage.length;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `limit must be an integer >= 0, got ${String(limit)}`,
      {
        context: { option: 'limit', value: limit },
      },
    );
  }
  return rankOrder(perImage.length, (i) => perImage[i]![id], ascending)
    .slice(0, limit)
    .map((i) => perImage[i]!);
}
