import { availableParallelism } from 'node:os';
import { removeStaleTempFiles } from '@segmetrics/io/node';
import {
  attachInstances,
  checkCityscapesFlags,
  explainCityscapesLabelError,
  isCityscapesRun,
  pairCityscapesFiles,
  trainIdWarning,
  usesCityscapesPairing,
  withCityscapesSettings,
} from '../cityscapes/index.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../errors/exit-code.js';
import {
  checkNewStateFile,
  checkNoEmptyPaths,
  checkOutputPaths,
  checkOutputsAreNotInputs,
  type NamedFile,
} from '../options/check-output-paths.js';
import { checkWritableOutputs } from '../options/check-writable-outputs.js';
import { resolveConfidenceFlags } from '../options/confidence-flags.js';
import { datasetClassCountWarning } from '../options/dataset-class-count-warning.js';
import { impliedIgnoreWarning } from '../options/implied-ignore-warning.js';
import {
  MAX_SAVE_INTERVAL_SECONDS,
  MAX_STOP_AFTER,
  MAX_WORKERS_CAP,
  maxWorkers,
  WORKERS_PER_CORE,
} from '../options/limits.js';
import { parseDecimal, parseInteger } from '../options/parse-values.js';
import { perImageSettings } from '../options/per-image-settings.js';
import { resolveSettings } from '../options/resolve-settings.js';
import { resolveShardFlags, type Shard } from '../options/shard.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { nothingCountedWarning } from '../pipeline/nothing-counted-warning.js';
import { listSome, pairFiles } from '../pipeline/pair-files.js';
import { pairingOptions } from '../pipeline/pairing-options.js';
import { paletteMismatchWarning } from '../pipeline/palette-mismatch-warning.js';
import { type RunOptions, runEvaluation } from '../pipeline/run-evaluation.js';
import { skippedWarning } from '../pipeline/skipped-warning.js';
import { unsupportedFilesWarning } from '../pipeline/unsupported-files-warning.js';
import { writeRunOutputs } from '../pipeline/write-run-outputs.js';
import { reportImagesLimit } from '../report/report-flags.js';
import { validateReportOptions } from '../report/validate-report-options.js';
import type { EvalFlags } from './eval.js';

/** What {@link checkEvalFlags} resolved from the flags: everything the run needs but the pairs. */
export interface CheckedEval {
  readonly named: readonly NamedFile[];
  readonly requested: EvaluationSettings;
  readonly settings: EvaluationSettings;
  readonly workers: number | undefined;
  readonly shard: Shard | null;
  readonly stopAfter: number | undefined;
  readonly saveInterval: number | undefined;
}

/**
 * Every usage check of `eval` that needs no label map — empty, clashing or existing output files, the
 * Cityscapes flags, the settings (reading `--classes`, `--label-map`, `--palette`), the report, `--ci`,
 * `--workers`, `--shard`, `--stop-after`, `SEGMETRICS_SAVE_INTERVAL` — writing nothing that stays (the
 * output checks create and remove a probe file in each output folder), so that `demo` can make them
 * before it writes its sample. Throws the first usage error.
 */
export async function checkEvalFlags(flags: EvalFlags, context: CliContext): Promise<CheckedEval> {
  const statePath = flags.saveState ?? flags.resume;
  const named: NamedFile[] = [
    { option: '-o/--output', path: flags.output ?? '', role: 'output' },
    { option: '--per-image', path: flags.perImage ?? '', role: 'output' },
    { option: '--report', path: flags.report ?? '', role: 'output' },
    // The state is read from --resume and written to --save-state (default: back to --resume).
    { option: '--resume', path: flags.resume ?? '', role: 'input', group: 'state' },
    {
      option: flags.saveState === undefined ? '--resume' : '--save-state',
      path: statePath ?? '',
      role: 'output',
      group: 'state',
    },
    { option: '--label-map', path: flags.labelMap ?? '', role: 'input' },
    { option: '--classes', path: flags.classes ?? '', role: 'input' },
    { option: '--palette', path: flags.palette ?? '', role: 'input' },
  ];
  checkNoEmptyPaths([
    ['--gt', flags.gt],
    ['--pred', flags.pred],
    ['--gt-instances', flags.gtInstances],
    ['-o/--output', flags.output],
    ['--per-image', flags.perImage],
    ['--report', flags.report],
    ['--resume', flags.resume],
    ['--save-state', flags.saveState],
    ['--label-map', flags.labelMap],
    ['--classes', flags.classes],
    ['--palette', flags.palette],
  ]);
  await checkOutputPaths(named);
  await checkNewStateFile(flags.saveState, flags.resume);
  // An output that is a folder, or in a folder no file can be created in, is refused before counting.
  await checkWritableOutputs(named);
  checkCityscapesFlags(flags);
  const requested = withCityscapesSettings(await resolveSettings(flags), flags);
  validateReportOptions(requested);
  reportImagesLimit(flags);
  // --ci, --report and state files need per-image statistics (see perImageSettings).
  const settings = await perImageSettings(requested, flags, resolveConfidenceFlags(flags));
  const cores = availableParallelism();
  const workers =
    flags.workers === undefined
      ? undefined
      : parseInteger('--workers', flags.workers, {
          min: 1,
          max: maxWorkers(cores),
          maxReason: `${WORKERS_PER_CORE} × ${cores} available core${cores === 1 ? '' : 's'}, and never above ${MAX_WORKERS_CAP}`,
        });
  const shard = resolveShardFlags(flags.shard, flags.shardCount, context.env);
  const stopAfter =
    flags.stopAfter === undefined
      ? undefined
      : parseInteger('--stop-after', flags.stopAfter, { min: 1, max: MAX_STOP_AFTER });
  const saveInterval = parseSaveInterval(context.env.SEGMETRICS_SAVE_INTERVAL);
  return { named, requested, settings, workers, shard, stopAfter, saveInterval };
}

