import type { EvaluateOptions, PerImageSelection } from '@segmetrics/metrics';
import type { RunSettings } from './run-settings.js';

/**
 * The `@segmetrics/metrics` `evaluate` options of a run: the aggregation, averaging, absent policy, ...
 * that were given (a choice not given is left to the preset, else the metrics package's default), the
 * class names, and whether to compute per-image results (`perImage`: needs a matrix with per-image
 * statistics; `{ worst: n }` for the n worst only). Shared by the CLI and the web app, so both evaluate the same counts the same way.
 */
export function runEvaluateOptions(
  settings: RunSettings,
  perImage: boolean | PerImageSelection,
): EvaluateOptions {
  const { report } = settings;
  return {
    classNames: [...settings.classNames],
    perImage,
    ...(report.preset === null ? {} : { preset: report.preset as NonNullable<EvaluateOptions['preset']> }),
    ...(report.aggregate === null ? {} : { aggregate: report.aggregate }),
    ...(report.imageReduce === null ? {} : { imageReduce: report.imageReduce }),
    ...(report.average === null ? {} : { average: report.average }),
    ...(report.absent === null ? {} : { absent: report.absent }),
    ...(report.beta === null ? {} : { beta: report.beta }),
    ...(report.excludeClasses.length > 0 ? { excludeClasses: [...report.excludeClasses] } : {}),
    ...(report.presetOptions === undefined ? {} : { presetOptions: report.presetOptions }),
    ...(report.predictedOnly === undefined ? {} : { predictedOnly: report.predictedOnly }),
    ...(report.confidence === undefined ? {} : { confidence: { ...report.confidence } }),
  };
}
