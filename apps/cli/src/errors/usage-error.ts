import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/**
 * Error codes that mean "the command line is wrong" (exit code 2, with the command's usage); every
 * other code is an evaluation failure (exit code 1). The one list the CLI consults, through
 * {@link isUsageError}.
 */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.INVALID_OPTION,
  ErrorCode.UNKNOWN_METRIC,
  ErrorCode.UNKNOWN_PRESET,
]);

/**
 * True for a `SegmetricsError` whose code is one of {@link USAGE_ERROR_CODES}, unless it was raised while
 * reading an input file: such an error names the file in `context.file` (every error about a label file
 * does, and no flag error does) and is about that file's content — e.g. a score array whose class axis
 * cannot be inferred is `INVALID_OPTION` from the decoder, asking for `--scores-layout` — so it is an
 * evaluation failure (exit code 1, as for any unreadable image), not a usage error.
 */
export function isUsageError(error: unknown): error is SegmetricsError {
  return (
    SegmetricsError.isInstance(error) &&
    USAGE_ERROR_CODES.has(error.code) &&
    typeof error.context.file !== 'string'
  );
}

/**
 * A command-line usage mistake (bad option value, conflicting options): a `SegmetricsError` with code
 * `INVALID_OPTION` naming the option, which the CLI reports with exit code 2 and the command's usage.
 */
export function usageError(option: string, message: string, value?: unknown): SegmetricsError {
  return new SegmetricsError(ErrorCode.INVALID_OPTION, `${option}: ${message}`, {
    context: { option, value },
  });
}
