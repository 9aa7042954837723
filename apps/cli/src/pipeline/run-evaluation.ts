import { availableParallelism } from 'node:os';
import { ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import { formatShard, type Shard, shardRange } from '../options/shard.js';
import { canonicalJson } from '../util/canonical-json.js';
import { type OutputStream, ProgressBar } from '../util/terminal.js';
import { checkSameSource, RESUME_HINT } from './check-same-source.js';
import { settingsDifference } from './compare-settings.js';
import { countPairs } from './count-pairs.js';
import type { EvaluationSettings } from './evaluation-settings.js';
import { listSome } from './pair-files.js';
import { datasetDigest, loadState, type StateFile, saveState, saveStateSync } from './state-file.js';
import { absoluteSource, type StateSource } from './state-source.js';
import type { FilePair } from './types.js';

/** Everything `runEvaluation` needs besides the files. */
export interface RunOptions {
  readonly settings: EvaluationSettings;
  /** Every pair of the dataset, sorted by id. */
  readonly pairs: readonly FilePair[];
  /** The folders as typed (the state records them as absolute real paths) and the pairing options. */
  readonly source: StateSource;
  /** Parallel counters: this thread plus `workers − 1` worker threads. Default: available cores. */
  readonly workers?: number;
  /** Worker thread script (default: the built `worker.js`); tests running the sources point it at `dist/`. */
  readonly workerScript?: URL | string;
  readonly shard: Shard | null;
  /** State file written periodically, at the end and on SIGINT/SIGTERM. */
  readonly saveState?: string;
  /** State file of an interrupted run to continue. */
  readonly resume?: string;
  /**
   * Seconds between periodic state saves (default 30; 0: after every chunk). A save falls due after a
   * chunk is merged and is on disk before the next chunk is merged; a failed save stops the run.
   */
  readonly saveInterval?: number;
  /** Stop as if interrupted after this many newly counted images (tests). */
  readonly stopAfter?: number;
  /**
   * Test hook: send this signal to the own process once this many images were counted in this run, to
   * exercise the SIGINT/SIGTERM path deterministically (`SEGMETRICS_TEST_SIGNAL=SIGTERM:3`).
   */
  readonly selfSignal?: { readonly signal: 'SIGINT' | 'SIGTERM'; readonly after: number };
  readonly stderr: OutputStream;
  readonly progress: boolean;
}

/** Result of a run: the counted matrix, and whether it was interrupted (and by what). */
export interface RunOutcome {
  readonly matrix: ConfusionMatrix;
  /** The counts of the pairs' further predictions (`otherPredPaths`, `compare`); not saved in states. */
  readonly others: readonly ConfusionMatrix[];
  readonly complete: boolean;
  /** `'SIGINT'`/`'SIGTERM'` when a signal stopped the run, `'stop-after'` for the test hook. */
  readonly interruptedBy: 'SIGINT' | 'SIGTERM' | 'stop-after' | null;
  /** Images of the selection (shard) and how many of them are counted. */
  readonly selected: number;
  readonly counted: number;
  /** Where the state was written, if anywhere. */
  readonly statePath: string | null;
}

function checkResumable(
  file: string,
  state: StateFile,
  settings: EvaluationSettings,
  shard: Shard | null,
  list: { readonly datasetPairs: number; readonly digest: string },
): void {
  const difference = settingsDifference(state.settings, settings);
  if (difference !== null) {
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `${file}: the state was saved with different settings than this run: ${difference.text} (state vs this run); resume with the same options`,
      { context: { file, setting: difference.setting, values: difference.values, hint: RESUME_HINT } },
    );
  }
  if (canonicalJson(state.selection.shard) !== canonicalJson(shard)) {
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `${file}: the state covers ${formatShard(state.selection.shard)}, this run ${formatShard(shard)}`,
      { context: { file, stateShard: state.selection.shard, shard, hint: RESUME_HINT } },
    );
  }
  // Files added, removed or renamed since shift a shard's block: it would count pairs of other shards (an
  // unsharded run just counts what it has not counted yet; images it no longer selects are refused below).
  const recorded = state.selection.datasetDigest;
  if (state.selection.shard !== null && recorded !== undefined && recorded !== list.digest) {
    const sizes =
      state.selection.datasetPairs === list.datasetPairs
        ? `both hold ${list.datasetPairs} pairs, not the same ones`
        : `${state.selection.datasetPairs} pairs then, ${list.datasetPairs} now`;
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `${file}: the dataset's file list changed since this shard's state was saved (${sizes}), so the shard would cover other pairs; resume over the same files, or start a new run`,
      { context: { file, hint: RESUME_HINT } },
    );
  }
}

/**
 * Counts the selected pairs (a shard of them, minus those a resumed state already counted) with
 * worker threads; saves the state periodically, at the end and on SIGINT/SIGTERM (atomically).
 */
