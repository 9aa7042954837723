import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { encode } from 'fast-png';
import { expect } from 'vitest';
import type { CliContext } from '../src/context.js';
import { resolveSettings } from '../src/options/resolve-settings.js';
import { pairFiles } from '../src/pipeline/pair-files.js';
import { runEvaluation } from '../src/pipeline/run-evaluation.js';
import { runCli as runProgram } from '../src/program.js';

/** The built `segmetrics` bin (turbo builds before `test`), for the spawned smoke tests. */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Output of one run of the CLI. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment every run starts from: no colours, no array-job variables of the machine running the tests. */
function baseEnv(env: Record<string, string>): Record<string, string | undefined> {
  const clean: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' };
  for (const key of Object.keys(clean)) {
    if (
      /^(SEGMETRICS_|JOB_COMPLETION_INDEX|SLURM_ARRAY_|AWS_BATCH_|BATCH_TASK_|CLOUD_RUN_TASK_|SGE_TASK_|CI_NODE_|CIRCLE_NODE_|BUILDKITE_PARALLEL_)/.test(
        key,
      )
    ) {
      delete clean[key];
    }
  }
  return { ...clean, ...env };
}

/**
 * Runs the CLI in this process — `runCli(argv, context)` from `src/program.ts` with captured stdout and
 * stderr — and returns its exit code and output. Worker threads (`--workers N`) run the built
 * `dist/worker.js`.
 */
export async function run(args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
      },
    },
    env: baseEnv(env),
    exitCode: 0,
  };
  const code = await runProgram(args, context);
  return { code, stdout, stderr };
}

/** Runs the CLI in this process and parses its stdout as the JSON report; fails loudly unless the exit code is 0. */
export async function runJson(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const result = await run([...args, '--format', 'json'], env);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/**
 * A `merge` JSON report without the fact only a merge reports (`settings.mergedStates`): what remains
 * is the report one `eval` over all images prints.
 */
export function withoutMergeFacts(report: Record<string, unknown>): Record<string, unknown> {
  const { mergedStates: _states, ...settings } = report.settings as Record<string, unknown>;
  return { ...report, settings };
}

/**
 * Runs the built bin in a child process (exit codes, signals, real stdout): the smoke tests.
 * Asynchronous, so that the test worker's event loop (and vitest's RPC with it) keeps running while
 * the child works on a busy machine.
 */
export function spawnCli(
  args: readonly string[],
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<RunResult> {
  return runProcess(process.execPath, [CLI, ...args], { env: baseEnv(env), ...options });
}

/** Runs a command to completion without blocking the event loop; collects piped stdout and stderr. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The built bin in a child process, synchronously (for tests written before {@link run} and
 * {@link spawnCli}; prefer those: a synchronous spawn blocks the test worker while the child runs).
 */
export function runCli(args: readonly string[], env: Record<string, string> = {}): RunResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: baseEnv(env),
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like {@link spawnCli} but returning the child, so a test can act on the process while it runs. */
export function spawnCliAsync(args: readonly string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [CLI, ...args], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh folder under the OS temp dir. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `segmetrics-cli-${prefix}-`));
}

/** Encodes an 8-bit grayscale PNG label map. */
export function grayPng(width: number, height: number, data: readonly number[] | Uint8Array): Uint8Array {
  return encode({ width, height, data: Uint8Array.from(data), channels: 1, depth: 8 });
}

/** Reads a text file. */
export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A tiny dataset of `n` 2×2 pairs with 3 classes (`a`, `b`, ... as ids); returns the folders and the eval flags. */
export function tinyDataset(n = 2): { gt: string; pred: string; dir: string; args: string[] } {
  const dir = tempDir('tiny');
  mkdirSync(join(dir, 'gt'));
  mkdirSync(join(dir, 'pred'));
  for (let i = 0; i < n; i++) {
    const name = String.fromCharCode(97 + (i % 26)).repeat(1 + Math.floor(i / 26));
    writeFileSync(join(dir, 'gt', `${name}.png`), grayPng(2, 2, [0, 1, 2, (i % 3) as number]));
    writeFileSync(join(dir, 'pred', `${name}.png`), grayPng(2, 2, [0, 1, 1, 1]));
  }
  const gt = join(dir, 'gt');
  const pred = join(dir, 'pred');
  return { gt, pred, dir, args: ['--gt', gt, '--pred', pred, '--num-classes', '3'] };
}

/** The lines of stderr that start with `error:`. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('error:'));
}

/** A JSON value edited by a test (a state file). */
export type JsonRecord = Record<string, unknown>;

/** Sets `value` at a dotted path (`settings.report.beta`, `selection.shard.index`) of a parsed JSON object. */
export function setPath(target: JsonRecord, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] as JsonRecord;
  node[keys[keys.length - 1]!] = value;
}

/** A Node stack trace in the output. */
export const STACK_TRACE = /\n\s+at /;

/** The cityscapes_like parity fixture (12 pairs, 19 classes, ignore 255). */
export const CITYSCAPES_FIXTURE = join(parityFixtureRoot(), 'cityscapes_like');

/** `eval` arguments that describe {@link CITYSCAPES_FIXTURE}. */
export const CITYSCAPES_ARGS: readonly string[] = [
  '--gt',
  join(CITYSCAPES_FIXTURE, 'gt'),
  '--pred',
  join(CITYSCAPES_FIXTURE, 'pred'),
  '--num-classes',
  '19',
  '--ignore-index',
  '255',
];

/**
 * Writes a state file as segmetrics 0.1/0.2 wrote it, without per-image statistics (`--save-state` keeps
 * them since): counts `gt`/`pred` with `numClasses` classes and ignore label 255, stopping after
 * `stopAfter` images when given (an interrupted run).
 */
export async function saveStateWithoutPerImage(
  file: string,
  input: { gt: string; pred: string; numClasses: number; stopAfter?: number },
): Promise<void> {
  const settings = await resolveSettings({ numClasses: String(input.numClasses), ignoreIndex: ['255'] });
  expect(settings.matrixOptions.perImage).toBe(false);
  const { pairs } = await pairFiles({ gt: input.gt, pred: input.pred });
  await runEvaluation({
    settings,
    pairs,
    source: { gt: input.gt, pred: input.pred },
    workers: 1,
    shard: null,
    saveState: file,
    ...(input.stopAfter === undefined ? {} : { stopAfter: input.stopAfter }),
    stderr: { write: () => undefined },
    progress: false,
  });
}

/** Re-signs a state file after an edit, as a hand editor who knows the checksum recipe would. */
export function editState(file: string, edit: (state: JsonRecord) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as JsonRecord;
  edit(data);
  const { checksum: _old, ...unsigned } = data;
  const checksum = createHash('sha256').update(JSON.stringify(unsigned)).digest('hex');
  writeFileSync(file, JSON.stringify({ ...unsigned, checksum }));
}
