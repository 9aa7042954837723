import { availableParallelism } from 'node:os';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { removeStaleTempFiles } from '@segmetrics/io/node';
import { fewImagesWarning } from '@segmetrics/report';
import { withCityscapesSettings } from '../cityscapes/index.js';
import { type ComparedCounts, compareCounts } from '../compare/compare-counts.js';
import { pairPredictions } from '../compare/pair-predictions.js';
import { firstSharedInput } from '../compare/same-input.js';
import { writeComparisonOutputs } from '../compare/write-comparison-outputs.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../errors/exit-code.js';
import { usageError } from '../errors/usage-error.js';
import { sourceWarning } from '../merge/source-warning.js';
import {
  checkNoEmptyPaths,
  checkOutputPaths,
  checkOutputsAreNotInputs,
  type NamedFile,
} from '../options/check-output-paths.js';
import { checkWritableOutputs } from '../options/check-writable-outputs.js';
import { resolveConfidenceFlags } from '../options/confidence-flags.js';
import { datasetClassCountWarning } from '../options/dataset-class-count-warning.js';
import { impliedIgnoreWarning } from '../options/implied-ignore-warning.js';
import { MAX_WORKERS_CAP, maxWorkers, WORKERS_PER_CORE } from '../options/limits.js';
import { parseInteger } from '../options/parse-values.js';
import { resolveSettings } from '../options/resolve-settings.js';
import { assertSameSettings } from '../pipeline/compare-settings.js';
import { listSome } from '../pipeline/pair-files.js';
import { paletteMismatchWarning } from '../pipeline/palette-mismatch-warning.js';
import { runEvaluation } from '../pipeline/run-evaluation.js';
import { skippedWarning } from '../pipeline/skipped-warning.js';
import { unsupportedFilesWarning } from '../pipeline/unsupported-files-warning.js';
import { type CompareFlags, MAX_TOP_IMAGES } from './compare.js';
import { mergeStateFiles } from './run-merge.js';

/** Folder-mode flags that have no meaning when comparing states (whose settings apply), by flag name. */
const FOLDER_FLAGS: readonly (readonly [keyof CompareFlags, string])[] = [
  ['gtSuffix', '--gt-suffix'],
  ['predSuffix', '--pred-suffix'],
  ['gtPattern', '--gt-pattern'],
  ['predPattern', '--pred-pattern'],
  ['matchBy', '--match-by'],
  ['include', '--include'],
  ['exclude', '--exclude'],
  ['numClasses', '--num-classes'],
  ['ignoreIndex', '--ignore-index'],
  ['reduceZeroLabel', '--reduce-zero-label'],
  ['labelMap', '--label-map'],
  ['mappingAppliesTo', '--mapping-applies-to'],
  ['classes', '--classes'],
  ['palette', '--palette'],
  ['unknownColor', '--unknown-color'],
  ['scoresLayout', '--scores-layout'],
  ['dataset', '--dataset'],
  ['aggregate', '--aggregate'],
  ['imageReduce', '--image-reduce'],
  ['average', '--average'],
  ['absent', '--absent'],
  ['excludeClasses', '--exclude-classes'],
  ['metrics', '--metrics'],
  ['preset', '--preset'],
  ['presetOption', '--preset-option'],
  ['predictedOnly', '--predicted-only'],
  ['beta', '--beta'],
  ['workers', '--workers'],
];

/** Runs `compare`; returns the exit code. */
export async function runCompare(
  states: readonly string[],
  flags: CompareFlags,
  context: CliContext,
): Promise<number> {
  const confidence = resolveConfidenceFlags(flags, true)!;
  const topImages =
    flags.topImages === undefined
      ? 10
      : parseInteger('--top-images', flags.topImages, { min: 0, max: MAX_TOP_IMAGES });
  checkNoEmptyPaths([
    ['-o/--output', flags.output],
    ['--report', flags.report],
    ['--gt', flags.gt],
    ...(flags.pred ?? []).map((path) => ['--pred', path] as const),
    ...(flags.aState ?? []).map((path) => ['--a-state', path] as const),
    ...(flags.bState ?? []).map((path) => ['--b-state', path] as const),
    ...states.map((path) => ['state file', path] as const),
  ]);
  const stateFiles = stateSides(states, flags);
  const inputs =
    stateFiles === null ? [flags.gt ?? '', ...(flags.pred ?? [])] : [...stateFiles.a, ...stateFiles.b];
  const named: NamedFile[] = [
    { option: '-o/--output', path: flags.output ?? '', role: 'output' },
    { option: '--report', path: flags.report ?? '', role: 'output' },
    ...inputs.map((path) => ({
      option: stateFiles === null ? '--gt/--pred' : 'state file',
      path,
      role: 'input' as const,
    })),
  ];
  await checkOutputPaths(named);
  // An output that cannot be written is refused before both models are counted, not after.
  await checkWritableOutputs(named);
  for (const output of [flags.output, flags.report])
    if (output !== undefined) await removeStaleTempFiles(output);
  const counts = stateFiles === null ? await countFolders(flags, context) : await mergeSides(stateFiles);
  if (counts === null) return context.exitCode;
  if (flags.quiet !== true)
    for (const warning of counts.warnings ?? []) context.stderr.write(`warning: ${warning}\n`);
  const report = compareCounts(counts, confidence, topImages);
  const few = fewImagesWarning(counts.a.images, confidence.level);
  if (few !== null && flags.quiet !== true) context.stderr.write(`warning: ${few}\n`);
  await writeComparisonOutputs(report, flags, context);
  return ExitCode.OK;
}

