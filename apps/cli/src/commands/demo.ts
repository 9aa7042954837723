import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addConfidenceOptions, addOutputOptions, addReportOptions } from '../options/define-options.js';
import type { EvalFlags } from './eval.js';

/** The most pairs `demo --pairs` generates (the library's own limit is 100000). */
export const MAX_DEMO_PAIRS = 10_000;

/** Flags of `segmetrics demo`. */
export interface DemoFlags extends Omit<EvalFlags, 'gt' | 'pred'> {
  out?: string;
  pairs?: string;
  secondModel?: boolean;
}

const EXAMPLES = `
Examples:
  $ segmetrics demo                       generate into a temporary folder, evaluate, print the table
  $ segmetrics demo --out sample/         keep the files: sample/gt, sample/pred, sample/classes.txt
  $ segmetrics demo --format json         the JSON report (see docs/cli-json.md)
  $ segmetrics demo --out sample/ --pairs 200 --second-model
                                          200 pairs and a second model in sample/pred-b, for compare

The same evaluation by hand, on the kept files:
  $ segmetrics eval --gt sample/gt --pred sample/pred --classes sample/classes.txt --ignore-index 255
  $ segmetrics compare --gt sample/gt --pred sample/pred --pred sample/pred-b \
      --classes sample/classes.txt --ignore-index 255
`;

/**
 * `segmetrics demo`: generates a deterministic Cityscapes-like sample (20 pairs, 19 named classes,
 * ignore 255, one class never present) and evaluates it with `eval`'s code path.
 */
export function createDemoCommand(context: CliContext): Command {
  const command = new Command('demo')
    .summary('generate a small Cityscapes-like sample and evaluate it')
    .description(
      'Generate a deterministic Cityscapes-like sample (20 pairs of 512×256 label maps, 19 named classes, ' +
        "ignore label 255, class 'train' never present) and evaluate it exactly as `segmetrics eval` would.",
    )
    .optionsGroup('Sample:')
    .option(
      '--out <dir>',
      'write the sample into this new or empty folder and keep it (default: a temporary folder, removed afterwards)',
    )
    .option('--pairs <n>', `number of pairs, 1 … ${MAX_DEMO_PAIRS} (default: 20)`)
    .option(
      '--second-model',
      "also write a second model's predictions to <out>/pred-b (the first model plus a 5×5 majority filter), for `segmetrics compare`",
    );
  addReportOptions(command);
  addOutputOptions(command);
  addConfidenceOptions(command);
  command
    .optionsGroup('Parallelism:')
    .option(
      '-w, --workers <n>',
      'parallel decoders: the main thread plus N-1 worker threads (default: available cores)',
    );
  command.addHelpText('after', EXAMPLES);
  command.action(async (flags: DemoFlags) => {
    // Loaded when the command runs: help and version never load the generator or the evaluation.
    const { runDemo } = await import('./run-demo.js');
    context.exitCode = await runDemo(flags, context);
  });
  return command;
}
