import {
  type ClassCounts,
  ConfusionMatrix,
  type ConfusionMatrixOptions,
  classCounts,
} from '@segmetrics/core';

/** A matrix counting the given (prediction, ground truth) images, each with sample id `img_<i>`. */
export function matrixOf(
  options: ConfusionMatrixOptions,
  images: readonly (readonly [pred: readonly number[], gt: readonly number[]])[],
): ConfusionMatrix {
  const matrix = new ConfusionMatrix(options);
  images.forEach(([pred, gt], i) => {
    matrix.update(pred, gt, { sampleId: `img_${String(i).padStart(3, '0')}` });
  });
  return matrix;
}

/** Per-class counts of one image. */
export function countsOf(
  numClasses: number,
  pred: readonly number[],
  gt: readonly number[],
  ignoreIndex?: number,
): ClassCounts {
  return classCounts(
    matrixOf({ numClasses, ...(ignoreIndex === undefined ? {} : { ignoreIndex }) }, [[pred, gt]]),
  );
}

/** Plain array of a typed array (NaN kept), for `toEqual`. */
export function list(values: ArrayLike<number>): number[] {
  return Array.from(values);
}
