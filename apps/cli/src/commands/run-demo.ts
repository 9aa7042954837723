import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../context.js';
import { generateSampleDataset } from '../demo/generate-sample-dataset.js';
import { usageError } from '../errors/usage-error.js';
import { parseInteger } from '../options/parse-values.js';
import { type DemoFlags, MAX_DEMO_PAIRS } from './demo.js';
import { runEval } from './run-eval.js';

/** Runs `demo`; returns the exit code. */
export async function runDemo(flags: DemoFlags, context: CliContext): Promise<number> {
  if (flags.out !== undefined) await checkEmptyFolder(flags.out);
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

/**
 * Refuses (usage error) a `--out` folder that holds anything: the sample would overwrite files of the
 * same names and the evaluation would count every pair found there, not only the generated ones.
 */
async function checkEmptyFolder(folder: string): Promise<void> {
  if (folder.trim() === '') throw usageError('--out', 'needs a folder name, got an empty one', folder);
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch (error) {
    // A folder that does not exist yet is created; anything else (a file) fails when it is written.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw usageError('--out', `${folder} is a file, not a folder`, folder);
    }
    throw error;
  }
  if (entries.length > 0) {
    throw usageError(
      '--out',
      `${folder} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}): the sample would overwrite its files and the evaluation count every pair in it; choose a new or empty folder`,
      folder,
    );
  }
}