/** The state files of each side, or null when comparing folders; usage errors for a mixed command line. */
function stateSides(
  states: readonly string[],
  flags: CompareFlags,
): { a: readonly string[]; b: readonly string[] } | null {
  const named = (flags.aState ?? []).length > 0 || (flags.bState ?? []).length > 0;
  const folders = flags.gt !== undefined || flags.pred !== undefined;
  if (!named && states.length === 0) {
    if (!folders) {
      throw usageError(
        '--gt',
        'give --gt with --pred twice (model A, then model B), or two state files (compare a.json b.json)',
      );
    }
    if (flags.gt === undefined) throw usageError('--gt', 'required with --pred (the ground-truth folder)');
    if ((flags.pred ?? []).length !== 2) {
      throw usageError(
        '--pred',
        `give --pred exactly twice (model A, then model B), got ${(flags.pred ?? []).length}`,
      );
    }
    return null;
  }
  if (folders) {
    throw usageError(
      flags.gt !== undefined ? '--gt' : '--pred',
      'compare either folders (--gt, --pred twice) or state files, not both',
    );
  }
  for (const [key, flag] of FOLDER_FLAGS) {
    if (flags[key] !== undefined) {
      throw usageError(
        flag,
        "not used when comparing state files: the states' own settings apply (compare folders to choose them)",
      );
    }
  }
  if (named) {
    if (states.length > 0) {
      throw usageError(
        '--a-state',
        `give states either as two arguments or with --a-state/--b-state, not both (got ${listSome(states)})`,
      );
    }
    if ((flags.aState ?? []).length === 0) throw usageError('--a-state', 'required with --b-state');
    if ((flags.bState ?? []).length === 0) throw usageError('--b-state', 'required with --a-state');
    return { a: flags.aState!, b: flags.bState! };
  }
  if (states.length !== 2) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `compare takes two state files (model A, then model B), got ${states.length}: ${listSome(states)} (for shards: --a-state/--b-state)`,
      { context: { option: 'states', value: states } },
    );
  }
  return { a: [states[0]!], b: [states[1]!] };
}

/** Loads each side's states (merged as `merge` does) and checks that both sides share their settings. */
async function mergeSides(files: { a: readonly string[]; b: readonly string[] }): Promise<ComparedCounts> {
  const shared = await firstSharedInput(files.a, files.b);
  if (shared !== null) {
    const [a, b] = shared;
    const named = a === b ? `${a} is given for both A and B` : `${a} (A) and ${b} (B) are the same file`;
    throw usageError('--b-state', `${named}: compare two different models`, b);
  }
  // A comparison pairs the images of two complete runs: there is no partial comparison.
  const merging = {
    allowPartial: false,
    perImageFor: 'compare',
    partialHint:
      'give the states of every shard of each model (resume interrupted runs): compare needs complete runs',
  };
  const a = await mergeStateFiles(files.a, merging);
  const b = await mergeStateFiles(files.b, merging);
  const names = { a: files.a.join(', '), b: files.b.join(', ') };
  const hint = 'both models must be evaluated with the same classes, labels and metric options';
  if (a.settings.numClasses !== b.settings.numClasses) {
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `cannot compare: ${names.b} has ${b.settings.numClasses} classes but ${names.a} has ${a.settings.numClasses} (numClasses: ${a.settings.numClasses} vs ${b.settings.numClasses})`,
      { context: { file: names.b, otherFile: names.a, setting: 'numClasses', hint } },
    );
  }
  try {
    assertSameSettings({ file: names.a, settings: a.settings }, { file: names.b, settings: b.settings });
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    throw new SegmetricsError(error.code, `cannot compare: ${error.message}`, {
      context: { ...error.context, hint: error.context.hint ?? hint },
      cause: error,
    });
  }
  // Shards merged per side: the report's scope says so (one whole-dataset state per side is no merge).
  const states = a.merged.states + b.merged.states;
  // As merge warns: a side's states from different folders, and two models scored on different ground truths.
  const acrossSides = sourceWarning(
    [...a.loaded, ...b.loaded],
    ['gt'],
    'the two models were scored against different ground truths',
  );
  const warnings = [
    ...(a.sourceWarning === null ? [] : [`model A: ${a.sourceWarning}`]),
    ...(b.sourceWarning === null ? [] : [`model B: ${b.sourceWarning}`]),
    ...(acrossSides === null ? [] : [`models A and B: ${acrossSides}`]),
  ];
  return {
    a: a.matrix,
    b: b.matrix,
    settings: a.settings,
    sources: names,
    ...(states > 2 ? { mergedStates: states } : {}),
    warnings,
  };
}

