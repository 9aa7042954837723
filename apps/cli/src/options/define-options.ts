import { type Command, Option } from 'commander';
import {
  DEFAULT_DILATION_RATIO,
  MAX_DILATION_RATIO,
  MAX_NUM_CLASSES,
  MAX_SHARD_COUNT,
  MAX_WORKERS_CAP,
  WORKERS_PER_CORE,
} from './limits.js';
import { OPTION_NAMES } from './option-names.js';
import { collect } from './repeated-options.js';

/** `--num-classes`, ignore labels, label mapping, class names and dataset presets. */
export function addDatasetOptions(command: Command): Command {
  return command
    .optionsGroup('Classes and labels:')
    .option(
      '-n, --num-classes <n>',
      `number of classes C, 1 … ${MAX_NUM_CLASSES}; labels 0 … C-1 (default: from --dataset or --classes)`,
    )
    .option(
      '--ignore-index <values>',
      'ground-truth labels not counted; repeatable or comma list, e.g. 255 or 0,255 (default: none, 255 with --reduce-zero-label)',
      collect,
    )
    .option(
      '--reduce-zero-label',
      'raw 0 → ignored, k → k-1 on both maps, or the ground truth only with --mapping-applies-to gt (mmseg, ADE20K); ignore labels stay ignored',
    )
    .option(
      '--label-map <file>',
      'JSON object {"raw": class | null} applied before counting, to both maps or the ground truth only (--mapping-applies-to)',
    )
    .addOption(
      new Option(
        '--mapping-applies-to <maps>',
        'the maps --reduce-zero-label, --label-map or the --dataset mapping apply to: both, or gt when the predictions are already class ids (as mmsegmentation maps the ground truth only) (default: both)',
      ).choices(['both', 'gt']),
    )
    .option('--classes <file>', 'class names, one per line (default: class_0, class_1, ...)')
    .option(
      '--palette <file>',
      'colour-coded masks (RGB, or palette PNGs whose colours contradict their indices): JSON {"#rrggbb": id} or [[r, g, b], ...] indexed by id (null skips an id); default: the --dataset mask palette',
    )
    .option(
      '--unknown-color <id>',
      'label given to mask colours missing from the palette, e.g. 255 to ignore them (default: an error naming the colour and pixel)',
    )
    .addOption(
      new Option(
        '--scores-layout <layout>',
        'axis order of float score arrays in .npy files, reduced by argmax: chw (classes first) or hwc (default: the strictly smallest of the first and last axes)',
      ).choices(['chw', 'hwc']),
    )
    .addOption(
      new Option(
        '--dataset <name>',
        'dataset preset: class count, names, ignore labels, label mapping (cityscapes: trainIds files; cityscapes-labelids: labelIds mapped to trainIds)',
      ).choices(OPTION_NAMES.datasets),
    );
}

/**
 * `--gt`, `--pred` and the pairing rules. For `compare`, `--pred` is given twice (model A, then B) and
 * neither is required (the command also compares state files).
 */
export function addPairingOptions(command: Command, compare = false): Command {
  command.optionsGroup('Input:');
  if (compare) {
    command
      .option('--gt <dir>', 'folder of ground-truth label maps (PNG or .npy, searched recursively)')
      .option(
        '--pred <dir>',
        'folder of predicted label maps, paired with --gt by relative path: give it twice, model A then model B',
        collect,
      );
  } else {
    command
      .requiredOption('--gt <dir>', 'folder of ground-truth label maps (PNG or .npy, searched recursively)')
      .requiredOption('--pred <dir>', 'folder of predicted label maps, paired with --gt by relative path');
  }
  return command
    .option('--gt-suffix <suffix>', 'file-name suffix of ground-truth files, e.g. _gtFine_labelTrainIds.png')
    .option('--pred-suffix <suffix>', 'file-name suffix of prediction files, e.g. _leftImg8bit.png')
    .option(
      '--gt-pattern <regex>',
      'regex on ground-truth relative paths; its first capture group is the pair id',
    )
    .option(
      '--pred-pattern <regex>',
      'regex on prediction relative paths; its first capture group is the pair id',
    )
    .addOption(
      new Option(
        '--match-by <key>',
        'pair by relative path (same folder layout) or by file name only (flat prediction folder) (default: path)',
      ).choices(['path', 'basename']),
    )
    .option(
      '--include <glob>',
      'only pairs whose id (relative path without suffix) matches this glob (repeatable)',
      collect,
    )
    .option('--exclude <glob>', 'skip pairs whose id matches this glob (repeatable)', collect);
}

