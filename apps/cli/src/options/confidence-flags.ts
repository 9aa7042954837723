import { MAX_BOOTSTRAP_SAMPLES } from '@segmetrics/metrics';
import { usageError } from '../errors/usage-error.js';
import { parseInteger } from './parse-values.js';

/** Raw commander values of `--ci [LEVEL]`, `--bootstrap N` and `--seed S`. */
export interface ConfidenceFlags {
  /** `true` for a bare `--ci`, the text of `--ci LEVEL`, absent without it. */
  ci?: string | boolean;
  bootstrap?: string;
  seed?: string;
}

/** The bootstrap a run asked for (`@segmetrics/metrics`' `ConfidenceOptions`, every default applied). */
export interface ConfidenceRequest {
  readonly level: number;
  readonly samples: number;
  readonly seed: number;
}

/** Defaults of the flags (the metrics package's defaults). */
export const DEFAULT_CONFIDENCE: ConfidenceRequest = { level: 0.95, samples: 1000, seed: 0 };

const LOOKS_LIKE_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function parseLevel(text: string): number {
  if (!LOOKS_LIKE_NUMBER.test(text)) {
    throw usageError(
      '--ci',
      `expected a confidence level strictly between 0 and 1 such as 0.95, got ${JSON.stringify(text)} (a bare --ci before a file name takes it as the level: write --ci 0.95, or put --ci last)`,
      text,
    );
  }
  const value = Number(text.trim());
  if (!(value > 0 && value < 1)) {
    const percent = value > 1 && value < 100 ? ` (a fraction: ${value}% is --ci ${value / 100})` : '';
    throw usageError(
      '--ci',
      `expected a confidence level strictly between 0 and 1 such as 0.95, got ${text.trim()}${percent}`,
      text,
    );
  }
  return value;
}

/**
 * Reads the bootstrap flags. `--ci [LEVEL]` turns confidence intervals on (LEVEL default 0.95);
 * `--bootstrap N` (resamples, default 1000, at most 100000) and `--seed S` (default 0) imply `--ci`.
 * Returns `null` when none is given, unless `always` (the `compare` command, which always bootstraps).
 * Bad values are usage errors naming the flag and the value.
 */
export function resolveConfidenceFlags(flags: ConfidenceFlags, always = false): ConfidenceRequest | null {
  const given = flags.ci !== undefined || flags.bootstrap !== undefined || flags.seed !== undefined;
  if (!given && !always) return null;
  const level = typeof flags.ci === 'string' ? parseLevel(flags.ci) : DEFAULT_CONFIDENCE.level;
  const samples =
    flags.bootstrap === undefined
      ? DEFAULT_CONFIDENCE.samples
      : parseInteger('--bootstrap', flags.bootstrap, {
          min: 1,
          max: MAX_BOOTSTRAP_SAMPLES,
          maxReason: 'the largest number of resamples',
        });
  const seed =
    flags.seed === undefined
      ? DEFAULT_CONFIDENCE.seed
      : parseInteger('--seed', flags.seed, {
          min: 0,
          max: Number.MAX_SAFE_INTEGER,
          maxReason: '2^53 − 1',
        });
  return { level, samples, seed };
}
