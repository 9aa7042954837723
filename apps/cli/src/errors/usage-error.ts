import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/**
 * A command-line usage mistake (bad option value, conflicting options): a `SegmetricsError` with code
 * `INVALID_OPTION` naming the option, which the CLI reports with exit code 2 and the command's usage.
 */
export function usageError(option: string, message: string, value?: unknown): SegmetricsError {
  return new SegmetricsError(ErrorCode.INVALID_OPTION, `${option}: ${message}`, {
    context: { option, value },
  });
}
