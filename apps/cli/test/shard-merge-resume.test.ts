import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CITYSCAPES_ARGS,
  CITYSCAPES_FIXTURE,
  editState,
  errorLines,
  type JsonRecord,
  run,
  runJson,
  STACK_TRACE,
  setPath,
  tempDir,
  withoutMergeFacts,
} from './helpers.js';

const fixture = CITYSCAPES_FIXTURE;
const dataset = CITYSCAPES_ARGS;
const imagewise = ['--aggregate', 'image', '--image-reduce', 'per-image'];
const one = ['--workers', '1'];

async function single(extra: readonly string[] = []): Promise<Record<string, unknown>> {
  return runJson(['eval', ...dataset, ...one, ...extra]);
}

/** Runs shards 1 … count (1-based) with --save-state; returns the state files in shard order. */
async function saveShards(dir: string, count: number, extra: readonly string[] = []): Promise<string[]> {
  const states: string[] = [];
  for (let i = 1; i <= count; i++) {
    const state = join(dir, `shard-${i}.json`);
    const result = await run([
      'eval',
      ...dataset,
      ...one,
      ...extra,
      '--shard',
      `${i}/${count}`,
      '--save-state',
      state,
      '-q',
    ]);
    expect(result.code, result.stderr).toBe(0);
    states.push(state);
  }
  return states;
}

