import { usageError } from '../errors/usage-error.js';

/** One shard of a dataset: `index` in [0, count). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `--shard i/n` (0-based index `i`, `0 <= i < n`) or `--shard auto`. Returns `'auto'` for the
 * latter; see {@link resolveAutoShard}.
 */
export function parseShard(text: string): Shard | 'auto' {
  const trimmed = text.trim();
  if (trimmed === 'auto') return 'auto';
  const match = /^(\d+)\/(\d+)$/.exec(trimmed);
  if (match === null) throw usageError('--shard', `expected i/n (e.g. 0/4) or auto, got "${text}"`, text);
  return checkShard(Number(match[1]), Number(match[2]), `--shard ${text}`);
}

function checkShard(index: number, count: number, source: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw usageError('--shard', `the shard count must be at least 1 (${source})`, source);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw usageError(
      '--shard',
      `the shard index is 0-based and must be in [0, ${count - 1}] (${source})`,
      source,
    );
  }
  return { index, count };
}

/** Environment variables of array jobs, read by `--shard auto` in this order. */
export const SHARD_ENVIRONMENTS: readonly {
  readonly system: string;
  readonly index: string;
  readonly count?: string;
  /** Variable holding the first index of the array when it is not 0 (Slurm). */
  readonly min?: string;
}[] = [
  { system: 'segmetrics', index: 'SEGMETRICS_SHARD_INDEX', count: 'SEGMETRICS_SHARD_COUNT' },
  { system: 'Kubernetes indexed Job', index: 'JOB_COMPLETION_INDEX' },
  {
    system: 'Slurm job array',
    index: 'SLURM_ARRAY_TASK_ID',
    count: 'SLURM_ARRAY_TASK_COUNT',
    min: 'SLURM_ARRAY_TASK_MIN',
  },
  { system: 'AWS Batch array job', index: 'AWS_BATCH_JOB_ARRAY_INDEX' },
  { system: 'Google Cloud Batch', index: 'BATCH_TASK_INDEX', count: 'BATCH_TASK_COUNT' },
  { system: 'Cloud Run job', index: 'CLOUD_RUN_TASK_INDEX', count: 'CLOUD_RUN_TASK_COUNT' },
];

/**
 * Resolves `--shard auto` from the environment of an array job: the first system in
 * {@link SHARD_ENVIRONMENTS} whose index variable is set gives the index; the count comes from
 * `shardCount` (`--shard-count`) when given, else from the system's count variable. Kubernetes and
 * AWS Batch do not export the count: pass `--shard-count` (the Job's `completions`).
 */
export function resolveAutoShard(
  env: Readonly<Record<string, string | undefined>>,
  shardCount: number | undefined,
): Shard & { system: string } {
  for (const source of SHARD_ENVIRONMENTS) {
    const rawIndex = env[source.index];
    if (rawIndex === undefined || rawIndex.trim() === '') continue;
    if (!/^\d+$/.test(rawIndex.trim())) {
      throw usageError('--shard', `${source.index}="${rawIndex}" is not a non-negative integer`, rawIndex);
    }
    const min = source.min === undefined ? 0 : Number(env[source.min] ?? 0) || 0;
    const index = Number(rawIndex) - min;
    const rawCount = source.count === undefined ? undefined : env[source.count];
    const count =
      shardCount ?? (rawCount !== undefined && /^\d+$/.test(rawCount.trim()) ? Number(rawCount) : undefined);
    if (count === undefined) {
      throw usageError(
        '--shard',
        `--shard auto found ${source.index}=${rawIndex} (${source.system}) but no shard count: pass --shard-count N`,
      );
    }
    return {
      ...checkShard(index, count, `${source.index}=${rawIndex}, count ${count}`),
      system: source.system,
    };
  }
  throw usageError(
    '--shard',
    `--shard auto found no array-job index in the environment (${SHARD_ENVIRONMENTS.map((s) => s.index).join(', ')})`,
  );
}

/**
 * The contiguous block of `total` sorted items that a shard evaluates: `[floor(i·N/n), floor((i+1)·N/n))`.
 * Blocks of all shards partition the items; concatenated in shard order they are the full sorted list.
 */
export function shardRange(total: number, shard: Shard): { start: number; end: number } {
  return {
    start: Math.floor((shard.index * total) / shard.count),
    end: Math.floor(((shard.index + 1) * total) / shard.count),
  };
}

/**
 * Resolves `--shard` and `--shard-count` to a shard (null: no sharding). `--shard-count` is only
 * meaningful with `--shard auto`.
 */
export function resolveShardFlags(
  shardFlag: string | undefined,
  shardCountFlag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Shard | null {
  const count = shardCountFlag === undefined ? undefined : Number(shardCountFlag);
  if (
    shardCountFlag !== undefined &&
    (!/^\d+$/.test(shardCountFlag.trim()) || count === undefined || count < 1)
  ) {
    throw usageError('--shard-count', `expected an integer >= 1, got "${shardCountFlag}"`, shardCountFlag);
  }
  if (shardFlag === undefined) {
    if (shardCountFlag !== undefined) throw usageError('--shard-count', 'only valid with --shard auto');
    return null;
  }
  const parsed = parseShard(shardFlag);
  if (parsed !== 'auto') {
    if (shardCountFlag !== undefined && count !== parsed.count) {
      throw usageError('--shard-count', `conflicts with --shard ${shardFlag}`);
    }
    return parsed;
  }
  const { index, count: n } = resolveAutoShard(env, count);
  return { index, count: n };
}
