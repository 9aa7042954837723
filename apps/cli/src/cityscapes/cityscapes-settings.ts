import { ConfusionMatrix, type ConfusionMatrixOptions, SegmetricsError } from '@segmetrics/core';
import { CITYSCAPES_MIN_INSTANCE_ID, checkCityscapesMatrix } from '@segmetrics/metrics';
import { usageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { type CityscapesFlags, isCityscapesRun, wantsInstances } from './cityscapes-options.js';

/**
 * The run's settings with what the Cityscapes scores need (for `--dataset cityscapes-labelids`): raw
 * values outside the labelId table are errors (`unmapped: 'invalid'`), predictions of ignored labelIds
 * are split by value (caravan, trailer: category iIoU), ignored ground truth is kept by (labelId,
 * predicted labelId) (the void rows of `--format cityscapes`' confMatrix), and — unless `--no-instances` — per-image
 * instance statistics from the instance-id maps (ids from 1001). Other runs are returned unchanged.
 * Options that change the preset's mapping (`--label-map`, `--num-classes`, `--ignore-index`, ...) are a
 * usage error: the benchmark's numbers are defined on the preset's labels only.
 */
export function withCityscapesSettings(
  settings: EvaluationSettings,
  flags: CityscapesFlags,
): EvaluationSettings {
  if (!isCityscapesRun(flags)) return settings;
  const base = settings.matrixOptions;
  const instances = wantsInstances(flags);
  const matrixOptions: ConfusionMatrixOptions = {
    ...base,
    ...(base.labelMapping === undefined
      ? {}
      : { labelMapping: { ...base.labelMapping, unmapped: 'invalid' } }),
    splitPredictedIgnore: true,
    splitIgnoredGroundTruth: true,
    ...(instances ? { perImage: true, instances: { minInstanceId: CITYSCAPES_MIN_INSTANCE_ID } } : {}),
  };
  try {
    checkCityscapesMatrix(new ConfusionMatrix(matrixOptions));
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    throw usageError(
      '--dataset',
      `${flags.dataset}: the Cityscapes scores need the preset's labels unchanged (${String(error.context.problems ?? error.message)}); drop --label-map, --num-classes, --ignore-index, --reduce-zero-label and --mapping-applies-to`,
      flags.dataset,
    );
  }
  return { ...settings, matrixOptions };
}
