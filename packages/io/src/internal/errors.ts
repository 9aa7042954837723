import { type ErrorCode, SegmetricsError } from '@segmetrics/core';

/** Builds a SegmetricsError whose message names the file (when known) and whose context holds it. */
export function ioError(
  code: ErrorCode,
  file: string | undefined,
  message: string,
  context: Record<string, unknown> = {},
  cause?: unknown,
): SegmetricsError {
  const where = file === undefined ? '' : `${file}: `;
  return new SegmetricsError(code, `${where}${message}`, {
    context: { file: file ?? null, ...context },
    cause,
  });
}

/** Rethrows SegmetricsErrors unchanged and wraps anything else as `code`. */
export function wrapError(
  error: unknown,
  code: ErrorCode,
  file: string | undefined,
  message: string,
  context: Record<string, unknown> = {},
): SegmetricsError {
  if (SegmetricsError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return ioError(code, file, `${message}: ${detail}`, context, error);
}