/** How counts become numbers. */
export function addReportOptions(command: Command): Command {
  return command
    .optionsGroup('Metric conventions:')
    .addOption(
      new Option(
        '--aggregate <mode>',
        'dataset: sum counts over all images, then compute; image: compute per image, then average (default: dataset)',
      ).choices(['dataset', 'image']),
    )
    .addOption(
      new Option(
        '--image-reduce <mode>',
        'with --aggregate image: per-class (class mean over images where it occurs, then mean), per-image (mean of image mIoUs), pooled (mean over every (image, class) pair where the class occurs; torchmetrics MeanIoU) (default: per-class)',
      ).choices(['per-class', 'per-image', 'pooled']),
    )
    .addOption(
      new Option(
        '--average <mode>',
        'mean over classes: macro, micro (pool counts over classes), weighted (by support) (default: macro)',
      ).choices(['macro', 'micro', 'weighted']),
    )
    .option(
      '--absent <policy>',
      'value of a class absent (0/0) from gt and prediction: nan (excluded from means), zero, one or a number (default: nan)',
    )
    .option(
      '--exclude-classes <list>',
      'class ids or names left out of the means, e.g. 0 or background (repeatable)',
      collect,
    )
    .option(
      '--metrics <ids>',
      `metrics to show in table/CSV/Markdown: comma list of registry ids (${OPTION_NAMES.metrics.join(', ')}; default: iou,dice,precision,recall,mIoU,mDice,mAcc,aAcc,fwIoU)`,
      collect,
    )
    .option('--preset <library>', `reproduce a library exactly: ${OPTION_NAMES.presets.join(', ')}`)
    .option(
      '--preset-option <name=value>',
      'a parameter of the --preset library, by its own name, e.g. labels=0,2,5 (sklearn), zero_division=1, include_background=false, target_class_ids=1,2 (keras); repeatable',
      collect,
    )
    .addOption(
      new Option(
        '--predicted-only <policy>',
        'a class predicted but not in the ground truth: score (IoU 0, counted) or skip (NaN, left out: detectron2, MONAI) (default: score)',
      ).choices(['score', 'skip']),
    )
    .option('--beta <number>', 'β of the F-score (default: 1)')
    .option(
      '--boundary-iou',
      'also compute Boundary IoU per class (Cheng et al., CVPR 2021; per-class boundaries, summed over the dataset)',
    )
    .option(
      '--boundary-dilation-ratio <r>',
      `Boundary IoU width as a fraction of the image diagonal, above 0 and at most ${MAX_DILATION_RATIO}: d = max(1, round(r·√(H²+W²))) px (implies --boundary-iou; default: ${DEFAULT_DILATION_RATIO}, the paper uses 0.005 for Cityscapes-sized images)`,
    );
}

/** Output format and destinations. */
export function addOutputOptions(
  command: Command,
  perImage = true,
  extraFormats: readonly string[] = [],
): Command {
  command
    .optionsGroup('Output:')
    .addOption(
      new Option('-f, --format <format>', 'report format')
        .choices(['table', 'json', 'csv', 'markdown', ...extraFormats])
        .default('table'),
    )
    .option(
      '-o, --output <file>',
      'write the report to a file instead of stdout (a regular file atomically; a device such as /dev/stdout written through)',
    );
  if (perImage)
    command.option('--per-image <file.csv>', 'also write per-image mIoU and pixel counts, worst image first');
  command
    .option(
      '--report <file.html>',
      'also write a self-contained HTML report (offline: summary, other libraries, per-class table, confusion heatmap, worst images)',
    )
    .option(
      '--report-images <n>',
      'worst images shown with pictures in the HTML report, 0 for none (default: 24)',
    );
  return command
    .option('-q, --quiet', 'no progress bar, no warnings (errors are still printed)')
    .option('--no-color', 'no colours (also: NO_COLOR=1, or when stdout is not a terminal)')
    .option('--debug', 'print stack traces of errors');
}

/** Parallelism, sharding and state files. */
export function addRunOptions(command: Command): Command {
  return command
    .optionsGroup('Parallelism, shards and state:')
    .option(
      '-w, --workers <n>',
      `parallel decoders: the main thread plus up to N-1 worker threads, started only when the work outweighs their start-up; at most ${WORKERS_PER_CORE} × available cores and ${MAX_WORKERS_CAP} (default: available cores)`,
    )
    .option(
      '--shard <i/n>',
      `evaluate the i-th of n contiguous blocks of the sorted pairs, 1-based (1/4 … 4/4, n ≤ ${MAX_SHARD_COUNT}), or auto (from an array job's environment)`,
    )
    .option(
      '--shard-count <n>',
      "with --shard auto: the number of shards (e.g. a Kubernetes Job's completions)",
    )
    .option(
      '--save-state <file>',
      'write the mergeable counting state (periodically, at the end and on Ctrl-C) to a new file (an existing one: --resume it)',
    )
    .option('--resume <file>', 'continue the run saved in this state file, skipping images already counted')
    .addOption(new Option('--stop-after <n>', 'stop as if interrupted after n images (testing)').hideHelp());
}

/** `--ci [LEVEL]`, `--bootstrap N`, `--seed S`: bootstrap confidence intervals over images. */
export function addConfidenceOptions(command: Command, compare = false): Command {
  const ci = compare
    ? 'confidence level of the intervals, strictly between 0 and 1 (default: 0.95)'
    : 'add bootstrap confidence intervals over images at this level (default level: 0.95; keeps per-image statistics; docs/statistics.md)';
  return command
    .optionsGroup('Confidence intervals:')
    .option(compare ? '--ci <level>' : '--ci [level]', ci)
    .option(
      '--bootstrap <n>',
      `bootstrap resamples${compare ? ' and permutations' : ''}, 1 … 100000 (default: 1000${compare ? '' : '; implies --ci'})`,
    )
    .option(
      '--seed <s>',
      `seed of the resampling, a whole number ≥ 0 (default: 0${compare ? '' : '; implies --ci'})`,
    );
}
