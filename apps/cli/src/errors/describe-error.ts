import { type ErrorCode, SegmetricsError } from '@segmetrics/core';
import { ExitCode } from './exit-code.js';
import { USAGE_ERROR_CODES } from './usage-error.js';

/** What the CLI prints and returns for an error. */
export interface ErrorDescription {
  /** Exit code: 2 for usage mistakes, 1 for everything else. */
  exitCode: ExitCode;
  /** One line naming the file or option and the problem. */
  message: string;
  /** An optional suggestion printed on a second line. */
  hint: string | undefined;
  /** True when the caller should print the command's usage (usage errors). */
  usage: boolean;
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  SHAPE_MISMATCH: 'prediction and ground truth must have the same width and height',
  LABEL_OUT_OF_RANGE:
    'check --num-classes, --ignore-index, --reduce-zero-label and --label-map (labels are compared after mapping)',
  LABEL_NOT_INTEGER: 'label maps must hold integer class ids',
  DECODE_FAILED: 'the file is not a readable label map (PNG or .npy)',
  UNSUPPORTED_FORMAT: 'supported: PNG (8/16-bit gray, palette) and .npy label maps',
  IMAGE_TOO_LARGE: 'the image exceeds the pixel limit',
  UNKNOWN_COLOR: 'colour-coded masks need a palette that holds every colour (e.g. --dataset voc)',
  PAIRING_FAILED: 'check --gt-suffix/--pred-suffix or --gt-pattern/--pred-pattern, or --include',
  INCOMPATIBLE_SETTINGS: 'every shard must be evaluated with the same options',
  DUPLICATE_SAMPLE: 'the states overlap: an image is counted in more than one of them',
  INVALID_STATE: 'the state file is malformed, truncated or was modified; re-run that shard',
  IO_FAILED: 'check the path, the permissions and the free space',
  UNKNOWN_METRIC: 'run `segmetrics eval --help` for the metric ids',
  UNKNOWN_PRESET: 'run `segmetrics eval --help` for the presets',
};

/**
 * Maps any thrown value to the CLI's exit code and message, in one place. Typed `SegmetricsError`s
 * keep their message (which names the file, value and position) and may carry their own hint
 * (`context.hint`); usage codes ({@link USAGE_ERROR_CODES}) exit with 2, every other error with 1. Unexpected errors are
 * reported as internal errors, with the stack only under `--debug`.
 */
export function describeError(error: unknown): ErrorDescription {
  if (SegmetricsError.isInstance(error)) {
    const usage = USAGE_ERROR_CODES.has(error.code);
    const hint = typeof error.context.hint === 'string' ? error.context.hint : undefined;
    return {
      exitCode: usage ? ExitCode.USAGE : ExitCode.FAILED,
      message: oneLine(error.message),
      hint: hint ?? (Object.hasOwn(HINTS, error.code) ? HINTS[error.code] : undefined),
      usage,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: ExitCode.FAILED,
    message: `unexpected error: ${oneLine(message)}`,
    hint: 'run again with --debug for the stack trace, and please report it',
    usage: false,
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
