import { type ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import { removeStaleTempFiles } from '@segmetrics/io/node';
import { describePartial } from '@segmetrics/report';
import type { CliContext } from '../context.js';
import { ExitCode } from '../errors/exit-code.js';
import { assertSamePairing } from '../merge/check-same-pairing.js';
import { findStateOverlap, type StateOverlap } from '../merge/find-state-overlap.js';
import { sourceWarning } from '../merge/source-warning.js';
import { checkNoEmptyPaths, checkOutputPaths } from '../options/check-output-paths.js';
import { checkWritableOutputs } from '../options/check-writable-outputs.js';
import { resolveConfidenceFlags } from '../options/confidence-flags.js';
import { perImageRequested, withoutPerImage } from '../options/per-image-settings.js';
import { formatShard } from '../options/shard.js';
import { assertSameSettings } from '../pipeline/compare-settings.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { type LoadedState, loadState, type StateSelection } from '../pipeline/state-file.js';
import { type MergedRun, type PartialRun, writeRunOutputs } from '../pipeline/write-run-outputs.js';
import { reportImagesLimit } from '../report/report-flags.js';
import type { MergeFlags } from './merge.js';

/** Orders states as one run counts: by shard, then by their first image id. */
function inRunOrder(states: readonly LoadedState[]): LoadedState[] {
  const keyed = states.map((state) => ({
    state,
    shard: state.state.selection.shard?.index ?? Number.POSITIVE_INFINITY,
    first: state.matrix.sampleIds[0] ?? '',
  }));
  keyed.sort((a, b) => a.shard - b.shard || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return keyed.map((k) => k.state);
}

/** Runs `merge`; returns the exit code. */
export async function runMerge(
  files: readonly string[],
  flags: MergeFlags,
  context: CliContext,
): Promise<number> {
  reportImagesLimit(flags);
  const confidence = resolveConfidenceFlags(flags);
  checkNoEmptyPaths([
    ['-o/--output', flags.output],
    ['--per-image', flags.perImage],
    ['--report', flags.report],
    ...files.map((file) => ['state file', file] as const),
  ]);
  await checkDistinctStates(files);
  const named = [
    { option: '-o/--output', path: flags.output ?? '', role: 'output' as const },
    { option: '--per-image', path: flags.perImage ?? '', role: 'output' as const },
    { option: '--report', path: flags.report ?? '', role: 'output' as const },
    ...files.map((file) => ({ option: 'state file', path: file, role: 'input' as const })),
  ];
  await checkOutputPaths(named);
  await checkWritableOutputs(named);
  for (const output of [flags.output, flags.perImage, flags.report])
    if (output !== undefined) await removeStaleTempFiles(output);
  const { matrix, settings, partial, sourceWarning, merged } = await mergeStateFiles(files, {
    allowPartial: flags.allowPartial === true,
    perImageFor: confidence === null ? null : '--ci',
  });
  if (partial !== null && flags.quiet !== true)
    context.stderr.write(`warning: ${describePartial(partial)}\n`);
  if (sourceWarning !== null && flags.quiet !== true) context.stderr.write(`warning: ${sourceWarning}\n`);
  await writeRunOutputs(
    matrix,
    settings,
    flags,
    context,
    { shard: null, partial, merged },
    { pairs: null, presetsPerImage: perImageRequested(settings, flags.perImage !== undefined) },
  );
  return ExitCode.OK;
}

/** The merged counts of state files, their settings, and what they lack to cover the dataset. */
export interface MergedStates {
  readonly matrix: ConfusionMatrix;
  readonly settings: EvaluationSettings;
  readonly partial: PartialRun | null;
  /** Why the states may hold different models' counts (different folders), or null. */
  readonly sourceWarning: string | null;
  /** The states as loaded, in run order. */
  readonly loaded: readonly LoadedState[];
  /** How many states were merged: the report's scope. */
  readonly merged: MergedRun;
}

/**
 * Loads and merges state files as `merge` does: equal settings (the setting and both files named), equal
 * pairing options when recorded (the option and both files named), shards
 * of one split, no image counted twice (checked before coverage: an interrupted state merged with the run
 * resumed from it is an overlap, named with both files, not a partial result), every shard present and
 * complete unless `allowPartial`. With `perImageFor` (e.g. `'--ci'`), a state without per-image
 * statistics is an error naming it.
 */
export async function mergeStateFiles(
  files: readonly string[],
  options: {
    readonly allowPartial: boolean;
    readonly perImageFor: string | null;
    /** What to do about states that do not cover the dataset (default: merge's, which names --allow-partial). */
    readonly partialHint?: string;
  },
): Promise<MergedStates> {
  const loaded: LoadedState[] = [];
  for (const file of files) loaded.push(await loadState(file));
  if (options.perImageFor !== null) {
    const without = loaded.find((s) => s.matrix.settings.perImage !== true);
    if (without !== undefined) throw withoutPerImage(without.file, options.perImageFor);
  }
  const first = loaded[0]!;
  for (const other of loaded.slice(1)) {
    assertSameSettings(
      { file: first.file, settings: first.state.settings },
      { file: other.file, settings: other.state.settings },
    );
  }
  assertSamePairing(loaded);
  const ordered = inRunOrder(loaded);
  const partial = coverage(ordered);
  // An image counted twice (a state and the run resumed from it) is the error, not what the states lack.
  const overlap = findStateOverlap(ordered.map((s) => ({ file: s.file, sampleIds: s.matrix.sampleIds })));
  if (overlap !== null) throw overlapError(overlap);
  if (partial !== null && !options.allowPartial) {
    throw new SegmetricsError(
      ErrorCode.PAIRING_FAILED,
      `the states do not cover the dataset: ${describePartial(partial)}`,
      {
        context: {
          missingShards: partial.missingShards,
          interruptedStates: partial.interruptedStates,
          hint:
            options.partialHint ??
            'merge the states of every shard (resume interrupted ones), or pass --allow-partial for a partial report',
        },
      },
    );
  }
  const matrix = ordered[0]!.matrix;
  for (const [i, state] of ordered.entries()) {
    if (i === 0) continue;
    try {
      matrix.merge(state.matrix);
    } catch (error) {
      if (!SegmetricsError.isInstance(error)) throw error;
      throw describeMergeError(error, state, ordered.slice(0, i));
    }
  }
  return {
    matrix,
    settings: first.state.settings,
    partial,
    sourceWarning: sourceWarning(ordered),
    loaded: ordered,
    merged: { states: ordered.length },
  };
}

/** Refuses a state file given twice (by name, through a link, or as a hard link). */
async function checkDistinctStates(files: readonly string[]): Promise<void> {
  try {
    await checkOutputPaths(files.map((path) => ({ option: 'state file', path, role: 'output' as const })));
  } catch (error) {
    const file = SegmetricsError.isInstance(error) ? String(error.context.value) : files[0]!;
    throw new SegmetricsError(
      ErrorCode.DUPLICATE_SAMPLE,
      `${file}: given more than once; the states overlap`,
      {
        context: { file },
      },
    );
  }
}

/** The error for two states that counted the same image, naming both files and the image. */
function overlapError(overlap: StateOverlap): SegmetricsError {
  return new SegmetricsError(
    ErrorCode.DUPLICATE_SAMPLE,
    `${overlap.file}: image "${overlap.sampleId}" is also counted in ${overlap.otherFile}; the states overlap`,
    { context: { ...overlap } },
  );
}

/** Names both files when two states counted the same image. */
function describeMergeError(
  error: SegmetricsError,
  state: LoadedState,
  earlier: readonly LoadedState[],
): SegmetricsError {
  const id = error.context.sampleId;
  if (error.code === ErrorCode.DUPLICATE_SAMPLE && typeof id === 'string') {
    const previous = earlier.find((s) => s.matrix.sampleIds.includes(id));
    return new SegmetricsError(
      ErrorCode.DUPLICATE_SAMPLE,
      `${state.file}: image "${id}" is also counted in ${previous?.file ?? 'another state'}; the states overlap`,
      { context: { file: state.file, otherFile: previous?.file ?? null, sampleId: id }, cause: error },
    );
  }
  return new SegmetricsError(error.code, `${state.file}: ${error.message}`, {
    context: { ...error.context, file: state.file },
    cause: error,
  });
}

/** Both selections record their file list's digest, and they differ (older states record none). */
function differentLists(a: StateSelection, b: StateSelection): boolean {
  return (
    a.datasetDigest !== undefined && b.datasetDigest !== undefined && a.datasetDigest !== b.datasetDigest
  );
}

/**
 * What the states lack to be the whole dataset: shards without a state, interrupted runs. Throws when
 * shard states cannot belong to one split (different shard counts, cut from different pair lists, a
 * shard given twice, sharded and unsharded states mixed).
 */
function coverage(states: readonly LoadedState[]): PartialRun | null {
  const sharded = states.filter((s) => s.state.selection.shard !== null);
  const interruptedStates = states.filter((s) => !s.state.complete).map((s) => s.file);
  let missingShards: number[] = [];
  let shardCount: number | null = null;
  // Unsharded states that share no image (overlaps are refused) are runs over different pairs: together
  // they select the sum of their pairs.
  let expectedImages: number | null = states.reduce((sum, s) => sum + s.state.selection.pairs, 0);
  if (sharded.length > 0) {
    const reference = sharded[0]!;
    const refShard = reference.state.selection.shard!;
    // The file list is compared with the first state that records one (states of older versions do not).
    const listed = sharded.find((s) => s.state.selection.datasetDigest !== undefined) ?? reference;
    const seen = new Map<number, string>();
    for (const s of states) {
      const shard = s.state.selection.shard;
      const mismatch =
        shard === null
          ? `${s.file} covers the whole dataset but ${reference.file} covers ${formatShard(refShard)}`
          : shard.count !== refShard.count
            ? `${s.file} covers ${formatShard(shard)} but ${reference.file} covers ${formatShard(refShard)}`
            : s.state.selection.datasetPairs !== reference.state.selection.datasetPairs
              ? `${s.file} was cut from ${s.state.selection.datasetPairs} pairs but ${reference.file} from ${reference.state.selection.datasetPairs}: the shards were made from different file lists`
              : differentLists(s.state.selection, listed.state.selection)
                ? `${s.file} and ${listed.file} were cut from different file lists of ${s.state.selection.datasetPairs} pairs each (other files, or other --include/--exclude)`
                : null;
      if (mismatch !== null) {
        throw new SegmetricsError(
          ErrorCode.INCOMPATIBLE_SETTINGS,
          `the states are not shards of one split: ${mismatch}`,
          {
            context: { file: s.file, otherFile: reference.file },
          },
        );
      }
      const other = seen.get(shard!.index);
      if (other !== undefined) {
        throw new SegmetricsError(
          ErrorCode.DUPLICATE_SAMPLE,
          `${s.file}: ${formatShard(shard)} is also given as ${other}; the states overlap`,
          { context: { file: s.file, otherFile: other, shard } },
        );
      }
      seen.set(shard!.index, s.file);
    }
    shardCount = refShard.count;
    missingShards = Array.from({ length: shardCount }, (_, i) => i + 1).filter((i) => !seen.has(i));
    expectedImages = reference.state.selection.datasetPairs;
  }
  if (missingShards.length === 0 && interruptedStates.length === 0) return null;
  return {
    missingShards,
    shardCount,
    interruptedStates,
    images: states.reduce((sum, s) => sum + s.matrix.images, 0),
    expectedImages,
  };
}
