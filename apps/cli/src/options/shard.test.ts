import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { parseShard, resolveAutoShard, resolveShardFlags, shardRange } from './shard.js';

function failure(fn: () => unknown): { code: string; message: string } | undefined {
  try {
    fn();
  } catch (error) {
    return SegmetricsError.isInstance(error)
      ? { code: error.code, message: error.message }
      : { code: 'other', message: String(error) };
  }
  return undefined;
}

describe('parseShard', () => {
  it('parses a 1-based i/n, as jest, vitest and playwright number shards, and auto', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(parseShard('4/4')).toEqual({ index: 4, count: 4 });
    expect(parseShard(' 2/3 ')).toEqual({ index: 2, count: 3 });
    expect(parseShard('auto')).toBe('auto');
  });

  it('says that shards are numbered from 1 when given a 0-based index', () => {
    const error = failure(() => parseShard('0/4'));
    expect(error?.code).toBe('INVALID_OPTION');
    expect(error?.message).toContain('numbered from 1');
  });

  it('rejects an index above the count, a zero or huge count and other text', () => {
    for (const text of ['5/4', '1/0', '-1/2', 'half', '1/2/3', '1e0/2', '0x1/2', '1/100001', '']) {
      expect(failure(() => parseShard(text))?.code, text).toBe('INVALID_OPTION');
    }
    expect(failure(() => parseShard('5/4'))?.message).toContain('4 shards');
  });
});

describe('shardRange', () => {
  it('partitions the items into contiguous blocks, shard 1 first, that cover them exactly once', () => {
    for (const total of [0, 1, 7, 12, 100]) {
      for (const count of [1, 2, 3, 5, 13]) {
        let next = 0;
        for (let index = 1; index <= count; index++) {
          const { start, end } = shardRange(total, { index, count });
          expect(start).toBe(next);
          expect(end).toBeGreaterThanOrEqual(start);
          next = end;
        }
        expect(next).toBe(total);
      }
    }
    expect(shardRange(12, { index: 1, count: 2 })).toEqual({ start: 0, end: 6 });
  });
});

