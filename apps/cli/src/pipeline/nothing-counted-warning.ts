import { type ConfusionMatrix, confusionMatrixTotals } from '@segmetrics/core';

/**
 * The warning for a run that counted images but no pixel: every ground-truth pixel is an ignore label
 * (or one the label mapping ignores), so every metric is undefined (0/0) and the report shows "—" (a
 * preset whose library reports 0 over nothing, e.g. Keras, MONAI, detectron2's fwIoU, shows its 0).
 * Usually a wrong `--ignore-index`, `--reduce-zero-label` or label mapping. `null` otherwise.
 */
export function nothingCountedWarning(matrix: ConfusionMatrix): string | null {
  const totals = confusionMatrixTotals(matrix);
  if (totals.images === 0 || totals.counted > 0) return null;
  const images = matrix.images === 1 ? 'the image' : `all ${matrix.images} images`;
  return `no pixel was counted: the ground truth of every pixel of ${images} is ignored (${totals.ignored} pixel${totals.ignored === 1 ? '' : 's'}), so every metric is undefined (a library that reports 0 for nothing, e.g. keras, says 0); check --ignore-index, --reduce-zero-label and the label mapping`;
}
