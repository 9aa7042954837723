import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveSettings } from '../src/options/resolve-settings.js';
import { pairFiles } from '../src/pipeline/pair-files.js';
import { runEvaluation } from '../src/pipeline/run-evaluation.js';
import {
  CITYSCAPES_ARGS,
  CITYSCAPES_FIXTURE,
  editState,
  errorLines,
  grayPng,
  type JsonRecord,
  run,
  runJson,
  tempDir,
  tinyDataset,
} from './helpers.js';

const one = ['--workers', '1'];
const options = ['--num-classes', '19', '--ignore-index', '255', ...one];

/** Copies the Cityscapes-like fixture's `gt` and `pred` into `dir`. */
function copyFixture(dir: string): void {
  for (const side of ['gt', 'pred']) {
    mkdirSync(join(dir, side), { recursive: true });
    for (const file of readdirSync(join(CITYSCAPES_FIXTURE, side)))
      copyFileSync(join(CITYSCAPES_FIXTURE, side, file), join(dir, side, file));
  }
}

/** Runs the CLI in this process from `cwd`. */
async function runIn(cwd: string, args: readonly string[]) {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await run(args);
  } finally {
    process.chdir(previous);
  }
}

describe('segmetrics eval --resume compares the folders themselves', () => {
  it('refuses a resume from another working folder whose relative --pred names other predictions', async () => {
    const dir = tempDir('cwd');
    copyFixture(join(dir, 'runA'));
    copyFixture(join(dir, 'runB'));
    // Model B: another prediction for every image.
    for (const file of readdirSync(join(dir, 'runB', 'pred')))
      copyFileSync(
        join(dir, 'runA', 'pred', readdirSync(join(dir, 'runA', 'pred'))[0]!),
        join(dir, 'runB', 'pred', file),
      );
    const relative = ['eval', '--gt', 'gt', '--pred', 'pred', ...options];
    const state = join(dir, 'state.json');
    expect(
      (await runIn(join(dir, 'runA'), [...relative, '--save-state', state, '--stop-after', '5'])).code,
    ).toBe(130);
    const recorded = JSON.parse(readFileSync(state, 'utf8')).source;
    expect(recorded).toMatchObject({ gt: join(dir, 'runA', 'gt'), pred: join(dir, 'runA', 'pred') });
    const mixed = await runIn(join(dir, 'runB'), [...relative, '--resume', state]);
    expect(mixed.code).toBe(1);
    expect(errorLines(mixed.stderr)).toEqual([
      expect.stringContaining(`--pred ${join(dir, 'runA', 'pred')}`),
    ]);
    expect(mixed.stderr).toContain(`this run reads --pred pred (${join(dir, 'runB', 'pred')})`);
    // The hint speaks of resuming, not of shards.
    expect(mixed.stderr).not.toContain('every shard');
    expect(mixed.stderr).toContain('hint: a resumed run must read the same folders');
    // The same folders spelled absolutely, from another working folder: resumed, the single run's counts.
    const single = await runJson(['eval', ...CITYSCAPES_ARGS, ...one]);
    const resumed = await runIn(tempDir('elsewhere'), [
      'eval',
      '--gt',
      join(dir, 'runA', 'gt'),
      '--pred',
      join(dir, 'runA', 'pred'),
      ...options,
      '--resume',
      state,
      '--format',
      'json',
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).summary).toEqual(single.summary);
  });

  it('takes the relative folders of an older state relative to the current folder, and says so when it refuses', async () => {
    const dir = tempDir('cwd-old');
    copyFixture(join(dir, 'runA'));
    const state = join(dir, 'state.json');
    const relative = ['eval', '--gt', 'gt', '--pred', 'pred', ...options];
    expect(
      (await runIn(join(dir, 'runA'), [...relative, '--save-state', state, '--stop-after', '5'])).code,
    ).toBe(130);
    // As an older version wrote it: the folders as typed, no pairing options.
    editState(state, (data) => {
      data.source = { gt: 'gt', pred: 'pred' };
    });
    const absolute = [
      'eval',
      '--gt',
      join(dir, 'runA', 'gt'),
      '--pred',
      join(dir, 'runA', 'pred'),
      ...options,
    ];
    const refused = await runIn(dir, [...absolute, '--resume', state]);
    expect(refused.code).toBe(1);
    expect(errorLines(refused.stderr)[0]).toContain('a relative path');
    expect(errorLines(refused.stderr)[0]).toContain(
      `taken relative to the current folder: ${join(dir, 'pred')}`,
    );
    const accepted = await runIn(join(dir, 'runA'), [...absolute, '--resume', state, '-q']);
    expect(accepted.code, accepted.stderr).toBe(0);
  });
});

/** A folder of ground truth and, per image, two models' predictions `<id>_A.png` and `<id>_B.png`. */
function twoModels(): { dir: string; args: string[] } {
  const { dir, gt, pred } = tinyDataset(6);
  for (const file of readdirSync(pred)) {
    const id = file.replace(/\.png$/, '');
    copyFileSync(join(pred, file), join(pred, `${id}_A.png`));
    writeFileSync(join(pred, `${id}_B.png`), grayPng(2, 2, [2, 2, 0, 0]));
    writeFileSync(join(pred, file), grayPng(2, 2, [1, 1, 1, 1]));
  }
  return { dir, args: ['--gt', gt, '--pred', pred, '--num-classes', '3', ...one] };
}

