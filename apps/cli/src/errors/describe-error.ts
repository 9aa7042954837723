import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { ExitCode } from './exit-code.js';
import { isUsageError } from './usage-error.js';

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
  UNSUPPORTED_FORMAT:
    'supported: PNG label maps (gray or palette, 1 to 16-bit; 8-bit RGB/RGBA colour masks with --palette FILE or --dataset NAME) and .npy arrays',
  IMAGE_TOO_LARGE: 'the image exceeds the pixel limit',
  UNKNOWN_COLOR: 'colour-coded masks need a palette that holds every colour (e.g. --dataset voc)',
  PAIRING_FAILED:
    'check --gt-suffix/--pred-suffix or --gt-pattern/--pred-pattern, --match-by basename (a flat prediction folder beside nested ground truth), or --include',
  INCOMPATIBLE_SETTINGS: 'every shard must be evaluated with the same options',
  DUPLICATE_SAMPLE: 'the states overlap: an image is counted in more than one of them',
  INVALID_STATE: 'the state file is malformed, truncated or was modified; re-run that shard',
  IO_FAILED: 'check the path, the permissions and the free space',
  UNKNOWN_METRIC: 'run `segmetrics eval --help` for the metric ids',
  UNKNOWN_PRESET: 'run `segmetrics eval --help` for the presets',
};

/**
 * Context fields by which an `UNSUPPORTED_FORMAT` error names exactly what is unsupported (a `.npy`
 * dtype or shape, a PNG depth, colour type or interlacing): its message says it all, and the list of
 * supported formats would only suggest that the format as a whole is not read.
 */
const SPECIFIC_FORMAT_FIELDS = ['dtype', 'shape', 'header', 'bitDepth', 'colorType', 'interlaced'];

/** The hint of a typed error: its own (`context.hint`), else the one for its code, if any. */
function hintFor(error: SegmetricsError): string | undefined {
  if (typeof error.context.hint === 'string') return error.context.hint;
  if (
    error.code === ErrorCode.UNSUPPORTED_FORMAT &&
    SPECIFIC_FORMAT_FIELDS.some((field) => Object.hasOwn(error.context, field))
  ) {
    return undefined;
  }
  return Object.hasOwn(HINTS, error.code) ? HINTS[error.code] : undefined;
}

/**
 * The message of a typed error in the command's terms. A colour-coded mask read without a palette (the
 * library's `context.option: 'colorPalette'`) names the flags that give one; every other message is
 * kept as it is (it names the file, value and position).
 */
function messageFor(error: SegmetricsError): string {
  const { file, colorType, option } = error.context;
  if (option === 'colorPalette' && typeof file === 'string' && typeof colorType === 'string') {
    return `${file}: ${colorType.toUpperCase()} colour-coded mask: give --palette FILE (colour → class id) or --dataset NAME (e.g. voc, cityscapes) to read it by colour`;
  }
  return error.message;
}

/**
 * Maps any thrown value to the CLI's exit code and message, in one place. Typed `SegmetricsError`s
 * keep their message (which names the file, value and position; see {@link messageFor}) and may carry
 * their own hint (`context.hint`); usage errors ({@link isUsageError}: a usage code, not raised while
 * reading an input file) exit with 2, every other error with 1. Unexpected errors are reported as
 * internal errors, with the stack only under `--debug`.
 */
export function describeError(error: unknown): ErrorDescription {
  if (SegmetricsError.isInstance(error)) {
    const usage = isUsageError(error);
    return {
      exitCode: usage ? ExitCode.USAGE : ExitCode.FAILED,
      message: oneLine(messageFor(error)),
      hint: hintFor(error),
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
