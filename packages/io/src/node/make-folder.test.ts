import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder, makeFolderSync } from './make-folder.js';

const linux = process.platform === 'linux';

describe('makeFolder', () => {
  it('creates the missing folders, outermost first, and accepts an existing one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'segmetrics-mkdir-'));
    makeFolderSync(join(root, 'a', 'b', 'c'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await makeFolder(join(root, 'x', 'y'));
    expect(statSync(join(root, 'x', 'y')).isDirectory()).toBe(true);
    makeFolderSync(join(root, 'a'));
    await makeFolder(root);
  });

  it('throws for a file in the way (ENOTDIR below it, EEXIST in its place)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'segmetrics-mkdir-'));
    writeFileSync(join(root, 'f'), '');
    expect(() => makeFolderSync(join(root, 'f', 'g'))).toThrowError(
      expect.objectContaining({ code: 'ENOTDIR' }),
    );
    await expect(makeFolder(join(root, 'f', 'g'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(existsSync(join(root, 'f', 'g'))).toBe(false);
  });

  it.runIf(linux)('fails at once under /proc, where a recursive mkdir of Node loops forever', async () => {
    expect(() => makeFolderSync('/proc/segmetrics-nope/a')).toThrowError(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    await expect(makeFolder('/proc/segmetrics-nope/a')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
