import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLabelMap } from '../decode-label-map.js';
import { readLabelMap, readLabelMapSync } from './read-label-map.js';
import {
  removeStaleTempFiles,
  whyNotWritable,
  writeColorizedPng,
  writeErrorMapPng,
  writeFileAtomic,
  writeFileAtomicSync,
  writeFilesAtomic,
  writeLabelPng,
} from './write-file-atomic.js';

const linux = process.platform === 'linux';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'segmetrics-io-'));
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code?: string; context?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; context?: Record<string, unknown> };
  }
  throw new Error('expected the write to fail');
}

describe('writeFileAtomic', () => {
  it('writeFileAtomic creates parent folders and leaves no temporary file behind', async () => {
    const root = folder();
    await writeFileAtomic(join(root, 'a/b/c.txt'), 'hello');
    expect(readFileSync(join(root, 'a/b/c.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(join(root, 'a/b'))).toEqual(['c.txt']);
  });

  it('writeFileAtomic replaces a regular file by rename (new inode) and keeps its permission bits', async () => {
    const root = folder();
    const file = join(root, 'report.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    const before = statSync(file).ino;
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(root)).toEqual(['report.json']);
  });

  it('writeFileAtomic writes through a symbolic link to the file it points to, keeping the link', async () => {
    const root = folder();
    writeFileSync(join(root, 'target.json'), 'old');
    symlinkSync('target.json', join(root, 'link.json'));
    await writeFileAtomic(join(root, 'link.json'), 'new');
    expect(lstatSync(join(root, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'target.json'), 'utf8')).toBe('new');
    expect(readdirSync(root).sort()).toEqual(['link.json', 'target.json']);
  });

  it.runIf(linux)('writeFileAtomic writes through to /dev/null and never replaces the device', async () => {
    await writeFileAtomic('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const root = folder();
    symlinkSync('/dev/null', join(root, 'sink'));
    await writeFileAtomic(join(root, 'sink'), 'discarded');
    expect(lstatSync(join(root, 'sink')).isSymbolicLink()).toBe(true);
  });

  it.runIf(linux)('writeFileAtomic reports ENOSPC on /dev/full as IO_FAILED naming the file', async () => {
    const error = await failure(writeFileAtomic('/dev/full', 'x'));
    expect(error.code).toBe('IO_FAILED');
    expect(error.context).toMatchObject({ file: '/dev/full', errno: 'ENOSPC' });
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it.runIf(linux)(
    'writeFileAtomic writes through a link into /proc/self/fd (the open file keeps its inode)',
    async () => {
      const root = folder();
      const file = join(root, 'out.txt');
      writeFileSync(file, '');
      const fd = openSync(file, 'r+');
      try {
        const before = statSync(file).ino;
        symlinkSync(`/proc/self/fd/${fd}`, join(root, 'stdout-link'));
        await writeFileAtomic(join(root, 'stdout-link'), 'through');
        expect(statSync(file).ino).toBe(before);
        expect(readFileSync(file, 'utf8')).toBe('through');
        expect(lstatSync(join(root, 'stdout-link')).isSymbolicLink()).toBe(true);
      } finally {
        closeSync(fd);
      }
    },
  );

  it.runIf(linux)(
    'writeFileAtomic writes to an own descriptor (/dev/fd/N) at its offset, without reopening it',
    async () => {
      const root = folder();
      const file = join(root, 'log.txt');
      writeFileSync(file, 'kept ');
      const fd = openSync(file, 'a');
      try {
        await writeFileAtomic(`/dev/fd/${fd}`, 'appended');
        expect(readFileSync(file, 'utf8')).toBe('kept appended');
      } finally {
        closeSync(fd);
      }
    },
  );

  it.runIf(linux)('writeFileAtomic writes through to a FIFO', async () => {
    const root = folder();
    const fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on('data', (chunk) => chunks.push(chunk as Buffer))
        .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        .on('error', reject);
    });
    await writeFileAtomic(fifo, 'piped');
    expect(await reader).toBe('piped');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writeFileAtomic throws IO_FAILED naming the file when the target cannot be written', async () => {
    const root = folder();
    await writeFileAtomic(join(root, 'file'), 'x');
    await expect(writeFileAtomic(join(root, 'file/inside.txt'), 'x')).rejects.toMatchObject({
      code: 'IO_FAILED',
    });
    const error = await failure(writeFileAtomic(root, 'x'));
    expect(error).toMatchObject({ code: 'IO_FAILED', context: { file: root, errno: 'EISDIR' } });
  });

  it('writeFileAtomic removes temporary files of dead processes only', async () => {
    const root = folder();
    const file = join(root, 'state.json');
    const dead = join(root, '.state.json.segmetrics-tmp-2147483646-0a1b2c');
    const alive = join(root, `.state.json.segmetrics-tmp-${process.pid}-0a1b2c`);
    const other = join(root, '.other.json.segmetrics-tmp-2147483646-0a1b2c');
    for (const path of [dead, alive, other]) writeFileSync(path, 'partial');
    await writeFileAtomic(file, 'complete');
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
    expect(existsSync(other)).toBe(true);
    writeFileSync(dead, 'partial');
    expect(await removeStaleTempFiles(file)).toEqual([dead]);
  });
});

describe('writeFileAtomicSync', () => {
  it('writeFileAtomicSync has the file on disk when it returns, replacing it by rename and keeping its mode and links', () => {
    const root = folder();
    writeFileAtomicSync(join(root, 'a/b/new.json'), 'first');
    expect(readFileSync(join(root, 'a/b/new.json'), 'utf8')).toBe('first');
    const file = join(root, 'state.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    symlinkSync('state.json', join(root, 'link.json'));
    const before = statSync(file).ino;
    writeFileAtomicSync(join(root, 'link.json'), 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(root, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['a', 'link.json', 'state.json']);
  });

  it('writeFileAtomicSync throws IO_FAILED naming the file for a folder, and leaves no temporary file', () => {
    const root = folder();
    let error: unknown;
    try {
      writeFileAtomicSync(root, 'x');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'IO_FAILED', context: { file: root, errno: 'EISDIR' } });
    writeFileSync(join(root, 'file'), 'x');
    expect(() => writeFileAtomicSync(join(root, 'file/inside.txt'), 'x')).toThrow(
      expect.objectContaining({ code: 'IO_FAILED' }),
    );
    expect(readdirSync(root)).toEqual(['file']);
  });
});

describe('writeFilesAtomic', () => {
  it('writeFilesAtomic renames nothing when a later file or beforeCommit fails', async () => {
    const root = folder();
    const a = join(root, 'a.csv');
    writeFileSync(a, 'old a');
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const error = await failure(
      writeFilesAtomic([
        { path: a, bytes: 'new a' },
        { path: join(blocked, 'b.json'), bytes: 'b' },
      ]),
    );
    expect(error.code).toBe('IO_FAILED');
    expect(readFileSync(a, 'utf8')).toBe('old a');
    await expect(
      writeFilesAtomic([{ path: a, bytes: 'new a' }], {
        beforeCommit: () => {
          throw new Error('stdout is full');
        },
      }),
    ).rejects.toThrow('stdout is full');
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readdirSync(root).sort()).toEqual(['a.csv', 'blocked']);
  });

  it.runIf(linux)('writeFilesAtomic leaves regular targets untouched when a device write fails', async () => {
    const root = folder();
    const a = join(root, 'a.csv');
    const error = await failure(
      writeFilesAtomic([
        { path: a, bytes: 'a' },
        { path: '/dev/full', bytes: 'report' },
      ]),
    );
    expect(error.context).toMatchObject({ file: '/dev/full', errno: 'ENOSPC' });
    expect(readdirSync(root)).toEqual([]);
  });

  it('writeFilesAtomic names the first failing file in order and removes what the others staged', async () => {
    const root = folder();
    const a = join(root, 'a.csv');
    writeFileSync(a, 'old a');
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const first = join(blocked, 'first.json');
    const error = await failure(
      writeFilesAtomic([
        { path: first, bytes: 'x' },
        { path: a, bytes: 'new a'.repeat(100_000) },
        { path: join(blocked, 'second.html'), bytes: 'y' },
      ]),
    );
    expect(error.code).toBe('IO_FAILED');
    expect(error.context).toMatchObject({ file: first });
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readdirSync(root).sort()).toEqual(['a.csv', 'blocked']);
  });

  it('writeFilesAtomic puts back the files already replaced when a later rename fails', async () => {
    const root = folder();
    const a = join(root, 'a.csv');
    const fresh = join(root, 'new.json');
    const b = join(root, 'b.html');
    writeFileSync(a, 'old a');
    writeFileSync(b, 'old b');
    const error = await failure(
      writeFilesAtomic(
        [
          { path: a, bytes: 'new a' },
          { path: fresh, bytes: 'new file' },
          { path: b, bytes: 'new b' },
        ],
        {
          // After staging, b.html becomes a folder that holds a file: its rename fails (EISDIR).
          beforeCommit: () => {
            rmSync(b);
            mkdirSync(b);
            writeFileSync(join(b, 'x'), 'x');
          },
        },
      ),
    );
    expect(error.code).toBe('IO_FAILED');
    expect(error.context).toMatchObject({ file: b });
    // a.csv holds its old content again, the new file is gone, and no temporary file or backup is left.
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readdirSync(root).sort()).toEqual(['a.csv', 'b.html']);
  });

  it('writeFilesAtomic leaves no backup of the replaced files when it succeeds', async () => {
    const root = folder();
    const a = join(root, 'a.csv');
    writeFileSync(a, 'old a');
    await writeFilesAtomic([
      { path: a, bytes: 'new a' },
      { path: join(root, 'b.txt'), bytes: 'b' },
    ]);
    expect(readFileSync(a, 'utf8')).toBe('new a');
    expect(readdirSync(root).sort()).toEqual(['a.csv', 'b.txt']);
  });

  it('writeFilesAtomic writes every file when nothing fails', async () => {
    const root = folder();
    await writeFilesAtomic([
      { path: join(root, 'a.txt'), bytes: 'a' },
      { path: join(root, 'b.bin'), bytes: Uint8Array.from([1, 2, 3]) },
    ]);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('a');
    expect(Array.from(readFileSync(join(root, 'b.bin')))).toEqual([1, 2, 3]);
  });
});

describe('writeLabelPng', () => {
  it('writeLabelPng, writeColorizedPng and writeErrorMapPng write PNGs that read back as their labels', async () => {
    const root = mkdtempSync(join(tmpdir(), 'segmetrics-io-'));
    await writeLabelPng(join(root, 'l.png'), [0, 1, 300, 2], 2, 2);
    expect(Array.from((await readLabelMap(join(root, 'l.png'))).data)).toEqual([0, 1, 300, 2]);
    await writeColorizedPng(join(root, 'c.png'), { data: [0, 1, 2, 1], width: 2, height: 2 }, [[1, 2, 3]]);
    const colorized = readLabelMapSync(join(root, 'c.png'));
    expect(colorized.colorType).toBe('palette');
    expect(Array.from(colorized.data)).toEqual([0, 1, 2, 1]);
    expect(colorized.palette?.[0]).toEqual([1, 2, 3]);
    await writeErrorMapPng(join(root, 'e.png'), [1, 2, 3, 255], [1, 5, 255, 3], {
      width: 2,
      height: 2,
      ignoreIndex: 255,
    });
    expect(Array.from(decodeLabelMap(readFileSync(join(root, 'e.png'))).data)).toEqual([0, 1, 2, 1]);
  });
});

describe('readLabelMap', () => {
  it('readLabelMap throws IO_FAILED naming a missing file', async () => {
    await expect(readLabelMap('/nonexistent/x.png')).rejects.toMatchObject({
      code: 'IO_FAILED',
      context: { file: '/nonexistent/x.png' },
    });
    expect(() => readLabelMapSync('/nonexistent/x.png')).toThrowError(
      expect.objectContaining({ code: 'IO_FAILED' }),
    );
  });
});

describe('whyNotWritable', () => {
  it('whyNotWritable is null where the writers can write, and says why elsewhere, leaving no probe behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmetrics-writable-'));
    writeFileSync(join(dir, 'file'), '');
    symlinkSync(join(dir, 'missing', 'target.json'), join(dir, 'dangling.json'));
    symlinkSync(join(dir, 'file', 'below.json'), join(dir, 'below-link.json'));
    for (const path of [
      join(dir, 'new.json'),
      join(dir, 'a', 'b', 'new.json'),
      join(dir, 'file'),
      join(dir, 'dangling.json'),
      '/dev/null',
    ]) {
      expect(whyNotWritable(path), path).toBeNull();
    }
    expect(whyNotWritable(dir)).toEqual({ errno: 'EISDIR', reason: 'it is a directory; give a file name' });
    expect(whyNotWritable(join(dir, 'file', 'x.json'))?.errno).toBe('ENOTDIR');
    expect(whyNotWritable(join(dir, 'below-link.json'))?.errno).toBe('ENOTDIR');
    expect(readdirSync(dir).sort()).toEqual(['below-link.json', 'dangling.json', 'file']);
    if (process.platform === 'linux' && existsSync('/sys/kernel')) {
      expect(whyNotWritable('/sys/kernel/new/state.json')?.reason).toContain(
        'cannot create files in /sys/kernel',
      );
    }
    if (process.platform === 'linux') {
      // Written through (not replaced), a path in /proc must exist: refused before the work.
      expect(whyNotWritable('/proc/segmetrics-nope/x.json')).toEqual({
        errno: 'ENOENT',
        reason: 'there is nothing at /proc/segmetrics-nope/x.json to write to (ENOENT)',
      });
      expect(whyNotWritable('/proc/self/fd/1')).toBeNull();
      expect(whyNotWritable('/dev/null')).toBeNull();
    }
  });
});
