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
import { usageError } from '../errors/usage-error.js';
import {
  addDatasetOptions,
  addOutputOptions,
  addPairingOptions,
  addReportOptions,
  addRunOptions,
} from '../options/define-options.js';
import { parseInteger } from '../options/parse-values.js';
import { resolveSettings, type SettingsFlags } from '../options/resolve-settings.js';
import { resolveShardFlags } from '../options/shard.js';
import { listSome, type PairingFlags, pairFiles } from '../pipeline/pair-files.js';
import { type RunOptions, runEvaluation } from '../pipeline/run-evaluation.js';
import { emitReport, type OutputFlags } from '../report/emit-report.js';
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

  # One of 4 shards, then merge the states (see docs/sharding.md)
  $ segmetrics eval --gt gt --pred pred -n 19 --ignore-index 255 --shard 0/4 --save-state s0.json
  $ segmetrics merge s0.json s1.json s2.json s3.json

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
  checkCityscapesFlags(flags);
  const requested = withCityscapesSettings(await resolveSettings(flags), flags);
  validateReportOptions(requested);
  reportImagesLimit(flags);
  const settings = await reportSettings(requested, flags);
  const workers = flags.workers === undefined ? undefined : parseInteger('--workers', flags.workers, 1);
  const shard = resolveShardFlags(flags.shard, flags.shardCount, context.env);
  const stopAfter =
    flags.stopAfter === undefined ? undefined : parseInteger('--stop-after', flags.stopAfter, 1);
  if (flags.output !== undefined && flags.output === flags.perImage) {
    throw usageError('--per-image', 'must differ from -o/--output');
  }
  const quiet = flags.quiet === true;
  const paired = usesCityscapesPairing(flags)
    ? await pairCityscapesFiles(flags)
    : await attachInstances(await pairFiles(flags), flags);
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
    ...(context.env.SEGMETRICS_SAVE_INTERVAL === undefined
      ? {}
      : { saveInterval: Number(context.env.SEGMETRICS_SAVE_INTERVAL) }),
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
  await emitReport(
    outcome.matrix,
    settings,
    flags,
    context,
    { shard },
    { pairs: paired.pairs, presetsPerImage: requested.matrixOptions.perImage === true },
  );
  return ExitCode.OK;
}

/** Parses the `SEGMETRICS_TEST_SIGNAL=SIGTERM:3` test hook (see `RunOptions.selfSignal`). */
function selfSignal(value: string | undefined): { selfSignal?: RunOptions['selfSignal'] } {
  const match = /^(SIGINT|SIGTERM):(\d+)$/.exec(value ?? '');
  if (match === null) return {};
  return { selfSignal: { signal: match[1] as 'SIGINT' | 'SIGTERM', after: Number(match[2]) } };
}
