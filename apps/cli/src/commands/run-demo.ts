import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../context.js';
import { checkOutputsOutsideSample } from '../demo/check-outputs-outside-sample.js';
import { CITYSCAPES_CLASS_NAMES, CITYSCAPES_IGNORE_INDEX } from '../demo/cityscapes-classes.js';
import {
  generateSampleDataset,
  type SampleLayout,
  sampleClassesText,
  sampleLayout,
} from '../demo/generate-sample-dataset.js';
import { usageError } from '../errors/usage-error.js';
import { parseInteger } from '../options/parse-values.js';
import { type DemoFlags, MAX_DEMO_PAIRS } from './demo.js';
import type { EvalFlags } from './eval.js';
import { checkEvalFlags, runEval } from './run-eval.js';

/**
 * Runs `demo`; returns the exit code. Every usage check (the demo's and the evaluation's) comes before
 * the sample is written, so a usage error leaves nothing behind: no files, no `--out` folder.
 */
export async function runDemo(flags: DemoFlags, context: CliContext): Promise<number> {
  const pairs =
    flags.pairs === undefined ? 20 : parseInteger('--pairs', flags.pairs, { min: 1, max: MAX_DEMO_PAIRS });
  const secondModel = flags.secondModel === true;
  if (flags.out !== undefined) {
    await checkEmptyFolder(flags.out);
    await checkOutputsOutsideSample(sampleLayout(flags.out, secondModel), [
      ['-o/--output', flags.output],
      ['--per-image', flags.perImage],
      ['--report', flags.report],
    ]);
  }
  await checkSampleEvalFlags(flags, context);
  const temporary = flags.out === undefined ? await mkdtemp(join(tmpdir(), 'segmetrics-demo-')) : null;
  const outDir = flags.out ?? temporary!;
  try {
    const sample = await generateSampleDataset(outDir, { pairs, secondModel });
    if (flags.quiet !== true) {
      context.stderr.write(
        `generated ${sample.pairs} pairs of ${sample.width}×${sample.height} label maps in ${sample.outDir}` +
          `${sample.predBDir === null ? '' : ' (and a second model in pred-b)'}` +
          `${temporary === null ? '' : ' (temporary)'}; class '${sample.neverPresentClass.name}' never occurs\n`,
      );
    }
    return await runEval(sampleEvalFlags(flags, sample), context);
  } finally {
    if (temporary !== null) await rm(temporary, { recursive: true, force: true });
  }
}

/** The flags of the evaluation of a sample: the demo's, with the sample's folders, classes and ignore label. */
function sampleEvalFlags(flags: DemoFlags, sample: SampleLayout): EvalFlags {
  return {
    ...flags,
    gt: sample.gtDir,
    pred: sample.predDir,
    classes: sample.classesFile,
    numClasses: String(CITYSCAPES_CLASS_NAMES.length),
    ignoreIndex: [String(CITYSCAPES_IGNORE_INDEX)],
  };
}

/**
 * The evaluation's usage checks ({@link checkEvalFlags}) on the sample that is still to be written: its
 * class names (which `--exclude-classes` may name) are read from a copy of its `classes.txt` in a
 * temporary folder, removed afterwards.
 */
async function checkSampleEvalFlags(flags: DemoFlags, context: CliContext): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), 'segmetrics-demo-check-'));
  try {
    const classesFile = join(staging, 'classes.txt');
    await writeFile(classesFile, sampleClassesText());
    const layout = sampleLayout(flags.out ?? join(staging, 'sample'), flags.secondModel === true);
    await checkEvalFlags(sampleEvalFlags(flags, { ...layout, classesFile }), context);
  } finally {
    await rm(staging, { recursive: true, force: true });
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