describe('segmetrics merge', () => {
  it('merging 3 shard states prints exactly the single-run report', async () => {
    const states = await saveShards(tempDir('shards'), 3);
    expect(withoutMergeFacts(await runJson(['merge', ...states]))).toEqual(await single());
  });

  it('says the report merges N states (JSON settings, HTML scope, table)', async () => {
    const dir = tempDir('shards-scope');
    const states = await saveShards(dir, 3);
    const report = join(dir, 'merge.html');
    const merged = await run(['merge', states[0]!, states[1]!, states[2]!, '--report', report, '-q']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(report, 'utf8')).toContain('<dt>Scope</dt><dd>merge of 3 state files</dd>');
    expect(merged.stdout).toContain('merged 3 states');
    const json = await runJson(['merge', ...states]);
    expect(json.settings).toMatchObject({
      shard: null,
      mergedStates: 3,
      partial: null,
    });
    const partial = await runJson(['merge', states[2]!, states[0]!, '--allow-partial']);
    expect(partial.settings).toMatchObject({
      mergedStates: 2,
      partial: { missingShards: [2], shardCount: 3 },
    });
    // eval reports neither; a shard's report says which shard it covers.
    const shard = await single(['--shard', '2/3']);
    expect(shard.settings).toMatchObject({ shard: { index: 2, count: 3 } });
    expect(Object.keys(shard.settings as object)).not.toContain('mergedStates');
  });

  it('warns when the states were counted from different prediction folders', async () => {
    const dir = tempDir('shards-sources');
    const states = await saveShards(dir, 2);
    const merged = await run(['merge', ...states, '-o', join(dir, 'a.json')]);
    expect(merged.stderr).not.toContain('warning');
    // Shard 2 counted again from a copy of the predictions in a folder named pred-b.
    const predB = join(dir, 'pred-b');
    mkdirSync(predB);
    for (const file of readdirSync(join(fixture, 'pred')))
      copyFileSync(join(fixture, 'pred', file), join(predB, file));
    const other = join(dir, 'shard-2b.json');
    const args = [
      '--gt',
      join(fixture, 'gt'),
      '--pred',
      predB,
      '--num-classes',
      '19',
      '--ignore-index',
      '255',
    ];
    expect((await run(['eval', ...args, ...one, '--shard', '2/2', '--save-state', other, '-q'])).code).toBe(
      0,
    );
    const mixed = await run(['merge', states[0]!, other, '-o', join(dir, 'b.json')]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toContain(
      `warning: the states were counted from different prediction folders (${join(fixture, 'pred')} in`,
    );
  });

  it('gives the single-run report in any argument order, with per-image aggregation', async () => {
    const dir = tempDir('shards-img');
    const states = await saveShards(dir, 4, imagewise);
    expect(
      withoutMergeFacts(await runJson(['merge', states[2]!, states[0]!, states[3]!, states[1]!])),
    ).toEqual(await single(imagewise));
    const merged = join(dir, 'merged.csv');
    const alone = join(dir, 'one.csv');
    expect((await run(['merge', ...states, '--per-image', merged, '-q'])).code).toBe(0);
    expect((await run(['eval', ...dataset, ...one, ...imagewise, '--per-image', alone, '-q'])).code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(alone, 'utf8'));
  });

  it('numbers shards from 1: 1/2 and 2/2 are disjoint contiguous blocks covering the pairs', async () => {
    const a = await runJson(['eval', ...dataset, ...one, '--shard', '1/2']);
    const b = await runJson(['eval', ...dataset, ...one, '--shard', '2/2']);
    expect(a.images).toBe(6);
    expect((a.images as number) + (b.images as number)).toBe(12);
    expect((a.settings as { shard: unknown }).shard).toEqual({ index: 1, count: 2 });
    const zero = await run(['eval', ...dataset, '--shard', '0/2']);
    expect(zero.code).toBe(2);
    expect(errorLines(zero.stderr)[0]).toContain('numbered from 1');
  });

  it('--shard auto maps Kubernetes JOB_COMPLETION_INDEX (0-based) to shards 1 … n', async () => {
    const dir = tempDir('auto');
    const states: string[] = [];
    for (const index of [0, 1]) {
      const state = join(dir, `s${index}.json`);
      const result = await run(
        ['eval', ...dataset, ...one, '--shard', 'auto', '--shard-count', '2', '--save-state', state, '-q'],
        { JOB_COMPLETION_INDEX: String(index) },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(readFileSync(state, 'utf8')).selection.shard).toEqual({ index: index + 1, count: 2 });
      states.push(state);
    }
    expect(withoutMergeFacts(await runJson(['merge', ...states]))).toEqual(await single());
  });

  it('--shard auto without an index in the environment is a usage error naming the variables', async () => {
    const result = await run(['eval', ...dataset, '--shard', 'auto', '--shard-count', '2']);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)[0]).toContain('JOB_COMPLETION_INDEX');
  });

  it('exits 1 naming the missing shards, unless --allow-partial, when the JSON and table say partial', async () => {
    const dir = tempDir('partial');
    const states = await saveShards(dir, 3);
    const missing = await run(['merge', states[0]!, states[2]!]);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)).toHaveLength(1);
    expect(errorLines(missing.stderr)[0]).toMatch(/missing shard 2 of 3/);
    const partial = await runJson(['merge', states[0]!, states[2]!, '--allow-partial']);
    expect((partial.settings as { partial: unknown }).partial).toEqual({
      missingShards: [2],
      shardCount: 3,
      interruptedStates: [],
      images: 8,
      expectedImages: 12,
    });
    expect(partial.images).toBe(8);
    const table = await run(['merge', states[0]!, states[2]!, '--allow-partial']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/partial/i);
    expect(table.stderr).toContain('warning: partial result');
    expect(((await runJson(['merge', ...states])).settings as { partial: unknown }).partial).toBeNull();
  });

  it('treats an interrupted shard as partial too', async () => {
    const dir = tempDir('interrupted');
    const [s1, s2] = await saveShards(dir, 2);
    const cut = join(dir, 'cut.json');
    expect(
      (await run(['eval', ...dataset, ...one, '--shard', '2/2', '--save-state', cut, '--stop-after', '2']))
        .code,
    ).toBe(130);
    const refused = await run(['merge', s1!, cut]);
    expect(refused.code).toBe(1);
    expect(errorLines(refused.stderr)[0]).toContain('cut.json');
    const partial = await runJson(['merge', s1!, cut, '--allow-partial']);
    expect(
      (partial.settings as { partial: { interruptedStates: string[] } }).partial.interruptedStates,
    ).toEqual([cut]);
    expect(s2).toBeDefined();
  });

  it('refuses shards of different splits or cut from different file lists, naming both files', async () => {
    const dir = tempDir('splits');
    const [a] = await saveShards(dir, 2);
    const b = join(dir, 'other-count.json');
    expect((await run(['eval', ...dataset, ...one, '--shard', '2/3', '--save-state', b, '-q'])).code).toBe(0);
    const counts = await run(['merge', a!, b]);
    expect(counts.code).toBe(1);
    expect(errorLines(counts.stderr)[0]).toContain('shard 2/3');
    const c = join(dir, 'fewer.json');
    expect(
      (
        await run([
          'eval',
          ...dataset,
          ...one,
          '--exclude',
          'img_000',
          '--shard',
          '2/2',
          '--save-state',
          c,
          '-q',
        ])
      ).code,
    ).toBe(0);
    // Refused for the different pair lists (--exclude chose other images for the same shards).
    const lists = await run(['merge', a!, c]);
    expect(lists.code).toBe(1);
    expect(errorLines(lists.stderr)[0]).toMatch(/12 pairs|11 pairs/);
  });

  it('refuses shards cut from different file lists of the same length (each state records its list)', async () => {
    const dir = tempDir('same-length');
    const cut = async (exclude: string, shard: string) => {
      const state = join(dir, `${exclude}-${shard.replace('/', 'of')}.json`);
      const args = ['eval', ...dataset, ...one, '--exclude', exclude, '--shard', shard];
      expect((await run([...args, '--save-state', state, '-q'])).code).toBe(0);
      return state;
    };
    // 11 pairs each: without img_011 for shard 1, without img_000 for shard 2 (img_005 … counted by neither).
    const first = await cut('img_011', '1/2');
    const second = await cut('img_000', '2/2');
    for (const args of [
      ['merge', first, second],
      ['merge', first, second, '--allow-partial'],
    ]) {
      const merged = await run(args);
      expect(merged.code).toBe(1);
      expect(errorLines(merged.stderr)[0]).toContain('were cut from different file lists of 11 pairs each');
    }
    // Shards of one list still merge.
    const other = await cut('img_011', '2/2');
    expect((await run(['merge', first, other, '-q'])).code).toBe(0);
    // A state of an earlier version (no digest) first: the others are still compared with each other.
    const old = join(dir, 'old.json');
    copyFileSync(await cut('img_011', '1/3'), old);
    editState(old, (state) => {
      delete (state.selection as JsonRecord).datasetDigest;
    });
    const mixed = await run(['merge', old, await cut('img_011', '2/3'), await cut('img_000', '3/3')]);
    expect(mixed.code).toBe(1);
    expect(errorLines(mixed.stderr)[0]).toContain('were cut from different file lists');
    // A shard resumed over another list of the same length is refused too (its block would move).
    const partial = join(dir, 'partial.json');
    const shard = ['--shard', '1/2'];
    const stopped = await run([
      ...['eval', ...dataset, ...one, ...shard, '--exclude', 'img_011', '--stop-after', '2'],
      ...['--save-state', partial, '-q'],
    ]);
    expect(stopped.code).not.toBe(0);
    const resumed = await run([
      ...['eval', ...dataset, ...one, ...shard, '--exclude', 'img_005', '--resume', partial, '-q'],
    ]);
    expect(resumed.code).toBe(1);
    expect(errorLines(resumed.stderr)[0]).toContain(
      "the dataset's file list changed since this shard's state was saved (both hold 11 pairs, not the same ones)",
    );
  });

  it('resumes an unsharded run over a file list that grew: the images not yet counted are counted', async () => {
    const dir = tempDir('grown');
    const partial = join(dir, 'partial.json');
    const stopped = await run([
      ...['eval', ...dataset, ...one, '--exclude', 'img_011', '--stop-after', '2'],
      ...['--save-state', partial, '-q'],
    ]);
    expect(stopped.code).not.toBe(0);
    const resumed = await run(['eval', ...dataset, ...one, '--resume', partial, '-f', 'json', '-q']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(withoutMergeFacts(JSON.parse(resumed.stdout) as JsonRecord)).toEqual(await single());
  });

  it('merges complete runs split by --include / --exclude into the single-run report', async () => {
    const dir = tempDir('include-split');
    const first = join(dir, 'first.json');
    const rest = join(dir, 'rest.json');
    const split = ['--include', 'img_00*'];
    expect((await run(['eval', ...dataset, ...one, ...split, '--save-state', first, '-q'])).code).toBe(0);
    expect(
      (await run(['eval', ...dataset, ...one, '--exclude', 'img_00*', '--save-state', rest, '-q'])).code,
    ).toBe(0);
    const merged = await run(['merge', first, rest, '-f', 'json']);
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(merged.stdout) as JsonRecord;
    const whole = await single();
    expect(report.summary).toEqual(whole.summary);
    expect(report.images).toBe(whole.images);
  });

  it('refuses overlapping states, naming the file, also through a symbolic link', async () => {
    const dir = tempDir('overlap');
    const [s1] = await saveShards(dir, 2);
    const twice = await run(['merge', s1!, s1!]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`${s1!}: given more than once`);
    symlinkSync(s1!, join(dir, 'alias.json'));
    expect((await run(['merge', s1!, join(dir, 'alias.json')])).code).toBe(1);
    const whole = join(dir, 'whole.json');
    expect((await run(['eval', ...dataset, ...one, '--save-state', whole, '-q'])).code).toBe(0);
    const overlap = await run(['merge', s1!, whole]);
    expect(overlap.code).toBe(1);
  });

  it('refuses an interrupted state merged with the run resumed from it as an overlap naming both files, with or without --allow-partial', async () => {
    const dir = tempDir('resumed-overlap');
    const stopped = join(dir, 'x.json');
    const resumed = join(dir, 'y.json');
    const first = await run(['eval', ...dataset, ...one, '--stop-after', '1', '--save-state', stopped, '-q']);
    expect(first.code).toBe(130);
    const rest = await run(['eval', ...dataset, ...one, '--resume', stopped, '--save-state', resumed, '-q']);
    expect(rest.code, rest.stderr).toBe(0);
    for (const extra of [[], ['--allow-partial']]) {
      const merged = await run(['merge', stopped, resumed, ...extra]);
      expect(merged.code, merged.stderr).toBe(1);
      const [line] = errorLines(merged.stderr);
      expect(line).toContain(resumed);
      expect(line).toContain(`also counted in ${stopped}; the states overlap`);
      expect(merged.stderr).not.toContain('do not cover the dataset');
      expect(merged.stderr).not.toContain('--allow-partial');
    }
  });

  it('refuses states evaluated with different settings, naming the setting and both files', async () => {
    const dir = tempDir('incompatible');
    const [s1] = await saveShards(dir, 2);
    const other = join(dir, 'other.json');
    expect(
      (
        await run([
          'eval',
          ...dataset,
          ...one,
          '--ignore-index',
          '0',
          '--shard',
          '2/2',
          '--save-state',
          other,
          '-q',
        ])
      ).code,
    ).toBe(0);
    const result = await run(['merge', s1!, other]);
    expect(result.code).toBe(1);
    const [line] = errorLines(result.stderr);
    expect(line).toContain(other);
    expect(line).toContain(s1!);
    expect(line).toContain('ignoreIndex: [255] vs [0, 255]');
  });

  it('refuses a tampered state, naming the file', async () => {
    const [s1, s2] = await saveShards(tempDir('tamper'), 2);
    const text = readFileSync(s2!, 'utf8');
    writeFileSync(s2!, text.replace('"complete":true', '"complete":false'));
    const result = await run(['merge', s1!, s2!]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(s2!);
  });

  it('refuses a hand-edited, re-checksummed state with INVALID_STATE naming the file and field', async () => {
    const [s1, s2] = await saveShards(tempDir('hand-edit'), 2);
    for (const edit of [
      (d: JsonRecord) => setPath(d, 'settings.numClasses', 'nineteen'),
      (d: JsonRecord) => setPath(d, 'selection', JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`)),
      (d: JsonRecord) => setPath(d, 'settings.report.preset', '__proto__'),
      (d: JsonRecord) => setPath(d, 'matrix.counts', 'lots'),
    ]) {
      const copy = join(tempDir('hand-edit-copy'), 'edited.json');
      copyFileSync(s2!, copy);
      editState(copy, edit);
      const result = await run(['merge', s1!, copy]);
      expect(result.code).toBe(1);
      expect(errorLines(result.stderr)).toHaveLength(1);
      expect(errorLines(result.stderr)[0]).toContain(copy);
      expect(result.stderr).not.toContain('unexpected error');
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('reads a state of the old 0-based CLI (state version 1) as the shard it covered', async () => {
    const [s1, s2] = await saveShards(tempDir('v1'), 2);
    for (const [file, index] of [
      [s1!, 0],
      [s2!, 1],
    ] as const) {
      editState(file, (d) => {
        setPath(d, 'stateVersion', 1);
        setPath(d, 'selection.shard.index', index);
      });
    }
    expect(withoutMergeFacts(await runJson(['merge', s1!, s2!]))).toEqual(await single());
  });

  it('refuses malformed and truncated states', async () => {
    const dir = tempDir('malformed');
    const [s1] = await saveShards(dir, 2);
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(s1!, 'utf8').slice(0, 100));
    const notState = join(dir, 'not-state.json');
    writeFileSync(notState, '{"hello": "world"}');
    for (const bad of [truncated, notState]) {
      const result = await run(['merge', bad]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(bad);
    }
    expect((await run(['merge', join(dir, 'absent.json')])).code).toBe(1);
  });

  it('never writes the report over one of its input states', async () => {
    const dir = tempDir('merge-over-input');
    const states = await saveShards(dir, 2);
    const before = readFileSync(states[0]!, 'utf8');
    const result = await run(['merge', ...states, '--format', 'json', '-o', states[0]!]);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)[0]).toContain(states[0]!);
    expect(readFileSync(states[0]!, 'utf8')).toBe(before);
  });
});

describe('segmetrics eval --resume', () => {
  it('an interrupted run plus --resume gives exactly the single-run report', async () => {
    const state = join(tempDir('resume'), 'state.json');
    const stopped = await run([
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
    expect(await runJson(['eval', ...dataset, '--resume', state, '--workers', '1'])).toEqual(await single());
  });

  it('resumes per-image statistics in order, so imagewise means are bit-identical', async () => {
    const state = join(tempDir('resume-img'), 'state.json');
    expect(
      (await run(['eval', ...dataset, ...imagewise, '--save-state', state, '--stop-after', '4', ...one]))
        .code,
    ).toBe(130);
    expect(
      (await run(['eval', ...dataset, ...imagewise, '--resume', state, '--stop-after', '3', ...one])).code,
    ).toBe(130);
    expect(await runJson(['eval', ...dataset, ...imagewise, '--resume', state, ...one])).toEqual(
      await single(imagewise),
    );
  });

  it('keeps the images counted before a failure, so a fixed file can be resumed', async () => {
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
    const failed = await run(['eval', ...copy, '--save-state', state, '--workers', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('img_007.png');
    const saved = JSON.parse(readFileSync(state, 'utf8')) as {
      complete: boolean;
      matrix: { sampleIds: string[] };
    };
    expect(saved.complete).toBe(false);
    expect(saved.matrix.sampleIds).not.toContain('img_007');
    writeFileSync(join(dir, 'pred', 'img_007.png'), good);
    expect(await runJson(['eval', ...copy, '--resume', state, ...one])).toEqual(await single());
  });

  it('refuses to resume with different settings, naming the setting', async () => {
    const state = join(tempDir('resume-bad'), 'state.json');
    expect((await run(['eval', ...dataset, ...one, '--save-state', state, '--stop-after', '2'])).code).toBe(
      130,
    );
    const result = await run(['eval', ...dataset, ...one, '--absent', 'zero', '--resume', state]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)[0]).toContain(state);
    expect(errorLines(result.stderr)[0]).toContain('absent: not set (its default) vs "zero"');
  });

  it('refuses to resume from another prediction or ground-truth folder, and accepts another spelling of the same', async () => {
    const dir = tempDir('resume-source');
    for (const side of ['gt', 'pred']) {
      mkdirSync(join(dir, side));
      for (const file of readdirSync(join(fixture, side)))
        copyFileSync(join(fixture, side, file), join(dir, side, file));
    }
    const state = join(dir, 'state.json');
    expect((await run(['eval', ...dataset, ...one, '--save-state', state, '--stop-after', '2'])).code).toBe(
      130,
    );
    const options = ['--num-classes', '19', '--ignore-index', '255', ...one];
    const pred = await run([
      'eval',
      '--gt',
      join(fixture, 'gt'),
      '--pred',
      join(dir, 'pred'),
      ...options,
      '--resume',
      state,
    ]);
    expect(pred.code).toBe(1);
    expect(errorLines(pred.stderr)).toEqual([expect.stringContaining('--pred')]);
    expect(errorLines(pred.stderr)[0]).toContain('would mix both folders');
    const gt = await run([
      'eval',
      '--gt',
      join(dir, 'gt'),
      '--pred',
      join(fixture, 'pred'),
      ...options,
      '--resume',
      state,
    ]);
    expect(gt.code).toBe(1);
    expect(errorLines(gt.stderr)[0]).toContain('--gt');
    // The same folders through a symbolic link: resumed, and the counts are the single run's.
    const link = join(dir, 'link');
    symlinkSync(fixture, link);
    expect(
      await runJson([
        'eval',
        '--gt',
        join(link, 'gt'),
        '--pred',
        join(link, 'pred'),
        ...options,
        '--resume',
        state,
      ]),
    ).toEqual(await single());
  });

  it('refuses to resume another shard', async () => {
    const state = join(tempDir('resume-shard'), 'state.json');
    expect(
      (await run(['eval', ...dataset, ...one, '--shard', '1/2', '--save-state', state, '--stop-after', '2']))
        .code,
    ).toBe(130);
    const result = await run(['eval', ...dataset, ...one, '--shard', '2/2', '--resume', state]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)[0]).toContain('shard 1/2');
  });
});

describe('segmetrics eval --workers', () => {
  it('gives identical JSON for 1, 2 and 3 workers (main thread plus worker threads)', async () => {
    const alone = await single();
    expect(await runJson(['eval', ...dataset, '--workers', '2'])).toEqual(alone);
    expect(await runJson(['eval', ...dataset, '--workers', '3'])).toEqual(alone);
    expect(await runJson(['eval', ...dataset, ...imagewise, '--workers', '2'])).toEqual(
      await single(imagewise),
    );
  });
});