describe('resolveAutoShard', () => {
  it("maps Kubernetes' 0-based JOB_COMPLETION_INDEX to shard index + 1, counted by --shard-count", () => {
    expect(resolveAutoShard({ JOB_COMPLETION_INDEX: '0' }, 4)).toMatchObject({ index: 1, count: 4 });
    expect(resolveAutoShard({ JOB_COMPLETION_INDEX: '3' }, 4)).toMatchObject({ index: 4, count: 4 });
  });

  it('maps AWS Batch, Google Cloud Batch, Cloud Run, CircleCI and Buildkite (0-based) the same way', () => {
    expect(resolveAutoShard({ AWS_BATCH_JOB_ARRAY_INDEX: '2' }, 3)).toMatchObject({ index: 3, count: 3 });
    expect(resolveAutoShard({ BATCH_TASK_INDEX: '0', BATCH_TASK_COUNT: '2' }, undefined)).toMatchObject({
      index: 1,
      count: 2,
    });
    expect(
      resolveAutoShard({ CLOUD_RUN_TASK_INDEX: '1', CLOUD_RUN_TASK_COUNT: '2' }, undefined),
    ).toMatchObject({ index: 2, count: 2 });
    expect(resolveAutoShard({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '2' }, undefined)).toMatchObject({
      index: 1,
      count: 2,
    });
    expect(
      resolveAutoShard({ BUILDKITE_PARALLEL_JOB: '4', BUILDKITE_PARALLEL_JOB_COUNT: '5' }, undefined),
    ).toMatchObject({ index: 5, count: 5 });
  });

  it('reads 1-based SEGMETRICS_SHARD_INDEX and GitLab CI_NODE_INDEX as they are', () => {
    expect(
      resolveAutoShard({ SEGMETRICS_SHARD_INDEX: '1', SEGMETRICS_SHARD_COUNT: '3' }, undefined),
    ).toMatchObject({ index: 1, count: 3, system: 'segmetrics' });
    expect(resolveAutoShard({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' }, undefined)).toMatchObject({
      index: 2,
      count: 2,
    });
    const zero = failure(() => resolveAutoShard({ SEGMETRICS_SHARD_INDEX: '0' }, 3));
    expect(zero?.message).toContain('SEGMETRICS_SHARD_INDEX=0');
  });

  it('reads Slurm arrays relative to SLURM_ARRAY_TASK_MIN, in steps of SLURM_ARRAY_TASK_STEP', () => {
    const env = { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' };
    expect(resolveAutoShard(env, undefined)).toMatchObject({ index: 5, count: 8, system: 'Slurm job array' });
    const zeroBased = { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' };
    expect(resolveAutoShard(zeroBased, undefined)).toMatchObject({ index: 1, count: 4 });
    const stepped = {
      SLURM_ARRAY_TASK_ID: '12',
      SLURM_ARRAY_TASK_MIN: '0',
      SLURM_ARRAY_TASK_STEP: '4',
      SLURM_ARRAY_TASK_COUNT: '4',
    };
    expect(resolveAutoShard(stepped, undefined)).toMatchObject({ index: 4, count: 4 });
    const offStep = failure(() => resolveAutoShard({ ...stepped, SLURM_ARRAY_TASK_ID: '5' }, undefined));
    expect(offStep?.message).toContain('SLURM_ARRAY_TASK_ID=5');
    const noMin = failure(() => resolveAutoShard({ SLURM_ARRAY_TASK_ID: '5' }, 8));
    expect(noMin?.message).toContain('SLURM_ARRAY_TASK_MIN');
  });

  it('reads Grid Engine arrays from SGE_TASK_FIRST to SGE_TASK_LAST and ignores SGE_TASK_ID=undefined', () => {
    const env = { SGE_TASK_ID: '3', SGE_TASK_FIRST: '1', SGE_TASK_LAST: '9', SGE_TASK_STEPSIZE: '2' };
    expect(resolveAutoShard(env, undefined)).toMatchObject({ index: 2, count: 5 });
    expect(failure(() => resolveAutoShard({ SGE_TASK_ID: 'undefined' }, 2))?.message).toContain(
      'no array-job index',
    );
  });

  it('asks for --shard-count, naming the variable, when the system does not export the count', () => {
    const error = failure(() => resolveAutoShard({ JOB_COMPLETION_INDEX: '2' }, undefined));
    expect(error?.code).toBe('INVALID_OPTION');
    expect(error?.message).toContain('JOB_COMPLETION_INDEX=2');
    expect(error?.message).toContain('--shard-count');
  });

  it('names the variable, its value and what was expected when the index is wrong', () => {
    const outside = failure(() => resolveAutoShard({ JOB_COMPLETION_INDEX: '4' }, 4));
    expect(outside?.message).toContain('JOB_COMPLETION_INDEX=4');
    expect(outside?.message).toContain('shard 5');
    expect(outside?.message).toContain('4 shards');
    const text = failure(() => resolveAutoShard({ JOB_COMPLETION_INDEX: 'two' }, 4));
    expect(text?.message).toContain('JOB_COMPLETION_INDEX="two"');
    expect(text?.message).toContain('whole number');
    const badCount = failure(() =>
      resolveAutoShard({ BATCH_TASK_INDEX: '0', BATCH_TASK_COUNT: '-2' }, undefined),
    );
    expect(badCount?.message).toContain('BATCH_TASK_COUNT="-2"');
    expect(failure(() => resolveAutoShard({}, 4))?.message).toContain('JOB_COMPLETION_INDEX');
  });

  it('refuses a --shard-count that contradicts the count in the environment', () => {
    const error = failure(() => resolveAutoShard({ BATCH_TASK_INDEX: '0', BATCH_TASK_COUNT: '3' }, 4));
    expect(error?.message).toContain('BATCH_TASK_COUNT=3');
  });

  it('looks up only own variables of the environment object', () => {
    const env = Object.create({ JOB_COMPLETION_INDEX: '1' }) as Record<string, string>;
    expect(failure(() => resolveAutoShard(env, 2))?.message).toContain('no array-job index');
  });
});

describe('resolveShardFlags', () => {
  it('returns null without --shard and refuses --shard-count alone or in contradiction', () => {
    expect(resolveShardFlags(undefined, undefined, {})).toBeNull();
    expect(failure(() => resolveShardFlags(undefined, '3', {}))?.code).toBe('INVALID_OPTION');
    expect(failure(() => resolveShardFlags('1/3', '4', {}))?.code).toBe('INVALID_OPTION');
    expect(resolveShardFlags('1/3', '3', {})).toEqual({ index: 1, count: 3 });
    expect(failure(() => resolveShardFlags('auto', '1e3', { JOB_COMPLETION_INDEX: '0' }))?.code).toBe(
      'INVALID_OPTION',
    );
  });

  it('resolves auto from the environment', () => {
    expect(resolveShardFlags('auto', '3', { JOB_COMPLETION_INDEX: '1' })).toEqual({ index: 2, count: 3 });
  });
});
