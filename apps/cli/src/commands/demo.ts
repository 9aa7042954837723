import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { generateSampleDataset } from '../demo/generate-sample-dataset.js';
import { addOutputOptions, addReportOptions } from '../options/define-options.js';
import { type EvalFlags, runEval } from './eval.js';

/** Flags of `segmetrics demo`. */
export interface DemoFlags extends Omit<EvalFlags, 'gt' | 'pred'> {
  out?: string;
  pairs?: string;
}

const EXAMPLES = `
Examples:
  $ segmetrics demo                       generate into a temporary folder, evaluate, print the table
  $ segmetrics demo --out sample/         keep the files: sample/gt, sample/pred, sample/classes.txt
  $ segmetrics demo --format json         the JSON report (see docs/cli-json.md)

The same evaluation by hand, on the kept files:
  $ segmetrics eval --gt sample/gt --pred sample/pred --classes sample/classes.txt --ignore-index 255
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
      'write the sample here and keep it (default: a temporary folder, removed afterwards)',
    );
  addReportOptions(command);
  addOutputOptions(command);
  command
    .optionsGroup('Parallelism:')
    .option(
      '-w, --workers <n>',
      'parallel decoders: the main thread plus N-1 worker threads (default: available cores)',
    );
  command.addHelpText('after', EXAMPLES);
  command.action(async (flags: DemoFlags) => {
    context.exitCode = await runDemo(flags, context);
  });
  return command;
}

/** Runs `demo`; returns the exit code. */
export async function runDemo(flags: DemoFlags, context: CliContext): Promise<number> {
  const temporary = flags.out === undefined ? await mkdtemp(join(tmpdir(), 'segmetrics-demo-')) : null;
  const outDir = flags.out ?? temporary!;
  try {
    const sample = await generateSampleDataset(outDir);
    if (flags.quiet !== true) {
      context.stderr.write(
        `generated ${sample.pairs} pairs of ${sample.width}×${sample.height} label maps in ${sample.outDir}` +
          `${temporary === null ? '' : ' (temporary)'}; class '${sample.neverPresentClass.name}' never occurs\n`,
      );
    }
    return await runEval(
      {
        ...flags,
        gt: sample.gtDir,
        pred: sample.predDir,
        classes: sample.classesFile,
        numClasses: String(sample.numClasses),
        ignoreIndex: [String(sample.ignoreIndex)],
      },
      context,
    );
  } finally {
    if (temporary !== null) await rm(temporary, { recursive: true, force: true });
  }
}
