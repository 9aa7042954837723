import { availableParallelism } from 'node:os';
import { removeStaleTempFiles } from '@segmetrics/io/node';
import { Command } from 'commander';
import {
  addCityscapesOptions,
  attachInstances,
  type CityscapesFlags,
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
import { checkOutputPaths, type NamedFile } from '../options/check-output-paths.js';
import {
  addDatasetOptions,
  addOutputOptions,
  addPairingOptions,
  addReportOptions,
  addRunOptions,
} from '../options/define-options.js';
import {
  MAX_SAVE_INTERVAL_SECONDS,
  MAX_STOP_AFTER,
  MAX_WORKERS_CAP,
  maxWorkers,
  WORKERS_PER_CORE,
} from '../options/limits.js';
import { parseDecimal, parseInteger } from '../options/parse-values.js';
import { resolveSettings, type SettingsFlags } from '../options/resolve-settings.js';
import { resolveShardFlags } from '../options/shard.js';
import { listSome, type PairingFlags, pairFiles } from '../pipeline/pair-files.js';
import { type RunOptions, runEvaluation } from '../pipeline/run-evaluation.js';
import { skippedWarning } from '../pipeline/skipped-warning.js';
import { type OutputFlags, writeRunOutputs } from '../pipeline/write-run-outputs.js';
import { reportImagesLimit } from '../report/report-flags.js';
import { reportSettings } from '../report/report-settings.js';
import { validateReportOptions } from '../report/validate-report-options.js';

/** Flags of `segmetrics eval`. */
export interface EvalFlags extends SettingsFlags, PairingFlags, OutputFlags, CityscapesFlags {
  workers?: string;
  shard?: string;
  shardCount?: string;
  saveState?: string;
  resume?: string;
  stopAfter?: string;
  debug?: boolean;
}

const EXAMPLES = `
Examples:
  # Cityscapes-style folders, 19 classes, ignore 255 (dataset-level mIoU, like mmsegmentation)
  $ segmetrics eval --gt data/gt --pred out/pred --num-classes 19 --ignore-index 255

  # ADE20K: raw 0 = unlabeled, class = raw - 1 (implies --ignore-index 255); JSON to a file
  $ segmetrics eval --gt ade/gt --pred ade/pred --num-classes 150 --reduce-zero-label --format json -o report.json

  # torchmetrics' segmentation.MeanIoU: per-image IoU pooled over (image, class) pairs
  $ segmetrics eval --gt gt --pred pred --num-classes 6 --aggregate image --image-reduce pooled

  # Cityscapes file names, worst images listed in a CSV
  $ segmetrics eval --dataset cityscapes --gt gtFine/val --pred results \\
      --gt-suffix _gtFine_labelTrainIds.png --pred-suffix _leftImg8bit.png --per-image worst.csv

  # Cityscapes benchmark (class/category IoU and iIoU), paired as cityscapesScripts pairs; its JSON
  $ segmetrics eval --dataset cityscapes-labelids --gt gtFine/val --pred results
  $ segmetrics eval --dataset cityscapes-labelids --gt gtFine/val --pred results --format cityscapes -o result.json

  # Shard 1 of 4 (shards are numbered 1/4 … 4/4), then merge the states (see docs/sharding.md)
  $ segmetrics eval --gt gt --pred pred -n 19 --ignore-index 255 --shard 1/4 --save-state s1.json
  $ segmetrics merge s1.json s2.json s3.json s4.json

Conventions:
  Counts are exact integers summed over the dataset unless --aggregate image. A class absent from both
  ground truth and prediction (0/0) is NaN ("—" in tables, null in JSON) and left out of means unless
  --absent says otherwise; a class predicted but not in the ground truth scores 0. A prediction equal to
  an ignore label on a valid pixel is a miss. Confusion matrix rows are ground truth.

Exit codes: 0 success, 1 evaluation failed (unreadable image, size mismatch, label out of range,
  missing predictions, bad state), 2 usage error, 130/143 interrupted (state saved with --save-state).
`;

/** `segmetrics eval`: evaluates a folder of predictions against a folder of ground truth. */
export function createEvalCommand(context: CliContext): Command {
  const command = new Command('eval')
    .summary('evaluate a folder of predicted label maps against ground truth')
    .description(
      'Evaluate predicted label maps against ground truth (pairs matched by relative path) and print ' +
        'per-class IoU, Dice, precision, recall and the summary (mIoU, mDice, aAcc, mAcc, fwIoU).',
    );
  addPairingOptions(command);
  addDatasetOptions(command);
  addReportOptions(command);
  addCityscapesOptions(command);
  addOutputOptions(command, true, ['cityscapes']);
  addRunOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (flags: EvalFlags) => {
    context.exitCode = await runEval(flags, context);
  });
  return command;
}

/** Runs `eval` with parsed flags; returns the exit code. */
export async function runEval(flags: EvalFlags, context: CliContext): Promise<number> {
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
  await checkOutputPaths(named);
  // Temporary files that a killed run left beside its outputs.
  for (const f of named) if (f.role === 'output' && f.path !== '') await removeStaleTempFiles(f.path);
  checkCityscapesFlags(flags);
  const requested = withCityscapesSettings(await resolveSettings(flags), flags);
  validateReportOptions(requested);
  reportImagesLimit(flags);
  // --report ranks the worst images: per-image statistics on (see reportSettings).
  const settings = await reportSettings(requested, flags);
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
  const quiet = flags.quiet === true;
  const paired = usesCityscapesPairing(flags)
    ? await pairCityscapesFiles(flags)
    : await attachInstances(await pairFiles(flags), flags);
  const skipped = skippedWarning(paired.skipped);
  if (skipped !== null && !quiet) context.stderr.write(`warning: ${skipped}\n`);
  if (paired.unmatchedPredictions.length > 0 && !quiet) {
    const n = paired.unmatchedPredictions.length;
    context.stderr.write(
      `warning: ${n} prediction file${n === 1 ? ' has' : 's have'} no ground truth and ${n === 1 ? 'is' : 'are'} not evaluated: ${listSome(paired.unmatchedPredictions)}\n`,
    );
  }
  const outcome = await runEvaluation({
    settings,
    pairs: paired.pairs,
    source: { gt: flags.gt, pred: flags.pred },
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
  await writeRunOutputs(
    outcome.matrix,
    settings,
    flags,
    context,
    { shard, partial: null },
    { pairs: paired.pairs, presetsPerImage: requested.matrixOptions.perImage === true },
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
