import { readFile } from 'node:fs/promises';
import { ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import { writeFileAtomic, writeFileAtomicSync } from '@segmetrics/io/node';
import { evaluate } from '@segmetrics/metrics';
import type { Shard } from '../options/shard.js';
import { evaluateOptions } from '../report/run-report.js';
import { canonicalJson } from '../util/canonical-json.js';
import { requireBuiltin } from '../util/require-builtin.js';
import { VERSION } from '../version.js';
import type { EvaluationSettings } from './evaluation-settings.js';
import type { StateSource } from './state-source.js';
import {
  checkDepth,
  checkSampleIds,
  checkSelection,
  checkSettings,
  checkSource,
  checkTool,
  invalidState,
  stateChecker,
} from './validate-state.js';

/** Identifies a segmetrics CLI state file. */
export const STATE_FORMAT = 'segmetrics-state';
/**
 * Version of the state file layout; bumped on any incompatible change. Version 2: `selection.shard.index`
 * is 1-based (`--shard 1/3`). Version 3: `source` holds absolute real folders and `source.pairing` (so a
 * version that reads only 1 and 2 says the version is not supported instead of calling the file
 * malformed). Version 4: `selection.datasetDigest`, the file list's SHA-256 (for the same reason).
 * Version 1 (segmetrics 0.1, 0-based shard index) is still read, its shard index converted, so an old
 * state is never taken for the wrong shard.
 */
export const STATE_VERSION = 4;

/** State versions {@link loadState} reads. */
export const READABLE_STATE_VERSIONS: readonly number[] = [1, 2, 3, 4];

/**
 * A saved run: the core matrix state (`ConfusionMatrix#toJSON`) plus what the CLI needs to merge and
 * resume honestly. `checksum` is the SHA-256 of the JSON text of every other field, so an edited
 * file is refused.
 */
export interface StateFile {
  readonly format: typeof STATE_FORMAT;
  readonly stateVersion: number;
  readonly tool: { readonly name: 'segmetrics'; readonly version: string };
  readonly settings: EvaluationSettings;
  /**
   * The shard this state covers (null: the whole dataset; `index` 1-based), the number of pairs of the
   * whole dataset the shard was cut from, and how many pairs it selected.
   */
  readonly selection: StateSelection;
  /** True when every selected pair was counted. */
  readonly complete: boolean;
  /**
   * Where the files were read from (absolute real paths; as typed in states of older versions) and how
   * they were paired: a resume must read the same folders with the same pairing, a merge the same
   * pairing (see {@link StateSource}).
   */
  readonly source: StateSource;
  readonly matrix: unknown;
  readonly checksum: string;
}

/**
 * Which pairs a state's run counted: its shard (null: all), how many pairs the dataset's file list held
 * and how many the run selected, and `datasetDigest`, the SHA-256 of that whole list's pair ids in run
 * order (`datasetDigest`): shards, merges and resumes of one file list agree on it. States written before
 * it was recorded lack it (their lists are then compared by length only).
 */
export interface StateSelection {
  readonly shard: Shard | null;
  readonly datasetPairs: number;
  readonly pairs: number;
  readonly datasetDigest?: string;
}

/** A loaded, verified state (a version-1 file is converted: its shard index is 1-based here). */
export interface LoadedState {
  readonly file: string;
  readonly state: StateFile;
  readonly matrix: ConfusionMatrix;
}

/** The CLI fields of a state, besides the matrix. */
export type StateBody = Omit<StateFile, 'checksum' | 'format' | 'stateVersion' | 'tool' | 'matrix'>;

/** The SHA-256 (hex) of a dataset's pair ids in run order: {@link StateSelection.datasetDigest}. */
export function datasetDigest(ids: readonly string[]): string {
  const { createHash } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  return createHash('sha256').update(JSON.stringify(ids)).digest('hex');
}

function checksumOf(body: unknown): string {
  const { createHash } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Builds the JSON text of a state file for `matrix`. */
export function serializeState(matrix: ConfusionMatrix, body: StateBody): string {
  const unsigned: Omit<StateFile, 'checksum'> = {
    format: STATE_FORMAT,
    stateVersion: STATE_VERSION,
    tool: { name: 'segmetrics', version: VERSION },
    settings: body.settings,
    selection: body.selection,
    complete: body.complete,
    source: body.source,
    matrix: matrix.toJSON(),
  };
  return `${JSON.stringify({ ...unsigned, checksum: checksumOf(unsigned) })}\n`;
}

/**
 * Writes a state file with `@segmetrics/io`'s `writeFileAtomic`: a temporary file, synced, renamed over
 * the old state, so the file on disk is always a complete state.
 */
export async function saveState(path: string, matrix: ConfusionMatrix, body: StateBody): Promise<void> {
  await writeFileAtomic(path, serializeState(matrix, body));
}

/**
 * {@link saveState} with synchronous calls (`writeFileAtomicSync`): the state is on disk when it returns.
 * For the periodic saves between chunks, which a thread busy counting would otherwise hold back.
 */
export function saveStateSync(path: string, matrix: ConfusionMatrix, body: StateBody): void {
  writeFileAtomicSync(path, serializeState(matrix, body));
}

/**
 * Reads and verifies a state file. Every problem is an `INVALID_STATE` error naming the file and the
 * field (`context.field`); an unreadable file is `IO_FAILED`.
 */
export async function loadState(file: string): Promise<LoadedState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SegmetricsError(ErrorCode.IO_FAILED, `${file}: cannot read state: ${reason}`, {
      context: { file },
      cause: error,
    });
  }
  return parseState(file, text);
}

