import { Command } from 'commander';
import { addCityscapesOptions, type CityscapesFlags } from '../cityscapes/cityscapes-options.js';
import type { CliContext } from '../context.js';
import type { ConfidenceFlags } from '../options/confidence-flags.js';
import {
  addConfidenceOptions,
  addDatasetOptions,
  addOutputOptions,
  addPairingOptions,
  addReportOptions,
  addRunOptions,
} from '../options/define-options.js';
import type { SettingsFlags } from '../options/resolve-settings.js';
import type { PairingFlags } from '../pipeline/pair-files.js';
import type { OutputFlags } from '../pipeline/write-run-outputs.js';

/** Flags of `segmetrics eval`. */
export interface EvalFlags
  extends SettingsFlags,
    PairingFlags,
    OutputFlags,
    CityscapesFlags,
    ConfidenceFlags {
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

  # 95% bootstrap confidence intervals over images (1000 resamples, seed 0; docs/statistics.md)
  $ segmetrics eval --gt gt --pred pred -n 19 --ignore-index 255 --ci
  $ segmetrics eval --gt gt --pred pred -n 19 --ignore-index 255 --ci 0.9 --bootstrap 5000 --seed 7

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
  addConfidenceOptions(command);
  addRunOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (flags: EvalFlags) => {
    // Loaded when the command runs: help and version never load the decoders, the metrics or the report.
    const { runEval } = await import('./run-eval.js');
    context.exitCode = await runEval(flags, context);
  });
  return command;
}
