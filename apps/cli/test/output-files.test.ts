import { execFileSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';
import { errorLines, read, run, runProcess, STACK_TRACE, tempDir, tinyDataset } from './helpers.js';

const linux = process.platform === 'linux';

/** A pid that no process has: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = await runProcess(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout);
}

describe('segmetrics output files', () => {
  it('refuses --save-state over an existing file unless it is the state being resumed, keeping it as it was', async () => {
    const { args, dir } = tinyDataset(3);
    const state = join(dir, 'state.json');
    expect((await run(['eval', ...args, '--save-state', state, '-q'])).code).toBe(0);
    const complete = read(state);
    const again = await run(['eval', ...args, '--save-state', state, '-q']);
    expect(again.code).toBe(2);
    expect(errorLines(again.stderr)[0]).toContain(`--resume ${state}`);
    expect(read(state)).toBe(complete);
    // Resuming it (and saving back to it, or through --save-state naming the same file) is fine.
    expect((await run(['eval', ...args, '--resume', state, '-q'])).code).toBe(0);
    expect((await run(['eval', ...args, '--resume', state, '--save-state', state, '-q'])).code).toBe(0);
  });

  it('refuses a file option given an empty name as a usage error naming the option', async () => {
    const { args } = tinyDataset(2);
    for (const option of ['-o', '--per-image', '--report', '--save-state', '--label-map']) {
      const result = await run(['eval', ...args, option, '', '-q']);
      expect(result.code, `${option}: ${result.stderr}`).toBe(2);
      expect(errorLines(result.stderr)[0], option).toContain('needs a file name');
    }
    const merge = await run(['merge', '', '-o', join(tempDir('merge-empty'), 'x.json')]);
    expect(merge.code).toBe(2);
  });

  it('refuses an input folder or state file given an empty name as a usage error naming the option', async () => {
    const { gt, pred } = tinyDataset(2);
    const cases: [option: string, args: string[]][] = [
      ['--gt', ['eval', '--gt', '', '--pred', pred, '-n', '3']],
      ['--pred', ['eval', '--gt', gt, '--pred', '', '-n', '3']],
      ['--gt', ['compare', '--gt', '', '--pred', pred, '--pred', pred, '-n', '3']],
      ['--pred', ['compare', '--gt', gt, '--pred', pred, '--pred', ' ', '-n', '3']],
      ['state file', ['compare', '', 'b.json']],
      ['--a-state', ['compare', '--a-state', '', '--b-state', 'b.json']],
      ['--b-state', ['compare', '--a-state', 'a.json', '--b-state', '']],
      ['state file', ['merge', 'a.json', '']],
    ];
    for (const [option, args] of cases) {
      const result = await run([...args, '-q']);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(errorLines(result.stderr)[0], args.join(' ')).toBe(
        `error: ${option}: needs a file name, got an empty one`,
      );
    }
  });

  it('refuses an output that is a label map it reads (also through a link, and in compare) and leaves it as it was', async () => {
    const { args, gt, pred } = tinyDataset(2);
    const files = readdirSync(gt).sort();
    const gtFile = join(gt, files[0]!);
    const predFile = join(pred, readdirSync(pred).sort()[1]!);
    const link = join(tempDir('link'), 'report.json');
    symlinkSync(gtFile, link);
    const before = [read(gtFile), read(predFile)];
    for (const [option, path, problem] of [
      ['-o', gtFile, 'a label map this run reads'],
      ['--per-image', link, 'a label map this run reads'],
      ['--report', predFile, 'a label map this run reads'],
      // An existing file is never a new state file (see the --save-state test below).
      ['--save-state', predFile, 'already exists'],
    ] as const) {
      const result = await run(['eval', ...args, option, path, '-q']);
      expect(result.code, `${option} ${path}: ${result.stderr}`).toBe(2);
      expect(errorLines(result.stderr)).toEqual([expect.stringContaining(problem)]);
    }
    const compare = await run(['compare', '--gt', gt, '--pred', pred, '--pred', pred, '-o', predFile, '-q']);
    expect(compare.code, compare.stderr).toBe(2);
    expect([read(gtFile), read(predFile)]).toEqual(before);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it.runIf(linux)('writes through to /dev/null and never replaces the device', async () => {
    const { args } = tinyDataset();
    const result = await run(['eval', ...args, '-o', '/dev/null', '--per-image', '/dev/null', '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(linux)(
    'reports ENOSPC on /dev/full as one error line naming it, and leaves no per-image file',
    async () => {
      const { args } = tinyDataset();
      const dir = tempDir('full');
      const perImage = join(dir, 'images.csv');
      const result = await run(['eval', ...args, '-o', '/dev/full', '--per-image', perImage]);
      expect(result.code).toBe(1);
      expect(errorLines(result.stderr)).toEqual([expect.stringContaining('/dev/full')]);
      expect(errorLines(result.stderr)[0]).toContain('ENOSPC');
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(readdirSync(dir)).toEqual([]);
      writeFileSync(perImage, 'previous');
      expect((await run(['eval', ...args, '-o', '/dev/full', '--per-image', perImage])).code).toBe(1);
      expect(read(perImage)).toBe('previous');
      expect(readdirSync(dir)).toEqual(['images.csv']);
    },
  );

  it.runIf(linux)('fails with one error line when a periodic state save fails (ENOSPC)', async () => {
    const { args } = tinyDataset(6);
    const result = await run(['eval', ...args, '--save-state', '/dev/full', '--workers', '1'], {
      SEGMETRICS_SAVE_INTERVAL: '0',
    });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([expect.stringContaining('/dev/full')]);
  });

  it('reports a stdout that cannot be written as one error line, and then writes no file', async () => {
    const { args } = tinyDataset();
    const dir = tempDir('stdout-full');
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    stdout.on('error', () => undefined);
    let stderr = '';
    const code = await runCli(['eval', ...args, '--per-image', join(dir, 'images.csv')], {
      stdout,
      stderr: { write: (text: string) => (stderr += text) },
      env: { NO_COLOR: '1' },
      exitCode: 0,
    });
    expect(code).toBe(1);
    expect(errorLines(stderr)).toEqual([
      'error: cannot write to stdout: ENOSPC: no space left on device, write',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(linux)(
    'writes through a link to /proc/self/fd/N, as sort -o does, keeping the open file',
    async () => {
      const { args } = tinyDataset();
      const dir = tempDir('proc-link');
      const file = join(dir, 'captured.txt');
      writeFileSync(file, '');
      const fd = openSync(file, 'r+');
      try {
        const inode = statSync(file).ino;
        symlinkSync(`/proc/self/fd/${fd}`, join(dir, 'stdout'));
        const result = await run(['eval', ...args, '--format', 'csv', '-o', join(dir, 'stdout'), '-q']);
        expect(result.code, result.stderr).toBe(0);
        expect(statSync(file).ino).toBe(inode);
        expect(read(file)).toMatch(/^kind,id,name,/);
        expect(lstatSync(join(dir, 'stdout')).isSymbolicLink()).toBe(true);
      } finally {
        closeSync(fd);
      }
    },
  );

  it.runIf(linux)('writes through to a FIFO', async () => {
    const { args } = tinyDataset();
    const fifo = join(tempDir('fifo'), 'report.pipe');
    execFileSync('mkfifo', [fifo]);
    const received = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on('data', (chunk) => chunks.push(chunk as Buffer))
        .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        .on('error', reject);
    });
    const result = await run(['eval', ...args, '--format', 'json', '-o', fifo, '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(await received).schemaVersion).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('replaces a regular file through a symbolic link, keeping the link', async () => {
    const { args } = tinyDataset();
    const dir = tempDir('link');
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync('real.json', join(dir, 'report.json'));
    expect(
      (await run(['eval', ...args, '--format', 'json', '-o', join(dir, 'report.json'), '-q'])).code,
    ).toBe(0);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(read(join(dir, 'real.json'))).schemaVersion).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['real.json', 'report.json']);
  });

  it('reports a folder as output (EISDIR) as one error line naming it', async () => {
    const { args } = tinyDataset();
    const dir = tempDir('eisdir');
    const result = await run(['eval', ...args, '-o', dir]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([expect.stringContaining(dir)]);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('creates missing parent folders of a new output file', async () => {
    const { args } = tinyDataset();
    const out = join(tempDir('parents'), 'a', 'b', 'report.json');
    expect((await run(['eval', ...args, '--format', 'json', '-o', out, '-q'])).code).toBe(0);
    expect(JSON.parse(read(out)).schemaVersion).toBe(1);
  });
});

describe('segmetrics outputs never overwrite accumulated results', () => {
  it.each([
    ['--save-state X -o X', ['--save-state', 'X', '-o', 'X']],
    ['--per-image X --save-state X', ['--per-image', 'X', '--save-state', 'X']],
    ['--per-image X -o X', ['--per-image', 'X', '-o', 'X']],
    ['-o ./sub/../X --save-state X', ['-o', 'sub/../X', '--save-state', 'X']],
    ['--resume X -o X', ['--resume', 'X', '-o', 'X']],
    ['-o X --label-map X', ['-o', 'X', '--label-map', 'X']],
    ['--report X --save-state X', ['--report', 'X', '--save-state', 'X']],
  ])('refuses %s as a usage error and leaves X as it was', async (_name, flags) => {
    const { args } = tinyDataset();
    const dir = tempDir('collision');
    mkdirSync(join(dir, 'sub'));
    const state = join(dir, 'X');
    const first = await run(['eval', ...args, '--save-state', state, '--stop-after', '1', '--workers', '1']);
    expect(first.code).toBe(130);
    const before = read(state);
    const result = await run([
      'eval',
      ...args,
      ...flags.map((f) => (f === 'X' || f === 'sub/../X' ? join(dir, f) : f)),
    ]);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toHaveLength(1);
    expect(errorLines(result.stderr)[0]).toContain(state);
    expect(read(state)).toBe(before);
  });

  it('refuses an output that is a symbolic link to the state file', async () => {
    const { args } = tinyDataset();
    const dir = tempDir('collision-link');
    const state = join(dir, 'state.json');
    expect((await run(['eval', ...args, '--save-state', state, '-q'])).code).toBe(0);
    symlinkSync(state, join(dir, 'alias.json'));
    const result = await run(['eval', ...args, '--save-state', state, '-o', join(dir, 'alias.json')]);
    expect(result.code).toBe(2);
  });

  it('accepts --resume X --save-state X (the state is updated in place)', async () => {
    const { args } = tinyDataset(3);
    const state = join(tempDir('resume-same'), 'state.json');
    expect(
      (await run(['eval', ...args, '--save-state', state, '--stop-after', '1', '--workers', '1'])).code,
    ).toBe(130);
    const result = await run(['eval', ...args, '--resume', state, '--save-state', state, '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(read(state)).complete).toBe(true);
  });

  it('leaves no per-image CSV or report behind when the evaluation fails', async () => {
    const { args, pred } = tinyDataset();
    writeFileSync(join(pred, 'b.png'), 'broken');
    const dir = tempDir('failed-run');
    const result = await run([
      'eval',
      ...args,
      ...['-o', join(dir, 'r.json'), '--per-image', join(dir, 'i.csv'), '--report', join(dir, 'r.html')],
    ]);
    expect(result.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes temporary files of killed runs beside its outputs, and only those', async () => {
    const { args, pred } = tinyDataset();
    const dir = tempDir('stale');
    const dead = await deadPid();
    const stale = [
      join(dir, `.report.json.segmetrics-tmp-${dead}-0a1b2c3d`),
      join(dir, `.state.json.segmetrics-tmp-${dead}-0a1b2c3d`),
      join(dir, `.images.csv.segmetrics-tmp-${dead}-ffff`),
    ];
    const kept = [
      join(dir, `.report.json.segmetrics-tmp-${process.pid}-0a1b2c3d`),
      join(dir, `.other.json.segmetrics-tmp-${dead}-0a1b2c3d`),
      join(dir, '.report.json.tmp'),
    ];
    for (const file of [...stale, ...kept]) writeFileSync(file, 'partial');
    // Even a run that then fails cleans up first.
    writeFileSync(join(pred, 'b.png'), 'broken');
    const flags = ['-o', join(dir, 'report.json'), '--save-state', join(dir, 'state.json')];
    const result = await run(['eval', ...args, ...flags, '--per-image', join(dir, 'images.csv')]);
    expect(result.code).toBe(1);
    for (const file of stale) expect(existsSync(file), file).toBe(false);
    for (const file of kept) expect(existsSync(file), file).toBe(true);
  });
});
