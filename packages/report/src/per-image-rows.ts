import { type EvaluationReport, rankImages } from '@segmetrics/metrics';
import { csvLine } from './csv-field.js';

/** One image's row of the per-image view (the CLI's `--per-image` CSV, the report's worst images). */
export interface PerImageRow {
  /** The image's sample id (its pairing key), or `#i` for an image counted without one. */
  readonly id: string;
  /** The image's mIoU under the report's settings (NaN when no class is defined in it). */
  readonly mIoU: number;
  /** Correct pixels / counted pixels of the image (the image's aAcc; NaN when nothing is counted). */
  readonly pixelAccuracy: number;
  /** Counted pixels (ground truth not ignored). */
  readonly counted: number;
  /** Pixels whose ground truth is ignored. */
  readonly ignored: number;
  /** Classes in the image's ground truth or prediction. */
  readonly classes: number;
  /** The present, non-excluded classes of the image with their IoU, lowest first. */
  readonly classIoU: readonly { readonly id: number; readonly name: string; readonly iou: number }[];
  /** The image's Boundary IoU class mean, when the run counted boundaries. */
  readonly mBoundaryIoU?: number;
}

/**
 * Per-image rows, worst first: `evaluate()`'s per-image results ranked by mIoU (metrics' `rankImages`:
 * lowest first, images with an undefined mIoU last, ties in sample-id order), optionally only the first
 * `limit`. Every number is the evaluation's own. Empty when the evaluation has no per-image results.
 * An evaluation made with `perImage: { worst: n }` (by mIoU) gives the same first n rows as the full
 * list; an image without a sample id is `#i` by its canonical index in either case.
 */
export function perImageRows(evaluation: EvaluationReport, limit?: number): PerImageRow[] {
  const images = evaluation.perImage ?? [];
  const canonical = evaluation.perImageSelection?.indices;
  const index = new Map(images.map((image, i) => [image, canonical?.[i] ?? i]));
  const names = evaluation.settings.classNames;
  return rankImages(images, { metric: 'mIoU', ...(limit === undefined ? {} : { limit }) }).map((image) => ({
    id: image.sampleId ?? `#${index.get(image)}`,
    mIoU: image.mIoU,
    pixelAccuracy: image.aAcc,
    counted: image.pixels,
    ignored: image.ignoredPixels,
    classes: image.presentClasses,
    classIoU: image.classIoU.map(({ id, iou }) => ({ id, name: names[id] ?? String(id), iou })),
    ...(image.mBoundaryIoU === undefined ? {} : { mBoundaryIoU: image.mBoundaryIoU }),
  }));
}

/**
 * The per-image CSV (`--per-image FILE`): `rank,id,mIoU,pixelAccuracy,counted,ignored,classes,
 * worstClass,worstIoU`, then `mBoundaryIoU` when the run counted boundaries, worst image first;
 * `worstClass` is the image's lowest-IoU class. Empty cell = undefined; text cells are protected against
 * spreadsheet formula injection.
 */
export function perImageToCsv(rows: readonly PerImageRow[]): string {
  const boundary = rows.some((row) => row.mBoundaryIoU !== undefined);
  const lines = [
    `rank,id,mIoU,pixelAccuracy,counted,ignored,classes,worstClass,worstIoU${boundary ? ',mBoundaryIoU' : ''}`,
  ];
  rows.forEach((row, i) => {
    const worst = row.classIoU[0];
    lines.push(
      csvLine([
        i + 1,
        row.id,
        row.mIoU,
        row.pixelAccuracy,
        row.counted,
        row.ignored,
        row.classes,
        worst?.name ?? '',
        worst?.iou ?? Number.NaN,
        ...(boundary ? [row.mBoundaryIoU ?? Number.NaN] : []),
      ]),
    );
  });
  return `${lines.join('\n')}\n`;
}
