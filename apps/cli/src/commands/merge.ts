import { resolve } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { ExitCode } from '../errors/exit-code.js';
import { addOutputOptions } from '../options/define-options.js';
import { type LoadedState, loadState } from '../pipeline/state-file.js';
import { emitReport, type OutputFlags } from '../report/emit-report.js';
import { reportImagesLimit } from '../report/report-flags.js';

/** Flags of `segmetrics merge`. */
export interface MergeFlags extends OutputFlags {
  debug?: boolean;
}

const EXAMPLES = `
Examples:
  $ segmetrics merge shard-0.json shard-1.json shard-2.json shard-3.json
  $ segmetrics merge states/*.json --format json -o report.json

The states must come from the same options (classes, ignore labels, mapping, metric conventions) and
must not overlap (no image counted twice). The report is the one a single run over all images prints.
A state file that is malformed, truncated or edited is refused (exit code 1, the file named).
`;

function canonical(value: unknown): string {
  return JSON.stringify(value);
}

/** Orders states as one run counts: by shard index, then by their first image id. */
function runOrder(a: LoadedState, b: LoadedState): number {
  const sa = a.state.selection.shard?.index ?? Number.POSITIVE_INFINITY;
  const sb = b.state.selection.shard?.index ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa - sb;
  const fa = a.matrix.sampleIds[0] ?? '';
  const fb = b.matrix.sampleIds[0] ?? '';
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** `segmetrics merge`: combines state files of shards (or partial runs) into one report. */
export function createMergeCommand(context: CliContext): Command {
  const command = new Command('merge')
    .summary('combine --save-state files of shards into one report')
    .description(
      'Combine state files written by `segmetrics eval --save-state` (e.g. one per shard) and print the ' +
        'report a single run over all their images would print.',
    )
    .argument('<states...>', 'state files written by eval --save-state');
  addOutputOptions(command, true, ['cityscapes']);
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], flags: MergeFlags) => {
    context.exitCode = await runMerge(files, flags, context);
  });
  return command;
}

/** Runs `merge`; returns the exit code. */
export async function runMerge(
  files: readonly string[],
  flags: MergeFlags,
  context: CliContext,
): Promise<number> {
  reportImagesLimit(flags);
  const seen = new Set<string>();
  for (const file of files) {
    const key = resolve(file);
    if (seen.has(key)) {
      throw new SegmetricsError(
        ErrorCode.DUPLICATE_SAMPLE,
        `${file}: given more than once; the states overlap`,
        {
          context: { file },
        },
      );
    }
    seen.add(key);
  }
  const loaded: LoadedState[] = [];
  for (const file of files) loaded.push(await loadState(file));
  const first = loaded[0]!;
  for (const other of loaded.slice(1)) {
    if (canonical(other.state.settings) !== canonical(first.state.settings)) {
      throw new SegmetricsError(
        ErrorCode.INCOMPATIBLE_SETTINGS,
        `${other.file}: was evaluated with different settings than ${first.file}`,
        { context: { file: other.file, otherFile: first.file } },
      );
    }
  }
  const ordered = [...loaded].sort(runOrder);
  const owner = new Map<string, string>();
  for (const state of ordered) {
    for (const id of state.matrix.sampleIds) {
      const previous = owner.get(id);
      if (previous !== undefined) {
        throw new SegmetricsError(
          ErrorCode.DUPLICATE_SAMPLE,
          `${state.file}: image "${id}" is also counted in ${previous}; the states overlap`,
          { context: { file: state.file, otherFile: previous, sampleId: id } },
        );
      }
      owner.set(id, state.file);
    }
  }
  const matrix = ordered[0]!.matrix;
  for (const state of ordered.slice(1)) {
    try {
      matrix.merge(state.matrix);
    } catch (error) {
      if (!SegmetricsError.isInstance(error)) throw error;
      throw new SegmetricsError(error.code, `${state.file}: ${error.message}`, {
        context: { ...error.context, file: state.file },
        cause: error,
      });
    }
  }
  if (flags.quiet !== true) warnAboutCoverage(ordered, context);
  await emitReport(matrix, first.state.settings, flags, context, { shard: null });
  return ExitCode.OK;
}

function warnAboutCoverage(states: readonly LoadedState[], context: CliContext): void {
  for (const s of states) {
    if (!s.state.complete) {
      context.stderr.write(
        `warning: ${s.file} is an interrupted run (${s.matrix.images} of ${s.state.selection.pairs} images); resume it for the full result\n`,
      );
    }
  }
  const shards = states.map((s) => s.state.selection.shard);
  if (shards.every((s) => s !== null)) {
    const count = shards[0]!.count;
    if (shards.every((s) => s!.count === count)) {
      const have = new Set(shards.map((s) => s!.index));
      const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
      if (missing.length > 0) {
        context.stderr.write(
          `warning: merged ${have.size} of ${count} shards; missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')}\n`,
        );
      }
    }
  }
}
