export type { CliContext } from './context.js';
export {
  CITYSCAPES_CLASS_NAMES,
  CITYSCAPES_IGNORE_INDEX,
  generateSampleDataset,
  type RenderedScene,
  renderScene,
  type SampleDataset,
  type SampleDatasetOptions,
  sampleName,
  sampleSceneSeed,
} from './demo/index.js';
export { describeError, type ErrorDescription } from './errors/describe-error.js';
export { ExitCode } from './errors/exit-code.js';
export { parseShard, resolveAutoShard, SHARD_ENVIRONMENTS, type Shard, shardRange } from './options/shard.js';
export { type CountPairsOptions, type CountPairsResult, countPairs } from './pipeline/count-pairs.js';
export type { EvaluationSettings, ReportOptions } from './pipeline/evaluation-settings.js';
export {
  type LoadedState,
  loadState,
  STATE_FORMAT,
  STATE_VERSION,
  type StateFile,
} from './pipeline/state-file.js';
export type { FilePair } from './pipeline/types.js';
export { createProgram, runCli } from './program.js';
export {
  evaluateOptions,
  type RunInfo,
  type RunReport,
  runReport,
} from './report/run-report.js';
export { VERSION } from './version.js';
