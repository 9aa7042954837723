import { usageError } from '../errors/usage-error.js';
import { MAX_SHARD_COUNT } from './limits.js';
import { parseInteger } from './parse-values.js';

/**
 * One shard of a dataset, numbered like jest, vitest and playwright: `index` is 1-based, in
 * `1 … count`. State files (version 2) and the JSON report's `settings.shard` use the same numbers.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

const COUNT_RANGE = { min: 1, max: MAX_SHARD_COUNT, maxReason: 'the largest shard count' };

/**
 * Parses `--shard i/n` (1-based: `1/3`, `2/3`, `3/3`) or `--shard auto`. Returns `'auto'` for the latter
 * (see {@link resolveAutoShard}). Usage errors say what is wrong: the syntax, a count of 0 or above
 * 100,000, an index of 0 (shards are numbered from 1) or above the count.
 */
export function parseShard(text: string): Shard | 'auto' {
  const trimmed = text.trim();
  if (trimmed === 'auto') return 'auto';
  const match = /^(\S+)\/(\S+)$/.exec(trimmed);
  if (match === null) {
    throw usageError(
      '--shard',
      `expected i/n with 1 ≤ i ≤ n (e.g. 1/4 … 4/4) or auto, got ${JSON.stringify(text)}`,
      text,
    );
  }
  const count = parseInteger('--shard', match[2]!, COUNT_RANGE);
  const index = Number(match[1]);
  if (/^\d+$/.test(match[1]!) && index === 0) {
    throw usageError(
      '--shard',
      `shards are numbered from 1 (1/${count} … ${count}/${count}, as in jest and vitest), got ${trimmed}`,
      text,
    );
  }
  return {
    index: parseInteger('--shard', match[1]!, {
      min: 1,
      max: count,
      maxReason: `there are ${count} shards`,
    }),
    count,
  };
}

/** How an array-job system numbers its tasks, read by `--shard auto`. */
export interface ShardEnvironment {
  readonly system: string;
  /** Variable holding the task's index (or id). */
  readonly index: string;
  /** Number of the first task when it is fixed: 0 (Kubernetes, AWS Batch, ...) or 1 (GitLab, segmetrics). */
  readonly base?: 0 | 1;
  /** Variable holding the first task id when the array may start anywhere (Slurm, Grid Engine). */
  readonly first?: string;
  /** Variable holding the id step between tasks (Slurm `--array=0-15:4`, Grid Engine `-t 1-9:2`). */
  readonly step?: string;
  /** Variable holding the number of tasks, if the system exports it. */
  readonly count?: string;
  /** Variable holding the last task id (Grid Engine), from which the count follows. */
  readonly last?: string;
}

/** Array-job environments read by `--shard auto`, in this order (the first whose index is set wins). */
export const SHARD_ENVIRONMENTS: readonly ShardEnvironment[] = [
  { system: 'segmetrics', index: 'SEGMETRICS_SHARD_INDEX', base: 1, count: 'SEGMETRICS_SHARD_COUNT' },
  { system: 'Kubernetes indexed Job', index: 'JOB_COMPLETION_INDEX', base: 0 },
  {
    system: 'Slurm job array',
    index: 'SLURM_ARRAY_TASK_ID',
    first: 'SLURM_ARRAY_TASK_MIN',
    step: 'SLURM_ARRAY_TASK_STEP',
    count: 'SLURM_ARRAY_TASK_COUNT',
  },
  { system: 'AWS Batch array job', index: 'AWS_BATCH_JOB_ARRAY_INDEX', base: 0 },
  { system: 'Google Cloud Batch', index: 'BATCH_TASK_INDEX', base: 0, count: 'BATCH_TASK_COUNT' },
  { system: 'Cloud Run job', index: 'CLOUD_RUN_TASK_INDEX', base: 0, count: 'CLOUD_RUN_TASK_COUNT' },
  {
    system: 'Grid Engine array job',
    index: 'SGE_TASK_ID',
    first: 'SGE_TASK_FIRST',
    step: 'SGE_TASK_STEPSIZE',
    last: 'SGE_TASK_LAST',
  },
  { system: 'GitLab CI parallel job', index: 'CI_NODE_INDEX', base: 1, count: 'CI_NODE_TOTAL' },
  { system: 'CircleCI parallel job', index: 'CIRCLE_NODE_INDEX', base: 0, count: 'CIRCLE_NODE_TOTAL' },
  {
    system: 'Buildkite parallel job',
    index: 'BUILDKITE_PARALLEL_JOB',
    base: 0,
    count: 'BUILDKITE_PARALLEL_JOB_COUNT',
  },
];

type Env = Readonly<Record<string, string | undefined>>;

/** The value of `name`, or undefined when unset, empty, or Grid Engine's `undefined` (not an array job). */
function read(env: Env, name: string): string | undefined {
  if (!Object.hasOwn(env, name)) return undefined;
  const value = env[name]?.trim();
  return value === undefined || value === '' || value === 'undefined' ? undefined : value;
}

function envError(source: ShardEnvironment, problem: string, value?: string): never {
  throw usageError('--shard', `auto (${source.system}): ${problem}`, value);
}

/** A whole number from the environment, or a usage error naming the variable, its value and what was expected. */
function envNumber(source: ShardEnvironment, name: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
    envError(source, `${name}=${JSON.stringify(value)} is not a whole number ≥ ${min}`, value);
  }
  return Number(value);
}

function describeSource(source: ShardEnvironment): string {
  if (source.base !== undefined) return `${source.base}-based`;
  return `numbered from ${source.first}`;
}

