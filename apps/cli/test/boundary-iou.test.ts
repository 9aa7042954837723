import { join } from 'node:path';
import { boundaryFixtureRoot, loadBoundaryFixture } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { errorLines, type JsonRecord, run, runJson, tempDir } from './helpers.js';

/** `eval` arguments of a shared Boundary IoU fixture (see its README), with its ratio. */
function fixtureArgs(name: string): {
  args: string[];
  expected: ReturnType<typeof loadBoundaryFixture>['expected'];
} {
  const dir = join(boundaryFixtureRoot(), name);
  const { expected } = loadBoundaryFixture(name);
  return {
    expected,
    args: [
      '--gt',
      join(dir, 'gt'),
      '--pred',
      join(dir, 'pred'),
      '--num-classes',
      String(expected.numClasses),
      '--ignore-index',
      String(expected.ignoreIndex),
      '--boundary-dilation-ratio',
      String(expected.dilationRatio),
    ],
  };
}

const one = ['--workers', '1'];
const perClass = (report: JsonRecord) => report.perClass as JsonRecord[];

describe('segmetrics eval --boundary-iou', () => {
  for (const name of ['voc_sizes_r002', 'wide_r0005']) {
    it(`reproduces the reference Boundary IoU of fixture ${name} and records the ratio`, async () => {
      const { args, expected } = fixtureArgs(name);
      const report = await runJson(['eval', ...args, '--boundary-iou', ...one]);
      expect(perClass(report).map((row) => row.boundaryIoU)).toEqual(expected.boundaryIoU);
      expect((report.summary as JsonRecord).mBoundaryIoU).toBeCloseTo(expected.mBoundaryIoU, 15);
      expect((report.settings as JsonRecord).boundary).toEqual({ dilationRatio: expected.dilationRatio });
    });
  }

  it('uses r = 0.02 by default (a 500 × 375 image rounds 12.5 to d = 12)', async () => {
    const { args, expected } = fixtureArgs('voc_sizes_r002');
    const report = await runJson(['eval', ...args.slice(0, -2), '--boundary-iou', ...one]);
    expect((report.settings as JsonRecord).boundary).toEqual({ dilationRatio: 0.02 });
    expect(perClass(report).map((row) => row.boundaryIoU)).toEqual(expected.boundaryIoU);
  });

  it('leaves the boundary fields out without --boundary-iou (settings.boundary null)', async () => {
    const { args } = fixtureArgs('voc_sizes_r002');
    const report = await runJson(['eval', ...args.slice(0, -2), ...one]);
    expect((report.settings as JsonRecord).boundary).toBeNull();
    expect('mBoundaryIoU' in (report.summary as JsonRecord)).toBe(false);
    expect(perClass(report).some((row) => 'boundaryIoU' in row)).toBe(false);
  });

  it('gives bit-identical JSON with --workers 2, and after --stop-after + --resume', async () => {
    const { args } = fixtureArgs('wide_r0005');
    const single = await run(['eval', ...args, ...one, '--format', 'json']);
    expect(single.code, single.stderr).toBe(0);
    const workers = await run(['eval', ...args, '--workers', '2', '--format', 'json']);
    expect(workers.stdout).toBe(single.stdout);
    const state = join(tempDir('boundary-resume'), 'state.json');
    const stopped = await run(['eval', ...args, ...one, '--save-state', state, '--stop-after', '1', '-q']);
    expect(stopped.code).not.toBe(0);
    const resumed = await run(['eval', ...args, ...one, '--resume', state, '--format', 'json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe(single.stdout);
  });

  it('merging shard states gives the single run, and refuses states counted with another ratio', async () => {
    const { args } = fixtureArgs('voc_sizes_r002');
    const dir = tempDir('boundary-shards');
    const states: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      const state = join(dir, `shard-${shard[0]}.json`);
      const result = await run(['eval', ...args, ...one, '--shard', shard, '--save-state', state, '-q']);
      expect(result.code, result.stderr).toBe(0);
      states.push(state);
    }
    const merged = await runJson(['merge', ...states]);
    const single = await runJson(['eval', ...args, ...one]);
    expect(merged.perClass).toEqual(single.perClass);
    expect(merged.summary).toEqual(single.summary);
    expect((merged.settings as JsonRecord).boundary).toEqual({ dilationRatio: 0.02 });
    const other = join(dir, 'other.json');
    const otherArgs = [...args.slice(0, -1), '0.01'];
    expect(
      (await run(['eval', ...otherArgs, ...one, '--shard', '2/2', '--save-state', other, '-q'])).code,
    ).toBe(0);
    const refused = await run(['merge', states[0]!, other]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('boundary');
  });

  it('refuses to resume a state counted without boundaries', async () => {
    const { args } = fixtureArgs('voc_sizes_r002');
    const state = join(tempDir('boundary-mismatch'), 'state.json');
    const plain = args.slice(0, -2);
    expect(
      (await run(['eval', ...plain, ...one, '--save-state', state, '--stop-after', '1', '-q'])).code,
    ).not.toBe(0);
    const resumed = await run(['eval', ...args, ...one, '--resume', state]);
    expect(resumed.code).not.toBe(0);
    expect(resumed.stderr).toContain('boundary');
  });

  for (const bad of ['0', '-0.1', '2', 'abc', '0x1', 'NaN', '']) {
    it(`rejects --boundary-dilation-ratio ${JSON.stringify(bad)} with a one-line usage error`, async () => {
      const { args } = fixtureArgs('voc_sizes_r002');
      const result = await run(['eval', ...args.slice(0, -1), bad]);
      expect(result.code).toBe(2);
      const errors = errorLines(result.stderr);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('--boundary-dilation-ratio');
      expect(result.stdout).toBe('');
    });
  }

  it('shows a Boundary IoU column and mBoundaryIoU in the table, CSV and Markdown', async () => {
    const { args } = fixtureArgs('voc_sizes_r002');
    const table = await run(['eval', ...args, ...one]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/class .* Boundary IoU/);
    expect(table.stdout).toMatch(/mBoundaryIoU \d+\.\d\d/);
    const csv = await run(['eval', ...args, ...one, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toContain(',boundaryIoU,');
    const markdown = await run(['eval', ...args, ...one, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| mBoundaryIoU |');
    expect(markdown.stdout).toContain('Boundary IoU');
  });
});
