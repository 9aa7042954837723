import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../context.js';
import { generateSampleDataset } from '../demo/generate-sample-dataset.js';
import { parseInteger } from '../options/parse-values.js';
import { type DemoFlags, MAX_DEMO_PAIRS } from './demo.js';
import { runEval } from './run-eval.js';

/** Runs `demo`; returns the exit code. */
export async function runDemo(flags: DemoFlags, context: CliContext): Promise<number> {
  const temporary = flags.out === undefined ? await mkdtemp(join(tmpdir(), 'segmetrics-demo-')) : null;
  const outDir = flags.out ?? temporary!;
  try {
    const pairs =
      flags.pairs === undefined ? 20 : parseInteger('--pairs', flags.pairs, { min: 1, max: MAX_DEMO_PAIRS });
    const sample = await generateSampleDataset(outDir, { pairs, secondModel: flags.secondModel === true });
    if (flags.quiet !== true) {
      context.stderr.write(
        `generated ${sample.pairs} pairs of ${sample.width}×${sample.height} label maps in ${sample.outDir}` +
          `${sample.predBDir === null ? '' : ' (and a second model in pred-b)'}` +
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
