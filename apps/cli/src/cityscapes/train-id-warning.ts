import type { ConfusionMatrix } from '@segmetrics/core';

/** TrainIds 6 … 18 are the labelIds 19 … 33 (traffic light … bicycle): values a trainId map never holds. */
const FIRST_HIGH_TRAIN_ID = 6;

/**
 * A warning when the predictions look like trainIds rather than labelIds: no pixel was predicted as a
 * labelId above 18 (traffic light, sky, person, car, …) although the ground truth holds such pixels. A
 * trainId map (0 … 18) is valid labelIds to the evaluator, so cityscapesScripts scores it without a word
 * (close to 0). `null` when the predictions look fine.
 */
export function trainIdWarning(matrix: ConfusionMatrix): string | null {
  const c = matrix.numClasses;
  let predictedHigh = 0;
  let supportHigh = 0;
  for (let g = 0; g < c; g++) {
    for (let p = FIRST_HIGH_TRAIN_ID; p < c; p++) predictedHigh += matrix.counts[g * c + p]!;
    if (g >= FIRST_HIGH_TRAIN_ID) {
      for (let p = 0; p < c; p++) supportHigh += matrix.counts[g * c + p]!;
      supportHigh += matrix.predictedIgnore[g]!;
    }
  }
  for (const value of [29, 30]) {
    for (const v of matrix.predictedIgnoreByValue?.get(value) ?? []) predictedHigh += v;
  }
  if (predictedHigh > 0 || supportHigh === 0) return null;
  return (
    `no pixel was predicted as a labelId above 18 (traffic light, sky, person, car, …) although ${supportHigh} ground-truth pixels are: ` +
    'are the predictions trainIds (0 … 18)? --dataset cityscapes-labelids expects labelIds (0 … 33) in predictions too'
  );
}
