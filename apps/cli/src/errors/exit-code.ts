/** Exit codes of the `segmetrics` command (documented in the README and `segmetrics --help`). */
export const ExitCode = {
  /** The command succeeded. */
  OK: 0,
  /** The evaluation failed: unreadable image, size mismatch, label out of range, missing files, bad state. */
  FAILED: 1,
  /** Usage error: unknown option, bad option value, missing required option. */
  USAGE: 2,
  /** Interrupted by SIGINT (Ctrl-C); any `--save-state` file holds a valid state. */
  SIGINT: 130,
  /** Terminated by SIGTERM; any `--save-state` file holds a valid state. */
  SIGTERM: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
