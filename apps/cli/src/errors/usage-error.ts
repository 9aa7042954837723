import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/**
 * Error codes that mean "the command line is wrong" (exit code 2, with the command's usage); every
 * other code is an evaluation failure (exit code 1). The one list the CLI consults.
 */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.INVALID_OPTION,
  ErrorCode.UNKNOWN_METRIC,
  ErrorCode.UNKNOWN_PRESET,
]);

/** True for a `SegmetricsError` whose code is one of {@link USAGE_ERROR_CODES}. */
export function isUsageError(error: unknown): error is SegmetricsError {
  return SegmetricsError.isInstance(error) && USAGE_ERROR_CODES.has(error.code);
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
