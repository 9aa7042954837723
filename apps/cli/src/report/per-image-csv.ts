import type { ImageStats } from '@segmetrics/core';
import { type AbsentPolicy, absentValue } from '@segmetrics/metrics';
import { csvField } from './format-csv.js';

/** One image's row of `--per-image`. */
export interface PerImageRow {
  readonly id: string;
  /** Mean IoU over the image's classes (absent classes follow the absent policy; NaN = none). */
  readonly mIoU: number;
  /** Correct pixels / counted pixels of the image. */
  readonly pixelAccuracy: number;
  readonly counted: number;
  readonly ignored: number;
  /** Classes in the image's ground truth or prediction. */
  readonly classes: number;
  /** The class with the lowest IoU in the image ('' when none). */
  readonly worstClass: string;
  readonly worstIoU: number;
}

/**
 * Per-image rows, worst first: for each image, IoU per class = TP / (support + predicted − TP); a
 * class absent from the image (0/0) takes the absent policy's value (NaN: left out); the image's mIoU
 * is the mean over the remaining non-excluded classes. Sorted by mIoU ascending (NaN last), then id.
 */
export function perImageRows(
  stats: readonly ImageStats[],
  classNames: readonly string[],
  absent: AbsentPolicy,
  excludeClasses: readonly number[],
): PerImageRow[] {
  const excluded = new Set(excludeClasses);
  const fill = absentValue(absent);
  const rows = stats.map((image, index): PerImageRow => {
    let sum = 0;
    let n = 0;
    let classes = 0;
    let tpTotal = 0;
    let counted = 0;
    let worst = -1;
    let worstIoU = Number.POSITIVE_INFINITY;
    for (let k = 0; k < image.tp.length; k++) {
      const tp = image.tp[k]!;
      const union = image.support[k]! + image.predicted[k]! - tp;
      tpTotal += tp;
      counted += image.support[k]!;
      const present = union > 0;
      if (present) classes++;
      if (excluded.has(k)) continue;
      const iou = present ? tp / union : fill;
      if (Number.isNaN(iou)) continue;
      sum += iou;
      n++;
      if (present && iou < worstIoU) {
        worstIoU = iou;
        worst = k;
      }
    }
    return {
      id: image.sampleId ?? `#${index}`,
      mIoU: n > 0 ? sum / n : Number.NaN,
      pixelAccuracy: counted > 0 ? tpTotal / counted : Number.NaN,
      counted,
      ignored: image.ignored,
      classes,
      worstClass: worst >= 0 ? (classNames[worst] ?? `class_${worst}`) : '',
      worstIoU: worst >= 0 ? worstIoU : Number.NaN,
    };
  });
  return rows.sort((a, b) => {
    const an = Number.isNaN(a.mIoU);
    const bn = Number.isNaN(b.mIoU);
    if (an !== bn) return an ? 1 : -1;
    if (!an && a.mIoU !== b.mIoU) return a.mIoU - b.mIoU;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** `--per-image` CSV text: rank, id, mIoU, pixel accuracy, pixel counts, worst class. */
export function formatPerImageCsv(rows: readonly PerImageRow[]): string {
  const lines = ['rank,id,mIoU,pixelAccuracy,counted,ignored,classes,worstClass,worstIoU'];
  rows.forEach((row, i) => {
    lines.push(
      [
        i + 1,
        row.id,
        row.mIoU,
        row.pixelAccuracy,
        row.counted,
        row.ignored,
        row.classes,
        row.worstClass,
        row.worstIoU,
      ]
        .map(csvField)
        .join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}
