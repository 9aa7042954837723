import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { Shard } from '../options/shard.js';
import { writeFileAtomic, writeFileAtomicSync } from '../util/atomic-write.js';
import { VERSION } from '../version.js';
import type { EvaluationSettings } from './evaluation-settings.js';

/** Identifies a segmetrics CLI state file. */
export const STATE_FORMAT = 'segmetrics-state';
/** Version of the state file layout; bumped on any incompatible change. */
export const STATE_VERSION = 1;

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
  /** The shard this state covers (null: the whole dataset) and how many pairs it selected. */
  readonly selection: { readonly shard: Shard | null; readonly datasetPairs: number; readonly pairs: number };
  /** True when every selected pair was counted. */
  readonly complete: boolean;
  /** Where the files were read from (informational, not compared). */
  readonly source: { readonly gt: string | null; readonly pred: string | null };
  readonly matrix: unknown;
  readonly checksum: string;
}

/** A loaded, verified state. */
export interface LoadedState {
  readonly file: string;
  readonly state: StateFile;
  readonly matrix: ConfusionMatrix;
}

type StateBody = Omit<StateFile, 'checksum' | 'format' | 'stateVersion' | 'tool' | 'matrix'>;

function checksumOf(body: Omit<StateFile, 'checksum'>): string {
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

/** Writes a state file atomically (temp file + rename). */
export async function saveState(path: string, matrix: ConfusionMatrix, body: StateBody): Promise<void> {
  await writeFileAtomic(path, serializeState(matrix, body));
}

/** Synchronous {@link saveState} for signal handlers. */
export function saveStateSync(path: string, matrix: ConfusionMatrix, body: StateBody): void {
  writeFileAtomicSync(path, serializeState(matrix, body));
}

function invalid(file: string, problem: string, cause?: unknown): SegmetricsError {
  return new SegmetricsError(ErrorCode.INVALID_STATE, `${file}: ${problem}`, {
    context: { file },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Reads and verifies a state file: JSON, format and version, checksum, then the core matrix state
 * (which validates itself). Every problem is an `INVALID_STATE` error naming the file.
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

/** {@link loadState} on text already read. */
export function parseState(file: string, text: string): LoadedState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, 'not a segmetrics state file (invalid JSON; truncated?)', error);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid(file, 'not a segmetrics state file (expected a JSON object)');
  }
  const record = data as Record<string, unknown>;
  if (record.format !== STATE_FORMAT) {
    throw invalid(file, `not a segmetrics state file (format is ${JSON.stringify(record.format)})`);
  }
  if (record.stateVersion !== STATE_VERSION) {
    throw invalid(
      file,
      `state version ${JSON.stringify(record.stateVersion)} is not supported (this segmetrics ${VERSION} reads version ${STATE_VERSION})`,
    );
  }
  const { checksum, ...unsigned } = record;
  if (typeof checksum !== 'string' || checksum !== checksumOf(unsigned as Omit<StateFile, 'checksum'>)) {
    throw invalid(file, 'checksum mismatch: the state file was modified or corrupted');
  }
  const state = record as unknown as StateFile;
  if (
    typeof state.settings !== 'object' ||
    state.settings === null ||
    typeof state.selection !== 'object' ||
    state.selection === null ||
    typeof state.complete !== 'boolean'
  ) {
    throw invalid(file, 'missing settings, selection or completion flag');
  }
  let matrix: ConfusionMatrix;
  try {
    matrix = ConfusionMatrix.fromJSON(state.matrix);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(file, `invalid matrix state: ${reason}`, error);
  }
  return { file, state, matrix };
}
