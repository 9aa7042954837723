import { Command, Option } from 'commander';
import type { ComparisonOutputFlags } from '../compare/write-comparison-outputs.js';
import type { CliContext } from '../context.js';
import type { ConfidenceFlags } from '../options/confidence-flags.js';
import {
  addConfidenceOptions,
  addDatasetOptions,
  addPairingOptions,
  addReportOptions,
} from '../options/define-options.js';
import { MAX_WORKERS_CAP, WORKERS_PER_CORE } from '../options/limits.js';
import { collect } from '../options/repeated-options.js';
import type { SettingsFlags } from '../options/resolve-settings.js';
import type { PairingFlags } from '../pipeline/pair-files.js';

/** Flags of `segmetrics compare`. */
export interface CompareFlags
  extends SettingsFlags,
    Omit<PairingFlags, 'gt' | 'pred'>,
    ComparisonOutputFlags,
    ConfidenceFlags {
  gt?: string;
  pred?: string[];
  aState?: string[];
  bState?: string[];
  workers?: string;
  topImages?: string;
  debug?: boolean;
}

/** The most images `--top-images` lists on each side. */
export const MAX_TOP_IMAGES = 1000;

const EXAMPLES = `
Examples:
  # Two prediction folders against one ground truth, read once
  $ segmetrics compare --gt data/gt --pred runs/a --pred runs/b --num-classes 19 --ignore-index 255

  # From states saved by eval --save-state (they keep per-image statistics)
  $ segmetrics compare a.state.json b.state.json --format json -o comparison.json

  # Sharded runs: each model's shard states, merged as \`merge\` merges them
  $ segmetrics compare --a-state a1.json --a-state a2.json --b-state b1.json --b-state b2.json

  # 99% intervals, 5000 resamples and permutations, an HTML report
  $ segmetrics compare a.state.json b.state.json --ci 0.99 --bootstrap 5000 --report comparison.html

B is compared with A on the same images (paired): for every summary value and per-class IoU, the
difference B − A, a paired bootstrap percentile interval (the same resampled images for both) and a
two-sided paired permutation p-value (per class also Holm-adjusted); the images where B loses and gains
most. "B is better/worse" only when the interval excludes 0 and p ≤ 1 − level. See docs/statistics.md.
`;

/** `segmetrics compare`: is model B better than model A on the same images? */
export function createCompareCommand(context: CliContext): Command {
  const command = new Command('compare')
    .summary('compare two models on the same images: differences, intervals, p-values')
    .description(
      'Compare two prediction folders against the same ground truth (one pass over the ground truth), or ' +
        'two state files written by `eval --save-state`: B − A of every summary value and per-class IoU ' +
        'with paired bootstrap intervals and permutation p-values.',
    )
    .argument('[states...]', 'two state files written by eval --save-state: model A, then model B');
  addPairingOptions(command, true);
  addDatasetOptions(command);
  addReportOptions(command);
  addConfidenceOptions(command, true);
  command
    .optionsGroup('States:')
    .option('--a-state <file>', "a state file of model A (repeat for A's shards)", collect)
    .option('--b-state <file>', "a state file of model B (repeat for B's shards)", collect)
    .optionsGroup('Output:')
    .addOption(
      new Option('-f, --format <format>', 'comparison format')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write the comparison to a file instead of stdout (atomically)')
    .option(
      '--report <file.html>',
      'also write a self-contained HTML comparison report (per-class differences with intervals, per-image scatter)',
    )
    .option(
      '--top-images <n>',
      `images listed where B loses and gains most, 0 … ${MAX_TOP_IMAGES} (default: 10)`,
    )
    .option('-q, --quiet', 'no progress bar, no warnings (errors are still printed)')
    .option('--no-color', 'no colours (also: NO_COLOR=1, or when stdout is not a terminal)')
    .option('--debug', 'print stack traces of errors')
    .optionsGroup('Parallelism:')
    .option(
      '-w, --workers <n>',
      `parallel decoders: the main thread plus N-1 worker threads, at most ${WORKERS_PER_CORE} × available cores and ${MAX_WORKERS_CAP} (default: available cores)`,
    );
  command.addHelpText('after', EXAMPLES);
  command.action(async (states: string[], flags: CompareFlags) => {
    // Loaded when the command runs: help and version never load the pipeline, metrics or the report.
    const { runCompare } = await import('./run-compare.js');
    context.exitCode = await runCompare(states, flags, context);
  });
  return command;
}