export async function runEvaluation(options: RunOptions): Promise<RunOutcome> {
  const { settings, shard } = options;
  const range =
    shard === null ? { start: 0, end: options.pairs.length } : shardRange(options.pairs.length, shard);
  const selected = options.pairs.slice(range.start, range.end);
  // The whole file list, before sharding: shards, merges and resumes of one list agree on it. Hashed only
  // for a state (saved or resumed): a run without one does not load node:crypto.
  let digestMemo: string | undefined;
  const digest = () => (digestMemo ??= datasetDigest(options.pairs.map((p) => p.id)));

  let initial = new ConfusionMatrix(settings.matrixOptions);
  let todo = selected;
  if (options.resume !== undefined) {
    const loaded = await loadState(options.resume);
    checkResumable(options.resume, loaded.state, settings, shard, {
      datasetPairs: options.pairs.length,
      digest: digest(),
    });
    await checkSameSource(options.resume, loaded.state.source, options.source);
    const done = new Set(loaded.matrix.sampleIds);
    const known = new Set(selected.map((p) => p.id));
    const foreign = [...done].filter((id) => !known.has(id));
    if (foreign.length > 0) {
      throw new SegmetricsError(
        ErrorCode.INCOMPATIBLE_SETTINGS,
        `${options.resume}: the state counted ${foreign.length} image(s) that this run does not select: ${listSome(foreign)}`,
        { context: { file: options.resume, hint: RESUME_HINT } },
      );
    }
    initial = loaded.matrix;
    todo = selected.filter((p) => !done.has(p.id));
  }

  const statePath = options.saveState ?? options.resume ?? null;
  // Recorded as absolute real paths: a resume from another working folder compares the folders themselves.
  const source = await absoluteSource(options.source);
  const body = (complete: boolean) => ({
    settings,
    selection: { shard, datasetPairs: options.pairs.length, pairs: selected.length, datasetDigest: digest() },
    complete,
    source,
  });

  const controller = new AbortController();
  let signalName: 'SIGINT' | 'SIGTERM' | null = null;
  let signalReceived: () => void = () => undefined;
  const received = new Promise<void>((resolve) => {
    signalReceived = resolve;
  });
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => () => {
    if (signalName !== null) {
      // A second signal stops at once: say so, and what the state file holds.
      options.stderr.write(
        `interrupted again (${name}): stopping at once${statePath === null ? '' : `; ${statePath} keeps the state saved last, if any`}\n`,
      );
      process.exit(name === 'SIGINT' ? 130 : 143);
    }
    signalName = name;
    signalReceived();
    controller.abort();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);

  const bar = new ProgressBar(options.stderr, options.progress);
  const interval = (options.saveInterval ?? 30) * 1000;
  let lastSave = Date.now();
  let selfSignalled = false;
  const alreadyCounted = selected.length - todo.length;
  const hookAfter = options.selfSignal?.after;
  // `--stop-after n` counts exactly the first n pairs left to count (any worker count: the same images).
  const counting =
    options.stopAfter !== undefined && options.stopAfter < todo.length
      ? todo.slice(0, options.stopAfter)
      : todo;
  try {
    const setup = { matrixOptions: settings.matrixOptions, decodeOptions: settings.decodeOptions };
    const result = await countPairs(setup, counting, {
      workers: options.workers ?? availableParallelism(),
      // Threads start only when the work outweighs their start-up: small jobs run in this thread.
      startWorkers: 'when-worth-it',
      ...(options.workerScript === undefined ? {} : { workerScript: options.workerScript }),
      initial,
      signal: controller.signal,
      // The test hook stops right after the chunk that sends the signal, so that a run is
      // interrupted at the same point however fast the signal is handled.
      ...(hookAfter === undefined ? {} : { stopAfter: hookAfter }),
      onProgress: (done, _total, matrix) => {
        bar.update(alreadyCounted + done, selected.length);
        const hook = options.selfSignal;
        if (hook !== undefined && done >= hook.after && !selfSignalled) {
          selfSignalled = true;
          process.kill(process.pid, hook.signal);
        }
        if (statePath !== null && Date.now() - lastSave >= interval) {
          // Synchronous: this thread counts chunks without yielding to the event loop for long, so an
          // asynchronous save would advance one step per chunk and land far behind the count. A failed
          // save throws here, which fails the run at once (the state keeps what was saved last).
          saveStateSync(statePath, matrix, body(false));
          lastSave = Date.now();
        }
      },
    });
    bar.clear();
    if (selfSignalled) {
      // A ref'd timer: with an unref'd one the event loop could drain (and the process exit 0) before the
      // signal sent to itself is handled.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([received, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
    }
    const complete = result.complete && result.matrix.images === selected.length;
    if (statePath !== null) await saveState(statePath, result.matrix, body(complete));
    return {
      matrix: result.matrix,
      others: result.others,
      complete,
      interruptedBy: complete ? null : (signalName ?? 'stop-after'),
      selected: selected.length,
      counted: result.matrix.images,
      statePath,
    };
  } catch (error) {
    bar.clear();
    // Keep what was counted before the failure (whole chunks, in order), so that after fixing the
    // file the run can continue with --resume instead of starting over.
    if (statePath !== null) await saveState(statePath, initial, body(false)).catch(() => undefined);
    throw error;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