/**
 * Resolves `--shard auto` from the environment of an array job: the first system in
 * {@link SHARD_ENVIRONMENTS} whose index variable is set gives the shard, mapped from the system's own
 * numbering to segmetrics' 1-based one (Kubernetes `JOB_COMPLETION_INDEX=0` is shard 1; Slurm task
 * `SLURM_ARRAY_TASK_ID` is counted from `SLURM_ARRAY_TASK_MIN` in steps of `SLURM_ARRAY_TASK_STEP`;
 * `SEGMETRICS_SHARD_INDEX` is 1-based like `--shard i/n`). The count comes from `shardCount`
 * (`--shard-count`) or the system's count variable; both given and different is an error. Every error
 * names the variable, its value and what was expected.
 */
export function resolveAutoShard(env: Env, shardCount: number | undefined): Shard & { system: string } {
  for (const source of SHARD_ENVIRONMENTS) {
    const rawIndex = read(env, source.index);
    if (rawIndex === undefined) continue;
    const id = envNumber(source, source.index, rawIndex, 0);
    let first: number = source.base ?? 0;
    if (source.first !== undefined) {
      const rawFirst = read(env, source.first);
      if (rawFirst === undefined) {
        envError(source, `${source.index}=${rawIndex} is set but ${source.first} is not`, rawIndex);
      }
      first = envNumber(source, source.first, rawFirst, 0);
    }
    const rawStep = source.step === undefined ? undefined : read(env, source.step);
    const step = rawStep === undefined ? 1 : envNumber(source, source.step!, rawStep, 1);
    if (id < first || (id - first) % step !== 0) {
      const expected =
        step === 1 ? `at least ${first}` : `${first} plus a multiple of ${source.step}=${step}`;
      envError(
        source,
        `${source.index}=${rawIndex} is not a task of the array (expected ${expected})`,
        rawIndex,
      );
    }
    const index = (id - first) / step + 1;

    let envCount: { value: number; text: string } | undefined;
    const rawCount = source.count === undefined ? undefined : read(env, source.count);
    if (rawCount !== undefined) {
      envCount = {
        value: envNumber(source, source.count!, rawCount, 1),
        text: `${source.count}=${rawCount}`,
      };
    } else if (source.last !== undefined) {
      const rawLast = read(env, source.last);
      if (rawLast !== undefined) {
        const last = envNumber(source, source.last, rawLast, first);
        envCount = { value: Math.floor((last - first) / step) + 1, text: `${source.last}=${rawLast}` };
      }
    }
    if (shardCount !== undefined && envCount !== undefined && shardCount !== envCount.value) {
      throw usageError(
        '--shard-count',
        `${shardCount} conflicts with ${envCount.text} (${source.system}, ${envCount.value} shards)`,
        shardCount,
      );
    }
    const count = shardCount ?? envCount?.value;
    if (count === undefined) {
      envError(
        source,
        `found ${source.index}=${rawIndex} but no shard count: pass --shard-count N (e.g. the Job's completions or the array size)`,
        rawIndex,
      );
    }
    if (count > MAX_SHARD_COUNT) {
      envError(source, `${count} shards is more than the limit of ${MAX_SHARD_COUNT}`, String(count));
    }
    if (index > count) {
      const numbering = describeSource(source);
      envError(
        source,
        `${source.index}=${rawIndex} (${numbering}) is shard ${index}, but there are only ${count} shards (${envCount?.text ?? `--shard-count ${count}`})`,
        rawIndex,
      );
    }
    return { index, count, system: source.system };
  }
  throw usageError(
    '--shard',
    `auto found no array-job index in the environment (looked for ${SHARD_ENVIRONMENTS.map((s) => s.index).join(', ')})`,
  );
}

/**
 * The contiguous block of `total` sorted items that a shard evaluates:
 * `[⌊(i − 1)·N/n⌋, ⌊i·N/n⌋)` for shard `i` of `n`. The blocks of shards 1 … n partition the items; in
 * shard order they are the full sorted list.
 */
export function shardRange(total: number, shard: Shard): { start: number; end: number } {
  return {
    start: Math.floor(((shard.index - 1) * total) / shard.count),
    end: Math.floor((shard.index * total) / shard.count),
  };
}

/**
 * Resolves `--shard` and `--shard-count` to a shard (null: no sharding). `--shard-count` goes with
 * `--shard auto` (or must equal n of `--shard i/n`).
 */
export function resolveShardFlags(
  shardFlag: string | undefined,
  shardCountFlag: string | undefined,
  env: Env,
): Shard | null {
  const count =
    shardCountFlag === undefined ? undefined : parseInteger('--shard-count', shardCountFlag, COUNT_RANGE);
  if (shardFlag === undefined) {
    if (shardCountFlag !== undefined) throw usageError('--shard-count', 'only valid with --shard auto');
    return null;
  }
  const parsed = parseShard(shardFlag);
  if (parsed !== 'auto') {
    if (count !== undefined && count !== parsed.count) {
      throw usageError(
        '--shard-count',
        `${count} conflicts with --shard ${shardFlag.trim()}`,
        shardCountFlag,
      );
    }
    return parsed;
  }
  const { index, count: n } = resolveAutoShard(env, count);
  return { index, count: n };
}

/** `2/3`: a shard as `--shard` takes it. */
export function formatShard(shard: Shard | null): string {
  return shard === null ? 'the whole dataset' : `shard ${shard.index}/${shard.count}`;
}