describe('segmetrics eval and merge compare the pairing options', () => {
  it('refuses a resume with another --pred-suffix, naming the option and both values', async () => {
    const { dir, args } = twoModels();
    const state = join(dir, 'sm.json');
    expect(
      (await run(['eval', ...args, '--pred-suffix', '_A.png', '--save-state', state, '--stop-after', '2']))
        .code,
    ).toBe(130);
    expect(JSON.parse(readFileSync(state, 'utf8')).source.pairing).toMatchObject({
      predSuffix: '_A.png',
      matchBy: 'path',
    });
    const other = await run(['eval', ...args, '--pred-suffix', '_B.png', '--resume', state]);
    expect(other.code).toBe(1);
    expect(errorLines(other.stderr)).toEqual([
      expect.stringContaining('--pred-suffix "_A.png", this run with --pred-suffix "_B.png"'),
    ]);
    const none = await run([
      'eval',
      ...args,
      '--match-by',
      'basename',
      '--pred-suffix',
      '_A.png',
      '--resume',
      state,
    ]);
    expect(none.code).toBe(1);
    expect(errorLines(none.stderr)[0]).toContain('--match-by "path", this run with --match-by "basename"');
    expect((await run(['eval', ...args, '--pred-suffix', '_A.png', '--resume', state, '-q'])).code).toBe(0);
  });

  it('resumes a state of an older version, which records no pairing, as before', async () => {
    const { dir, args } = twoModels();
    const state = join(dir, 'old.json');
    expect(
      (await run(['eval', ...args, '--pred-suffix', '_A.png', '--save-state', state, '--stop-after', '2']))
        .code,
    ).toBe(130);
    editState(state, (data) => {
      const { pairing: _pairing, ...source } = data.source as JsonRecord;
      data.source = source;
    });
    expect((await run(['eval', ...args, '--pred-suffix', '_A.png', '--resume', state, '-q'])).code).toBe(0);
  });

  it('refuses to merge shards counted with different pairing options, naming the option and both files', async () => {
    const { dir, args } = twoModels();
    const a = join(dir, 'a1.json');
    const b = join(dir, 'b2.json');
    expect(
      (await run(['eval', ...args, '--pred-suffix', '_A.png', '--shard', '1/2', '--save-state', a, '-q']))
        .code,
    ).toBe(0);
    expect(
      (await run(['eval', ...args, '--pred-suffix', '_B.png', '--shard', '2/2', '--save-state', b, '-q']))
        .code,
    ).toBe(0);
    const merged = await run(['merge', a, b]);
    expect(merged.code).toBe(1);
    expect(errorLines(merged.stderr)).toEqual([
      `error: ${b} paired its files with --pred-suffix "_B.png", but ${a} with --pred-suffix "_A.png": the merged counts would mix two pairings (e.g. two models' files in one folder)`,
    ]);
  });

  it('warns when shards were counted from different folders of the same name (other working folders)', async () => {
    const dir = tempDir('merge-cwd');
    copyFixture(join(dir, 'runA'));
    copyFixture(join(dir, 'runB'));
    const relative = ['eval', '--gt', 'gt', '--pred', 'pred', ...options, '-q'];
    const s1 = join(dir, 's1.json');
    const s2 = join(dir, 's2.json');
    expect((await runIn(join(dir, 'runA'), [...relative, '--shard', '1/2', '--save-state', s1])).code).toBe(
      0,
    );
    expect((await runIn(join(dir, 'runB'), [...relative, '--shard', '2/2', '--save-state', s2])).code).toBe(
      0,
    );
    const merged = await run(['merge', s1, s2, '-o', join(dir, 'm.json')]);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain(
      `warning: the states were counted from different prediction folders (${join(dir, 'runA', 'pred')} in ${s1}, ${join(dir, 'runB', 'pred')} in ${s2})`,
    );
    // One folder by two spellings (through a link): no warning.
    symlinkSync(join(dir, 'runA'), join(dir, 'linkA'));
    const s3 = join(dir, 's3.json');
    expect((await runIn(join(dir, 'linkA'), [...relative, '--shard', '2/2', '--save-state', s3])).code).toBe(
      0,
    );
    const same = await run(['merge', s1, s3, '-o', join(dir, 'n.json')]);
    expect(same.code).toBe(0);
    expect(same.stderr).not.toContain('warning');
  });
});

