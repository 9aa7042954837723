#!/usr/bin/env node
import { reportedStreamErrors } from './util/reported-stream-errors.js';
import { VERSION } from './version.js';

// The `segmetrics` bin: runs the program on the process's arguments and exits with its code.

let outputFailed = false;
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // `segmetrics eval ... | head`: a closed pipe is not an error; the run finishes its files quietly.
    if (error.code === 'EPIPE') return;
    outputFailed = true;
    process.exitCode = 1;
    // Already reported as `error: cannot write to stdout: ...` by the command itself.
    if (reportedStreamErrors.has(error)) return;
    if (name === 'stdout') process.stderr.write(`error: cannot write to stdout: ${error.message}\n`);
  });
}
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // What commander prints for it, without loading commander (a quarter of a bare start-up).
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import('./program.js');
  const context = { stdout: process.stdout, stderr: process.stderr, env: process.env, exitCode: 0 };
  await runCli(argv, context).then(
    (code) => {
      process.exitCode = outputFailed && code === 0 ? 1 : code;
    },
    (error: unknown) => {
      process.stderr.write(`error: unexpected error: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
