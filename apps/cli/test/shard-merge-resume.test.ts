import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CITYSCAPES_ARGS, CITYSCAPES_FIXTURE, runCli, runJson, tempDir } from './helpers.js';

const fixture = CITYSCAPES_FIXTURE;
const dataset = CITYSCAPES_ARGS;
const imagewise = ['--aggregate', 'image', '--image-reduce', 'per-image'];

function single(extra: readonly string[] = []): Record<string, unknown> {
  return runJson(['eval', ...dataset, ...extra]);
}

function saveShards(dir: string, count: number, extra: readonly string[] = []): string[] {
  return Array.from({ length: count }, (_, i) => {
    const state = join(dir, `shard-${i}.json`);
    const result = runCli([
      'eval',
      ...dataset,
      ...extra,
      '--shard',
      `${i}/${count}`,
      '--save-state',
      state,
      '-q',
    ]);
    expect(result.code, result.stderr).toBe(0);
    return state;
  });
}

describe('segmetrics merge', () => {
  it('merging 3 shard states prints exactly the single-run report', () => {
    const states = saveShards(tempDir('shards'), 3);
    expect(runJson(['merge', ...states])).toEqual(single());
  });

  it('gives the single-run report in any argument order, with per-image aggregation', () => {
    const dir = tempDir('shards-img');
    const states = saveShards(dir, 4, imagewise);
    expect(runJson(['merge', states[2]!, states[0]!, states[3]!, states[1]!])).toEqual(single(imagewise));
    const merged = join(dir, 'merged.csv');
    const one = join(dir, 'one.csv');
    expect(runCli(['merge', ...states, '--per-image', merged, '-q']).code).toBe(0);
    expect(runCli(['eval', ...dataset, ...imagewise, '--per-image', one, '-q']).code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  it('each shard evaluates a disjoint contiguous block of the pairs', () => {
    const a = runJson(['eval', ...dataset, '--shard', '0/2']);
    const b = runJson(['eval', ...dataset, '--shard', '1/2']);
    expect((a.images as number) + (b.images as number)).toBe(12);
    expect(a.images).toBe(6);
  });

  it('--shard auto reads a Kubernetes indexed Job index and --shard-count', () => {
    const dir = tempDir('auto');
    const states = [0, 1].map((i) => {
      const state = join(dir, `s${i}.json`);
      const result = runCli(
        ['eval', ...dataset, '--shard', 'auto', '--shard-count', '2', '--save-state', state, '-q'],
        {
          JOB_COMPLETION_INDEX: String(i),
        },
      );
      expect(result.code, result.stderr).toBe(0);
      return state;
    });
    expect(runJson(['merge', ...states])).toEqual(single());
  });

  it('--shard auto without an index in the environment is a usage error', () => {
    const result = runCli(['eval', ...dataset, '--shard', 'auto', '--shard-count', '2'], {
      JOB_COMPLETION_INDEX: '',
      SLURM_ARRAY_TASK_ID: '',
    });
    expect(result.code).toBe(2);
  });

  it('refuses overlapping states, naming the file', () => {
    const dir = tempDir('overlap');
    const [s0] = saveShards(dir, 2);
    const twice = runCli(['merge', s0!, s0!]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`${s0!}: given more than once`);
    const whole = join(dir, 'whole.json');
    expect(runCli(['eval', ...dataset, '--save-state', whole, '-q']).code).toBe(0);
    const overlap = runCli(['merge', s0!, whole]);
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toMatch(/also counted in .*shard-0\.json/);
  });

  it('refuses states evaluated with different settings', () => {
    const dir = tempDir('incompatible');
    const [s0] = saveShards(dir, 2);
    const other = join(dir, 'other.json');
    expect(
      runCli(['eval', ...dataset, '--ignore-index', '0', '--shard', '1/2', '--save-state', other, '-q']).code,
    ).toBe(0);
    const result = runCli(['merge', s0!, other]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(other);
  });

  it('refuses a tampered state, naming the file', () => {
    const [s0, s1] = saveShards(tempDir('tamper'), 2);
    const text = readFileSync(s1!, 'utf8');
    const edited = text.replace(/"images":(\d+)/, (_m, n: string) => `"images":${Number(n) + 1}`);
    writeFileSync(s1!, edited === text ? text.replace('"complete":true', '"complete":false') : edited);
    const result = runCli(['merge', s0!, s1!]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(s1!);
  });

  it('refuses malformed and truncated states', () => {
    const dir = tempDir('malformed');
    const [s0] = saveShards(dir, 2);
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(s0!, 'utf8').slice(0, 100));
    const notState = join(dir, 'not-state.json');
    writeFileSync(notState, '{"hello": "world"}');
    for (const bad of [truncated, notState]) {
      const result = runCli(['merge', bad]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(bad);
    }
    expect(runCli(['merge', join(dir, 'absent.json')]).code).toBe(1);
  });
});

describe('segmetrics eval --resume', () => {
  it('an interrupted run plus --resume gives exactly the single-run report', () => {
    const state = join(tempDir('resume'), 'state.json');
    const stopped = runCli([
      'eval',
      ...dataset,
      '--save-state',
      state,
      '--stop-after',
      '5',
      '--workers',
      '2',
    ]);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`--resume ${state}`);
    const partial = JSON.parse(readFileSync(state, 'utf8')) as { complete: boolean };
    expect(partial.complete).toBe(false);
    expect(runJson(['eval', ...dataset, '--resume', state, '--workers', '1'])).toEqual(single());
  });

  it('resumes per-image statistics in order, so imagewise means are bit-identical', () => {
    const state = join(tempDir('resume-img'), 'state.json');
    expect(
      runCli(['eval', ...dataset, ...imagewise, '--save-state', state, '--stop-after', '4', '--workers', '1'])
        .code,
    ).toBe(130);
    expect(runCli(['eval', ...dataset, ...imagewise, '--resume', state, '--stop-after', '3']).code).toBe(130);
    expect(runJson(['eval', ...dataset, ...imagewise, '--resume', state])).toEqual(single(imagewise));
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ])('on %s writes a valid state and exits with %i; resuming gives the single-run report', (signal, code) => {
    const state = join(tempDir('signal'), 'state.json');
    const stopped = runCli(['eval', ...dataset, '--save-state', state, '--workers', '2'], {
      SEGMETRICS_TEST_SIGNAL: `${signal}:3`,
    });
    expect(stopped.code).toBe(code);
    const partial = JSON.parse(readFileSync(state, 'utf8')) as {
      complete: boolean;
      matrix: { images: number };
    };
    expect(partial.complete).toBe(false);
    expect(partial.matrix.images).toBeGreaterThanOrEqual(3);
    expect(partial.matrix.images).toBeLessThan(12);
    expect(runJson(['eval', ...dataset, '--resume', state])).toEqual(single());
  });

  it('keeps the images counted before a failure, so a fixed file can be resumed', () => {
    const dir = tempDir('resume-after-error');
    for (const side of ['gt', 'pred']) {
      mkdirSync(join(dir, side));
      for (const file of readdirSync(join(fixture, side)))
        copyFileSync(join(fixture, side, file), join(dir, side, file));
    }
    const good = readFileSync(join(dir, 'pred', 'img_007.png'));
    writeFileSync(join(dir, 'pred', 'img_007.png'), 'broken');
    const copy = [
      '--gt',
      join(dir, 'gt'),
      '--pred',
      join(dir, 'pred'),
      '--num-classes',
      '19',
      '--ignore-index',
      '255',
    ];
    const state = join(dir, 'state.json');
    const failed = runCli(['eval', ...copy, '--save-state', state, '--workers', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('img_007.png');
    const saved = JSON.parse(readFileSync(state, 'utf8')) as {
      complete: boolean;
      matrix: { sampleIds: string[] };
    };
    expect(saved.complete).toBe(false);
    expect(saved.matrix.sampleIds).not.toContain('img_007');
    writeFileSync(join(dir, 'pred', 'img_007.png'), good);
    expect(runJson(['eval', ...copy, '--resume', state])).toEqual(single());
  });

  it('refuses to resume with different settings', () => {
    const state = join(tempDir('resume-bad'), 'state.json');
    expect(runCli(['eval', ...dataset, '--save-state', state, '--stop-after', '2']).code).toBe(130);
    const result = runCli(['eval', ...dataset, '--aggregate', 'image', '--resume', state]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(state);
  });
});

describe('segmetrics eval --workers', () => {
  it('gives identical JSON for 1, 2 and 3 workers (main thread plus worker threads)', () => {
    const one = single(['--workers', '1']);
    expect(single(['--workers', '2'])).toEqual(one);
    expect(single(['--workers', '3'])).toEqual(one);
    expect(single([...imagewise, '--workers', '2'])).toEqual(single([...imagewise, '--workers', '1']));
  });

  it('gives byte-identical JSON output for 1 and 2 workers', () => {
    const a = runCli(['eval', ...dataset, '--aggregate', 'image', '--format', 'json', '--workers', '1']);
    const b = runCli(['eval', ...dataset, '--aggregate', 'image', '--format', 'json', '--workers', '2']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});
