import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { parseShard, resolveAutoShard, resolveShardFlags, shardRange } from './shard.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return SegmetricsError.isInstance(error) ? error.code : 'other';
  }
  return undefined;
}

describe('parseShard', () => {
  it('parses a 0-based i/n and auto', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(parseShard('auto')).toBe('auto');
  });

  it('rejects an index outside [0, n), a zero count and other text', () => {
    for (const text of ['4/4', '1/0', '-1/2', 'half', '1/2/3'])
      expect(code(() => parseShard(text))).toBe('INVALID_OPTION');
  });
});

describe('shardRange', () => {
  it('partitions the items into contiguous blocks that cover them exactly once', () => {
    for (const total of [0, 1, 7, 12, 100]) {
      for (const count of [1, 2, 3, 5, 13]) {
        let next = 0;
        for (let index = 0; index < count; index++) {
          const { start, end } = shardRange(total, { index, count });
          expect(start).toBe(next);
          expect(end).toBeGreaterThanOrEqual(start);
          next = end;
        }
        expect(next).toBe(total);
      }
    }
  });
});

describe('resolveAutoShard', () => {
  it('reads a Kubernetes indexed Job index with the count from --shard-count', () => {
    expect(resolveAutoShard({ JOB_COMPLETION_INDEX: '2' }, 4)).toMatchObject({ index: 2, count: 4 });
  });

  it('asks for --shard-count when the system does not export the count', () => {
    expect(code(() => resolveAutoShard({ JOB_COMPLETION_INDEX: '2' }, undefined))).toBe('INVALID_OPTION');
  });

  it('reads Slurm arrays relative to their first index, with their count', () => {
    const env = { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' };
    expect(resolveAutoShard(env, undefined)).toMatchObject({ index: 4, count: 8, system: 'Slurm job array' });
  });

  it('refuses an index outside the count and an environment without any index', () => {
    expect(code(() => resolveAutoShard({ JOB_COMPLETION_INDEX: '4' }, 4))).toBe('INVALID_OPTION');
    expect(code(() => resolveAutoShard({}, 4))).toBe('INVALID_OPTION');
  });
});

describe('resolveShardFlags', () => {
  it('returns null without --shard and refuses --shard-count alone', () => {
    expect(resolveShardFlags(undefined, undefined, {})).toBeNull();
    expect(code(() => resolveShardFlags(undefined, '3', {}))).toBe('INVALID_OPTION');
  });

  it('resolves auto from the environment', () => {
    expect(resolveShardFlags('auto', '3', { JOB_COMPLETION_INDEX: '1' })).toEqual({ index: 1, count: 3 });
  });
});