describe('periodic state saves', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a save started after a chunk is on disk before the next chunk is merged (SEGMETRICS_SAVE_INTERVAL=0)', async () => {
    const dir = tempDir('periodic');
    const state = join(dir, 'state.json');
    const settings = await resolveSettings({ numClasses: '19', ignoreIndex: ['255'] });
    const { pairs } = await pairFiles({
      gt: join(CITYSCAPES_FIXTURE, 'gt'),
      pred: join(CITYSCAPES_FIXTURE, 'pred'),
    });
    // Each progress line (drawn after every chunk: the clock moves 1 s per reading) records what the state
    // file on disk holds at that moment: the images of every chunk before.
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    const seen: { shown: number; onDisk: number }[] = [];
    const stderr = {
      write: (text: string) => {
        const shown = /(\d+)\/\d+ images/.exec(text);
        if (shown === null) return;
        const onDisk = existsSync(state)
          ? (JSON.parse(readFileSync(state, 'utf8')).matrix.images as number)
          : 0;
        seen.push({ shown: Number(shown[1]), onDisk });
      },
    };
    const outcome = await runEvaluation({
      settings,
      pairs,
      source: { gt: join(CITYSCAPES_FIXTURE, 'gt'), pred: join(CITYSCAPES_FIXTURE, 'pred') },
      workers: 1,
      shard: null,
      saveState: state,
      saveInterval: 0,
      stderr,
      progress: true,
    });
    expect(outcome.complete).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    seen.slice(1).forEach((line, i) => {
      expect(line.onDisk).toBe(seen[i]!.shown);
    });
  });

  it('a periodic save that fails stops the run at once, naming the file', async () => {
    const { dir, gt, pred } = tinyDataset(20);
    // The last image cannot be decoded: a run that counted on would fail there instead.
    writeFileSync(join(pred, 't.png'), 'not a png');
    const settings = await resolveSettings({ numClasses: '3' });
    const { pairs } = await pairFiles({ gt, pred });
    const folder = join(dir, 'state-folder');
    mkdirSync(folder);
    const error = await runEvaluation({
      settings,
      pairs,
      source: { gt, pred },
      workers: 1,
      shard: null,
      saveState: folder,
      saveInterval: 0,
      stderr: { write: () => undefined },
      progress: false,
    }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining(folder) });
  });
});

describe('segmetrics refuses unwritable outputs before counting', () => {
  /** A dataset whose last prediction cannot be decoded: a run that counted would fail with DECODE_FAILED. */
  function broken(): { dir: string; args: string[] } {
    const { dir, pred, args } = tinyDataset(3);
    writeFileSync(join(pred, 'c.png'), 'not a png');
    return { dir, args };
  }

  it.each([
    ['--save-state a folder', (dir: string) => ['--save-state', dir]],
    [
      '--save-state a link to a folder',
      (dir: string) => {
        symlinkSync(dir, `${dir}-link`);
        return ['--save-state', `${dir}-link`];
      },
    ],
    ['-o a folder', (dir: string) => ['-o', dir]],
    [
      '--per-image below a file',
      (dir: string) => {
        writeFileSync(join(dir, 'file'), '');
        return ['--per-image', join(dir, 'file', 'x.csv')];
      },
    ],
  ])('%s: exit 1 naming the path, nothing counted', async (_name, flags) => {
    const { dir, args } = broken();
    const target = join(dir, 'out');
    mkdirSync(target);
    const extra = flags(target);
    const result = await run(['eval', ...args, ...extra]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([expect.stringContaining(extra[1]!)]);
    expect(result.stderr).not.toContain('not a png');
  });

  it.runIf(process.platform === 'linux' && existsSync('/sys/kernel'))(
    '--save-state under /sys: exit 1 naming the path, nothing counted',
    async () => {
      const { args } = broken();
      const result = await run(['eval', ...args, '--save-state', '/sys/kernel/segmetrics-state.json']);
      expect(result.code).toBe(1);
      expect(errorLines(result.stderr)).toEqual([
        expect.stringContaining('/sys/kernel/segmetrics-state.json'),
      ]);
    },
  );

  it('merge refuses -o naming a folder before loading the states', async () => {
    const dir = tempDir('merge-out');
    const result = await run(['merge', join(dir, 'missing.json'), '-o', dir]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringContaining(`${dir}: cannot write -o/--output there`),
    ]);
  });
});

describe('segmetrics eval warns about ground truth of unsupported formats', () => {
  it('names the .jpg beside the PNGs that is not evaluated, unless -q', async () => {
    const { gt, args } = tinyDataset(2);
    writeFileSync(join(gt, 'c.jpg'), 'jpeg');
    const result = await run(['eval', ...args, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).images).toBe(2);
    expect(result.stderr).toContain(
      `warning: 1 ground-truth file with an unsupported extension (.jpg) was skipped and not evaluated: ${join(gt, 'c.jpg')}`,
    );
    expect((await run(['eval', ...args, '-q'])).stderr).toBe('');
  });

  it('says the same on compare', async () => {
    const { gt, pred, dir, args } = tinyDataset(2);
    writeFileSync(join(gt, 'c.jpg'), 'jpeg');
    const predB = join(dir, 'predB');
    mkdirSync(predB);
    for (const name of readdirSync(pred)) copyFileSync(join(pred, name), join(predB, name));
    const result = await run([
      'compare',
      ...args,
      '--pred',
      predB,
      '--workers',
      '1',
      '--bootstrap',
      '100',
      '-f',
      'json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `warning: 1 ground-truth file with an unsupported extension (.jpg) was skipped and not evaluated: ${join(gt, 'c.jpg')}`,
    );
  });
});
