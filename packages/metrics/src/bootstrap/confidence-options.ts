import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/** How a bootstrap runs (see docs/statistics.md). */
export interface ConfidenceOptions {
  /** Central coverage of each interval, in (0, 1). Default 0.95. */
  level?: number;
  /** Number of bootstrap resamples (and of permutations in a comparison), an integer in [1, 100000]. Default 1000. */
  samples?: number;
  /** Seed of the generator, an integer in [0, 2^53). Default 0. */
  seed?: number;
}

/** {@link ConfidenceOptions} with every default applied. */
export interface ResolvedConfidenceOptions {
  readonly level: number;
  readonly samples: number;
  readonly seed: number;
}

/** The largest `samples`: the resampled values take samples × (summaries + classes) × 8 bytes. */
export const MAX_BOOTSTRAP_SAMPLES = 100_000;

function invalid(option: string, value: unknown, message: string): never {
  throw new SegmetricsError(ErrorCode.INVALID_OPTION, message, { context: { option, value } });
}

/** Validates and completes {@link ConfidenceOptions}; INVALID_OPTION naming the option otherwise. */
export function resolveConfidenceOptions(options: ConfidenceOptions = {}): ResolvedConfidenceOptions {
  if (typeof options !== 'object' || options === null) {
    invalid('confidence', options, `confidence options must be an object, got ${String(options)}`);
  }
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    invalid(
      'level',
      level,
      `level must be a number strictly between 0 and 1 (e.g. 0.95), got ${String(level)}`,
    );
  }
  const samples = options.samples ?? 1000;
  if (!Number.isSafeInteger(samples) || samples < 1 || samples > MAX_BOOTSTRAP_SAMPLES) {
    invalid(
      'samples',
      samples,
      `samples must be an integer in [1, ${MAX_BOOTSTRAP_SAMPLES}], got ${String(samples)}`,
    );
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    invalid('seed', seed, `seed must be an integer in [0, 2^53), got ${String(seed)}`);
  }
  return { level, samples, seed };
}
