import type { OutputStream } from './util/terminal.js';

/** The process facts a command runs with (streams and environment), injectable for tests. */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Set by a command's action; 0 when it succeeded. */
  exitCode: number;
}
