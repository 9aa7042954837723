import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addConfidenceOptions, addOutputOptions } from '../options/define-options.js';
import type { OutputFlags } from '../pipeline/write-run-outputs.js';

/** Flags of `segmetrics merge`. */
export interface MergeFlags extends OutputFlags {
  allowPartial?: boolean;
  debug?: boolean;
}

const EXAMPLES = `
Examples:
  $ segmetrics merge shard-1.json shard-2.json shard-3.json shard-4.json
  $ segmetrics merge states/*.json --format json -o report.json
  $ segmetrics merge shard-1.json shard-2.json --allow-partial    a report of the shards that finished
  $ segmetrics merge states/*.json --ci 0.95                   with bootstrap confidence intervals

The states must come from the same options (classes, ignore labels, mapping, metric conventions) and
must not overlap (no image counted twice). The report is the one a single run over all images prints,
and says that it merges N states (settings.mergedStates).
A state file that is malformed, truncated or edited is refused (exit code 1, the file named), and so
is a set of shard states with shards missing or a run interrupted, unless --allow-partial (the report
then says "partial" and lists what is missing).
`;

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
  addConfidenceOptions(command);
  command.option(
    '--allow-partial',
    'report even when shards are missing or a run was interrupted (the report says "partial")',
  );
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], flags: MergeFlags) => {
    // Loaded when the command runs: help and version never load the metrics or the report.
    const { runMerge } = await import('./run-merge.js');
    context.exitCode = await runMerge(files, flags, context);
  });
  return command;
}