/**
 * {@link loadState} on text already read: JSON; nesting at most 32 levels; format and version; checksum;
 * then every field — settings (types, ranges, known names), selection, completion flag, source — and the
 * core matrix state, which must agree with the settings (class count, counting settings), name each
 * counted image by one sample id (and each per-image entry by one of them), and agree with the
 * selection (no more images than selected; all of them when complete). Never throws anything but a
 * `SegmetricsError` `INVALID_STATE`.
 */
export function parseState(file: string, text: string): LoadedState {
  let data: unknown;
  try {
    // A byte order mark (an editor's, or PowerShell's Out-File) is not part of the JSON.
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw invalidState(file, '', 'not a segmetrics state file (invalid JSON; truncated?)', error);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalidState(file, '', 'not a segmetrics state file (expected a JSON object)');
  }
  checkDepth(file, data);
  const record = data as Record<string, unknown>;
  if (record.format !== STATE_FORMAT) {
    throw invalidState(
      file,
      'format',
      `not a segmetrics state file (format is ${JSON.stringify(record.format)})`,
    );
  }
  const version = record.stateVersion;
  if (typeof version !== 'number' || !READABLE_STATE_VERSIONS.includes(version)) {
    throw invalidState(
      file,
      'stateVersion',
      `state version ${JSON.stringify(version)} is not supported (segmetrics ${VERSION} reads versions ${READABLE_STATE_VERSIONS.join(', ')})`,
    );
  }
  const { checksum, ...unsigned } = record;
  if (typeof checksum !== 'string' || checksum !== checksumOf(unsigned)) {
    throw invalidState(file, 'checksum', 'checksum mismatch: the state file was modified or corrupted');
  }
  const check = stateChecker(file);
  check.record(record, '', [
    'format',
    'stateVersion',
    'tool',
    'settings',
    'selection',
    'complete',
    'source',
    'matrix',
    'checksum',
  ]);
  checkTool(check, record.tool);
  const { settings, matrixSettings } = checkSettings(check, record.settings, record.matrix);
  const selection = checkSelection(check, record.selection, version === 1 ? 0 : 1);
  const complete = check.boolean(record.complete, 'complete');
  const source = checkSource(check, record.source);
  let matrix: ConfusionMatrix;
  try {
    matrix = ConfusionMatrix.fromJSON(record.matrix);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const path = SegmetricsError.isInstance(error) ? error.context.path : undefined;
    throw invalidState(file, typeof path === 'string' ? `matrix.${path}` : 'matrix', reason, error);
  }
  if (canonicalJson(matrix.settings) !== matrixSettings) {
    throw invalidState(
      file,
      'settings.matrixOptions',
      `does not match the counting settings of the matrix (${canonicalJson(matrix.settings)})`,
    );
  }
  checkSampleIds(file, matrix);
  if (matrix.images > selection.pairs || (complete && matrix.images !== selection.pairs)) {
    throw invalidState(
      file,
      'matrix.images',
      `${matrix.images} images counted but the state selects ${selection.pairs} pairs${complete ? ' and says it is complete' : ''}`,
    );
  }
  try {
    // The metric options must combine (e.g. no preset choice overridden): evaluate an empty matrix.
    evaluate(new ConfusionMatrix(settings.matrixOptions), evaluateOptions(settings, false));
  } catch (error) {
    throw invalidState(
      file,
      'settings.report',
      `the metric options do not combine: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
  const state: StateFile = {
    format: STATE_FORMAT,
    stateVersion: version,
    tool: record.tool as StateFile['tool'],
    settings,
    selection,
    complete,
    source,
    matrix: record.matrix,
    checksum,
  };
  return { file, state, matrix };
}