/** Runs `eval` with parsed flags; returns the exit code. */
export async function runEval(flags: EvalFlags, context: CliContext): Promise<number> {
  const { named, requested, settings, workers, shard, stopAfter, saveInterval } = await checkEvalFlags(
    flags,
    context,
  );
  // Temporary files that a killed run left beside its outputs.
  for (const f of named) if (f.role === 'output' && f.path !== '') await removeStaleTempFiles(f.path);
  const quiet = flags.quiet === true;
  const paired = usesCityscapesPairing(flags)
    ? await pairCityscapesFiles(flags)
    : await attachInstances(await pairFiles(flags), flags);
  await checkOutputsAreNotInputs(named, paired.pairs);
  const skipped = skippedWarning(paired.skipped);
  if (skipped !== null && !quiet) context.stderr.write(`warning: ${skipped}\n`);
  const unsupported = quiet ? null : unsupportedFilesWarning(flags.gt, paired.unreadGroundTruth ?? null);
  if (unsupported !== null) context.stderr.write(`warning: ${unsupported}\n`);
  const classCount = datasetClassCountWarning({ ...flags, numClasses: settings.numClasses });
  if (classCount !== null && !quiet) context.stderr.write(`warning: ${classCount}\n`);
  // Palette indices are labels unless a palette reads them by colour: say so when the files' palettes differ.
  const palettes =
    quiet || settings.decodeOptions.colorPalette !== undefined
      ? null
      : paletteMismatchWarning(paired.pairs[0]);
  if (palettes !== null) context.stderr.write(`warning: ${palettes}\n`);
  const impliedIgnore = impliedIgnoreWarning(flags, settings);
  if (impliedIgnore !== null && !quiet) context.stderr.write(`warning: ${impliedIgnore}\n`);
  if (paired.unmatchedPredictions.length > 0 && !quiet) {
    const n = paired.unmatchedPredictions.length;
    context.stderr.write(
      `warning: ${n} prediction file${n === 1 ? ' has' : 's have'} no ground truth and ${n === 1 ? 'is' : 'are'} not evaluated: ${listSome(paired.unmatchedPredictions)}\n`,
    );
  }
  const outcome = await runEvaluation({
    settings,
    pairs: paired.pairs,
    source: {
      gt: flags.gt,
      pred: flags.pred,
      ...(flags.gtInstances === undefined ? {} : { gtInstances: flags.gtInstances }),
      pairing: pairingOptions(flags),
    },
    ...(workers === undefined ? {} : { workers }),
    shard,
    ...(flags.saveState === undefined ? {} : { saveState: flags.saveState }),
    ...(flags.resume === undefined ? {} : { resume: flags.resume }),
    ...(stopAfter === undefined ? {} : { stopAfter }),
    ...(saveInterval === undefined ? {} : { saveInterval }),
    ...selfSignal(context.env.SEGMETRICS_TEST_SIGNAL),
    stderr: context.stderr,
    progress: context.stderr.isTTY === true && !quiet,
  }).catch((error: unknown) => {
    throw isCityscapesRun(flags) ? explainCityscapesLabelError(error) : error;
  });
  if (!outcome.complete) {
    const saved =
      outcome.statePath === null
        ? 'no state saved (use --save-state FILE to be able to resume)'
        : `state saved to ${outcome.statePath}; continue with --resume ${outcome.statePath}`;
    context.stderr.write(`interrupted after ${outcome.counted} of ${outcome.selected} images: ${saved}\n`);
    return outcome.interruptedBy === 'SIGTERM' ? ExitCode.SIGTERM : ExitCode.SIGINT;
  }
  const warning = isCityscapesRun(flags) ? trainIdWarning(outcome.matrix) : null;
  if (warning !== null && !quiet) context.stderr.write(`warning: ${warning}\n`);
  const nothing = nothingCountedWarning(outcome.matrix);
  if (nothing !== null && !quiet) context.stderr.write(`warning: ${nothing}\n`);
  await writeRunOutputs(
    outcome.matrix,
    settings,
    flags,
    context,
    { shard, partial: null },
    {
      pairs: paired.pairs,
      presetsPerImage: requested.matrixOptions.perImage === true,
    },
  );
  return ExitCode.OK;
}

/**
 * Reads `SEGMETRICS_SAVE_INTERVAL`: seconds between periodic state saves, a decimal number from 0 to
 * 86400 (unset or empty: 30). Anything else is a usage error naming the variable and its value.
 */
export function parseSaveInterval(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return parseDecimal('SEGMETRICS_SAVE_INTERVAL', value, { min: 0, max: MAX_SAVE_INTERVAL_SECONDS });
}

/** Parses the `SEGMETRICS_TEST_SIGNAL=SIGTERM:3` test hook (see `RunOptions.selfSignal`). */
function selfSignal(value: string | undefined): { selfSignal?: RunOptions['selfSignal'] } {
  const match = /^(SIGINT|SIGTERM):(\d+)$/.exec(value ?? '');
  if (match === null) return {};
  return { selfSignal: { signal: match[1] as 'SIGINT' | 'SIGTERM', after: Number(match[2]) } };
}
