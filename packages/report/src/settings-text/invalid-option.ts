import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/**
 * A setting's value is wrong: a `SegmetricsError` with code `INVALID_OPTION` whose message starts with
 * the setting's name as the tool calls it (a CLI flag such as `--classes`, a page's field label), with
 * `context.option` and `context.value`. The CLI reports it as a usage error (exit code 2).
 */
export function invalidOption(option: string, message: string, value?: unknown): SegmetricsError {
  return new SegmetricsError(ErrorCode.INVALID_OPTION, `${option}: ${message}`, {
    context: { option, value },
  });
}
