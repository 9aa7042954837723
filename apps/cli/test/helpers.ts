import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { encode } from 'fast-png';

/** The built `segmetrics` bin (turbo builds before `test`). */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Output of one run of the built CLI. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` without colours; `env` adds variables. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): RunResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI and parses its stdout as the JSON report; fails loudly when the exit code is not 0. */
export function runJson(args: readonly string[], env: Record<string, string> = {}): Record<string, unknown> {
  const result = runCli([...args, '--format', 'json'], env);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
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