/** Counts both prediction folders against the ground truth in one pass; null when interrupted. */
async function countFolders(flags: CompareFlags, context: CliContext): Promise<ComparedCounts | null> {
  const [predA, predB] = flags.pred as [string, string];
  // Cityscapes labelIds: the mapping and checks of `eval`, without instances (no iIoU in a comparison).
  const cityscapes = { dataset: flags.dataset, instances: false };
  const requested = withCityscapesSettings(await resolveSettings(flags), cityscapes);
  const settings = { ...requested, matrixOptions: { ...requested.matrixOptions, perImage: true } };
  const cores = availableParallelism();
  const workers =
    flags.workers === undefined
      ? undefined
      : parseInteger('--workers', flags.workers, {
          min: 1,
          max: maxWorkers(cores),
          maxReason: `${WORKERS_PER_CORE} × ${cores} available core${cores === 1 ? '' : 's'}, and never above ${MAX_WORKERS_CAP}`,
        });
  const gt = flags.gt!;
  const paired = await pairPredictions({ ...flags, gt, ...cityscapes }, [predA, predB]);
  await checkOutputsAreNotInputs(
    [
      { option: '-o/--output', path: flags.output ?? '', role: 'output' },
      { option: '--report', path: flags.report ?? '', role: 'output' },
    ],
    paired.pairs,
  );
  const quiet = flags.quiet === true;
  const skipped = skippedWarning(paired.skipped);
  if (skipped !== null && !quiet) context.stderr.write(`warning: ${skipped}\n`);
  const unsupported = quiet ? null : unsupportedFilesWarning(gt, paired.unreadGroundTruth);
  if (unsupported !== null) context.stderr.write(`warning: ${unsupported}\n`);
  const classCount = datasetClassCountWarning({ ...flags, numClasses: settings.numClasses });
  if (classCount !== null && !quiet) context.stderr.write(`warning: ${classCount}\n`);
  const impliedIgnore = impliedIgnoreWarning(flags, settings);
  if (impliedIgnore !== null && !quiet) context.stderr.write(`warning: ${impliedIgnore}\n`);
  // As eval: each model's first prediction against its ground truth, when palette indices are read as labels.
  const first = paired.pairs[0];
  if (first !== undefined && !quiet && settings.decodeOptions.colorPalette === undefined) {
    for (const predPath of [first.predPath, ...(first.otherPredPaths ?? [])]) {
      const palettes = paletteMismatchWarning({ ...first, predPath });
      if (palettes !== null) context.stderr.write(`warning: ${palettes}\n`);
    }
  }
  paired.unmatched.forEach((unmatched, i) => {
    if (unmatched.length === 0 || quiet) return;
    const n = unmatched.length;
    context.stderr.write(
      `warning: ${n} prediction file${n === 1 ? ' has' : 's have'} no ground truth in ${gt} and ${n === 1 ? 'is' : 'are'} not compared (${i === 0 ? predA : predB}): ${listSome(unmatched)}\n`,
    );
  });
  const outcome = await runEvaluation({
    settings,
    pairs: paired.pairs,
    source: { gt, pred: predA },
    ...(workers === undefined ? {} : { workers }),
    shard: null,
    stderr: context.stderr,
    progress: context.stderr.isTTY === true && !quiet,
  });
  if (!outcome.complete) {
    context.stderr.write(
      `interrupted after ${outcome.counted} of ${outcome.selected} images: nothing compared\n`,
    );
    context.exitCode = outcome.interruptedBy === 'SIGTERM' ? ExitCode.SIGTERM : ExitCode.SIGINT;
    return null;
  }
  return { a: outcome.matrix, b: outcome.others[0]!, settings, sources: { a: predA, b: predB } };
}
