import { Command, CommanderError } from 'commander';
import { commandFactories } from './commands/index.js';
import type { CliContext } from './context.js';
import { ExitCode } from './errors/exit-code.js';
import { rejectRepeatedOptions } from './options/repeated-options.js';
import { shouldColor } from './util/terminal.js';
import { VERSION } from './version.js';

const ROOT_HELP = `
Examples:
  $ segmetrics demo                                        evaluate a generated Cityscapes-like sample
  $ segmetrics eval --gt gt/ --pred pred/ --num-classes 19 --ignore-index 255
  $ segmetrics eval --gt gt/ --pred pred/ --dataset ade20k --format json -o report.json
  $ segmetrics merge shard-*.json

Run \`segmetrics <command> --help\` for a command's options.

Conventions: confusion-matrix rows are ground truth; counts are summed over the dataset unless
--aggregate image; a class absent from ground truth and prediction (0/0) is NaN, shown as "—" and
null in JSON, and left out of means unless --absent says otherwise.
Exit codes: 0 success · 1 evaluation failed · 2 usage error · 130/143 interrupted.
Colours only on a terminal; NO_COLOR=1 or --no-color turns them off.
`;

/** Builds the `segmetrics` program with every sub-command registered. */
export function createProgram(context: CliContext): Command {
  const program = new Command('segmetrics')
    .description(
      'Evaluate semantic-segmentation predictions against ground truth: exact confusion matrices, ' +
        'mIoU and friends with explicit conventions, parity presets for mmseg, torchmetrics, sklearn, Keras.',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .helpCommand(true)
    .showSuggestionAfterError(true)
    .addHelpText('after', ROOT_HELP);
  for (const factory of commandFactories) program.addCommand(factory(context));
  const output = {
    writeOut: (text: string) => context.stdout.write(text),
    writeErr: (text: string) => context.stderr.write(text),
  };
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(output);
    rejectRepeatedOptions(command);
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  return program;
}

function findCommand(program: Command, argv: readonly string[]): Command {
  const name = argv.find((a) => !a.startsWith('-'));
  return program.commands.find((c) => c.name() === name) ?? program;
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and returns the exit code: parses the
 * arguments, runs the command, and maps every error through {@link describeError} — one line naming
 * the file or option, an optional hint, the command's usage for usage errors (exit 2), the stack only
 * with `--debug`.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const program = createProgram(context);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    const command = findCommand(program, argv);
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.OK;
      // `segmetrics` without a command: the help went to stderr; a usage error.
      if (error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
      // commander already printed "error: ..." to stderr.
      if (error.code === 'commander.executeSubCommandAsync') return ExitCode.FAILED;
      context.stderr.write(
        `${command.name() === 'segmetrics' ? '' : `usage: segmetrics ${command.name()} ${command.usage()}\n`}run \`segmetrics ${command === program ? '' : `${command.name()} `}--help\` for the options\n`,
      );
      return ExitCode.USAGE;
    }
    // Loaded on failure only (it loads @segmetrics/core): help and version stay light.
    const { describeError } = await import('./errors/describe-error.js');
    const described = describeError(error);
    const color = shouldColor(context.stderr, context.env, !argv.includes('--no-color'));
    const red = (s: string) => (color ? `\x1b[31m${s}\x1b[39m` : s);
    context.stderr.write(`${red('error:')} ${described.message}\n`);
    if (described.hint !== undefined) context.stderr.write(`  hint: ${described.hint}\n`);
    if (described.usage) {
      context.stderr.write(
        `usage: segmetrics ${command === program ? '<command>' : `${command.name()} ${command.usage()}`}\n` +
          `run \`segmetrics ${command === program ? '' : `${command.name()} `}--help\` for the options\n`,
      );
    }
    if (debug && error instanceof Error && error.stack !== undefined)
      context.stderr.write(`${error.stack}\n`);
    return described.exitCode;
  }
}
