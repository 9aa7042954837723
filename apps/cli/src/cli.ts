#!/usr/bin/env node
import { runCli } from './program.js';

// The `segmetrics` bin: runs the program on the process's arguments and exits with its code.

// `segmetrics eval ... | head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const context = { stdout: process.stdout, stderr: process.stderr, env: process.env, exitCode: 0 };
runCli(process.argv.slice(2), context).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`segmetrics: unexpected error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
