import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import {
  CITYSCAPES_ARGS,
  CLI,
  errorLines,
  read,
  runJson,
  runProcess,
  STACK_TRACE,
  spawnCli,
  spawnCliAsync,
  tempDir,
  tinyDataset,
} from './helpers.js';

// The built bin in child processes: exit codes, real stdout and stderr, signals, worker threads. Every
// other behaviour is tested in-process (see helpers.run).

const linux = process.platform === 'linux';
const dataset = CITYSCAPES_ARGS;
const big = join(parityFixtureRoot(), 'sixteen_bit_300');
const bigArgs = [
  '--gt',
  join(big, 'gt'),
  '--pred',
  join(big, 'pred'),
  '-n',
  '300',
  '--ignore-index',
  '65535',
];

describe('segmetrics bin', () => {
  it('exits 0 with the table on stdout, 2 with the usage for a bad option', async () => {
    const ok = await spawnCli(['eval', ...dataset, '-q']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('mIoU');
    const usage = await spawnCli(['eval', ...dataset, '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown option '--bogus'");
    expect((await spawnCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints the version for --version and -v as commander does (answered before commander loads)', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const result = await spawnCli([flag]);
      expect([result.code, result.stdout, result.stderr], flag).toEqual([0, `${version}\n`, '']);
    }
    // With anything else on the line, commander parses it as before.
    expect((await spawnCli(['--version', 'eval'])).stdout).toBe(`${version}\n`);
  });

  it.runIf(linux)(
    'reports a full stdout (> /dev/full) as one error line, exit code 1, no stack trace',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        for (const args of [['eval', ...dataset, '-q'], ['--help']]) {
          const result = await spawnCli(args, {}, { stdio: ['ignore', full, 'pipe'] });
          expect(result.code, args[0]).toBe(1);
          expect(errorLines(result.stderr)).toEqual([
            expect.stringContaining('cannot write to stdout: ENOSPC'),
          ]);
          expect(result.stderr).not.toMatch(STACK_TRACE);
        }
      } finally {
        closeSync(full);
      }
    },
  );

  it.runIf(linux)('stays quiet when the reader of stdout goes away (| head)', async () => {
    const result = await runProcess(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" eval ${bigArgs.join(' ')} --format json -q | head -c 10 > /dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`,
      ],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(result.stderr.trim()).toBe('exit=0');
  });

  it.runIf(linux)(
    'writes -o /dev/stdout through to the real stdout: a pipe, or a file that keeps its inode',
    async () => {
      const piped = await spawnCli(['eval', ...dataset, '--format', 'json', '-o', '/dev/stdout', '-q']);
      expect(piped.code, piped.stderr).toBe(0);
      expect(JSON.parse(piped.stdout).schemaVersion).toBe(1);
      const file = join(tempDir('stdout-file'), 'out.json');
      const fd = openSync(file, 'w');
      try {
        const inode = statSync(file).ino;
        const result = await spawnCli(
          ['eval', ...dataset, '--format', 'json', '-o', '/dev/stdout', '-q'],
          {},
          {
            stdio: ['ignore', fd, 'pipe'],
          },
        );
        expect(result.code, result.stderr).toBe(0);
        expect(statSync(file).ino).toBe(inode);
        expect(JSON.parse(read(file)).schemaVersion).toBe(1);
        expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
      } finally {
        closeSync(fd);
      }
    },
  );

  it.runIf(linux)(
    'reports a folder it may not write (EACCES) as one error line naming the file',
    async () => {
      const { args, dir } = tinyDataset();
      const out = tempDir('eacces');
      const root = process.getuid?.() === 0;
      // As root every folder is writable: run as `nobody` instead, on files it may read.
      chmodSync(dir, 0o755);
      chmodSync(out, root ? 0o755 : 0o555);
      const result = await spawnCli(
        ['eval', ...args, '-o', join(out, 'report.json')],
        {},
        root ? { uid: 65534, gid: 65534 } : {},
      );
      expect(result.code, result.stderr).toBe(1);
      expect(errorLines(result.stderr)).toEqual([expect.stringContaining(join(out, 'report.json'))]);
      expect(errorLines(result.stderr)[0]).toContain('EACCES');
      expect(readdirSync(out)).toEqual([]);
    },
  );

  it('gives byte-identical JSON with worker threads (--workers 2, 3) and in one thread', async () => {
    const flags = ['eval', ...dataset, '--aggregate', 'image', '--format', 'json', '-q'];
    const one = await spawnCli([...flags, '--workers', '1']);
    expect(one.code, one.stderr).toBe(0);
    for (const workers of ['2', '3'])
      expect((await spawnCli([...flags, '--workers', workers])).stdout).toBe(one.stdout);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ])(
    'on %s writes a valid state and exits with %i; resuming gives the single-run report',
    async (signal, code) => {
      const state = join(tempDir('signal'), 'state.json');
      const stopped = await spawnCli(['eval', ...dataset, '--save-state', state, '--workers', '2'], {
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
      expect(await runJson(['eval', ...dataset, '--resume', state, '--workers', '1'])).toEqual(
        await runJson(['eval', ...dataset, '--workers', '1']),
      );
    },
  );

  it('after SIGKILL, the next run resumes from a valid state and leaves no temporary file', async () => {
    const dir = tempDir('sigkill');
    const state = join(dir, 'state.json');
    const child = spawnCliAsync(['eval', ...bigArgs, '--save-state', state, '--workers', '1', '-q'], {
      SEGMETRICS_SAVE_INTERVAL: '0',
    });
    const deadline = Date.now() + 60_000;
    while (!existsSync(state) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const resumed = await runJson(['eval', ...bigArgs, '--resume', state, '--workers', '1']);
    expect(resumed).toEqual(await runJson(['eval', ...bigArgs, '--workers', '1']));
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});
