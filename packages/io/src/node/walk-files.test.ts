import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeLabelPng } from '../encode.js';
import { pairDatasets } from './pair-datasets.js';
import { walkFiles } from './walk-files.js';

function tree(files: Record<string, Uint8Array | string>): string {
  const root = mkdtempSync(join(tmpdir(), 'segmetrics-walk-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const png = (value: number) => encodeLabelPng([value, value, value, value], 2, 2);
const isPng = (name: string) => name.toLowerCase().endsWith('.png');

describe('walkFiles', () => {
  it('walkFiles lists each real file once through a symbolic-link loop and reports the loop', async () => {
    const root = tree({ 'a.png': png(1), 'sub/b.png': png(2) });
    symlinkSync('.', join(root, 'loop'));
    symlinkSync('..', join(root, 'sub', 'up'));
    const { files, skipped } = await walkFiles(root, isPng);
    expect(files.map((f) => f.relative)).toEqual(['a.png', 'sub/b.png']);
    expect(skipped).toEqual([
      { relative: 'sub/up', reason: 'duplicate', duplicateOf: '', directory: true },
      { relative: 'loop', reason: 'duplicate', duplicateOf: '', directory: true },
    ]);
  });

  it.runIf(process.platform === 'linux')(
    'walkFiles names a label file or folder whose name is not UTF-8 (bytes escaped); other files pass',
    async () => {
      const root = tree({ 'a.png': png(1), 'notes.txt': 'x' });
      const latin1 = (text: string) => Buffer.from(text, 'latin1');
      // caf\xe9.png (Latin-1), and a text file with such a name, which is not a label file.
      writeFileSync(Buffer.concat([Buffer.from(`${root}/`), latin1('caf\u00e9.png')]), png(2));
      writeFileSync(Buffer.concat([Buffer.from(`${root}/`), latin1('r\u00e9sum\u00e9.txt')]), 'x');
      await expect(walkFiles(root, isPng)).rejects.toMatchObject({
        code: 'IO_FAILED',
        message: expect.stringContaining(
          `${join(root, 'caf\\xe9.png')}: the file name is not valid UTF-8 (its bytes are shown as \\xNN)`,
        ),
      });
      const other = tree({ 'a.png': png(1) });
      writeFileSync(Buffer.concat([Buffer.from(`${other}/`), latin1('r\u00e9sum\u00e9.txt')]), 'x');
      expect((await walkFiles(other, isPng)).files.map((f) => f.relative)).toEqual(['a.png']);
      const folder = tree({ 'a.png': png(1) });
      mkdirSync(Buffer.concat([Buffer.from(`${folder}/`), latin1('d\u00e9j\u00e0')]));
      await expect(walkFiles(folder, isPng)).rejects.toMatchObject({
        message: expect.stringContaining('d\\xe9j\\xe0: the folder name is not valid UTF-8'),
      });
      // A link so named (to a folder of label files) is refused too, with a hint.
      const linked = tree({ 'a.png': png(1), 'real/b.png': png(2) });
      symlinkSync('real', Buffer.concat([Buffer.from(`${linked}/`), latin1('l\u00e9')]));
      await expect(walkFiles(linked, isPng)).rejects.toMatchObject({
        message: expect.stringContaining('l\\xe9: the link name is not valid UTF-8'),
        context: expect.objectContaining({
          hint: expect.stringContaining('reads file and folder names as UTF-8'),
        }),
      });
    },
  );

  it('walkFiles prefers the physical path, reports dangling links and skips dot entries', async () => {
    const root = tree({ 'z/real.png': png(1), '.hidden/c.png': png(1), '.d.png': png(1) });
    symlinkSync('z', join(root, 'a-link'));
    symlinkSync('z/real.png', join(root, 'alias.png'));
    symlinkSync('missing.png', join(root, 'broken.png'));
    symlinkSync('self.png', join(root, 'self.png'));
    const { files, skipped } = await walkFiles(root, isPng);
    expect(files.map((f) => f.relative)).toEqual(['z/real.png']);
    expect(skipped).toEqual([
      { relative: 'a-link', reason: 'duplicate', duplicateOf: 'z', directory: true },
      { relative: 'alias.png', reason: 'duplicate', duplicateOf: 'z/real.png' },
      { relative: 'broken.png', reason: 'dangling-link' },
      { relative: 'self.png', reason: 'dangling-link' },
    ]);
  });

  it('walkFiles follows links to folders outside the tree and reports links to devices and FIFOs', async () => {
    const outside = tree({ 'x.png': png(1) });
    const root = tree({ 'in.png': png(2) });
    symlinkSync(outside, join(root, 'ext'));
    symlinkSync('/dev/zero', join(root, 'zero.png'));
    execFileSync('mkfifo', [join(root, 'fifo.png')]);
    const { files, skipped } = await walkFiles(root, isPng);
    expect(files.map((f) => f.relative)).toEqual(['in.png', 'ext/x.png']);
    expect(skipped).toEqual([
      { relative: 'fifo.png', reason: 'not-a-file' },
      { relative: 'zero.png', reason: 'not-a-file' },
    ]);
  });

  it('walkFiles lists a tree in the same order whatever its links are met by', async () => {
    const root = tree({ 'b/1.png': png(1), 'a/2.png': png(1), 'c/3.PNG': png(1) });
    symlinkSync('a', join(root, 'c', 'link'));
    const first = await walkFiles(root, isPng);
    const second = await walkFiles(root, isPng);
    expect(first).toEqual(second);
    expect(first.files.map((f) => f.relative)).toEqual(['a/2.png', 'b/1.png', 'c/3.PNG']);
  });
});

describe('pairDatasets with links', () => {
  it('pairDatasets counts each image once when both folders hold a symbolic-link loop', async () => {
    const root = tree({
      'gt/a.png': png(1),
      'gt/s/b.png': png(1),
      'pred/a.png': png(1),
      'pred/s/b.png': png(1),
    });
    symlinkSync('.', join(root, 'gt', 'loop'));
    symlinkSync('.', join(root, 'pred', 'loop'));
    const result = await pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(result.pairs.map((p) => p.id)).toEqual(['a', 's/b']);
    expect(result.missingPredictions).toEqual([]);
    expect(result.unmatchedPredictions).toEqual([]);
    expect(result.skipped).toEqual([
      { side: 'gt', path: join(root, 'gt', 'loop'), reason: 'duplicate', duplicateOf: join(root, 'gt') },
      {
        side: 'pred',
        path: join(root, 'pred', 'loop'),
        reason: 'duplicate',
        duplicateOf: join(root, 'pred'),
      },
    ]);
  });

  it('pairDatasets reports a dangling link nobody pairs, and refuses one whose key has a counterpart', async () => {
    const root = tree({ 'gt/a.png': png(1), 'pred/a.png': png(1), 'pred/b.png': png(1) });
    symlinkSync('nowhere.png', join(root, 'gt', 'c.png'));
    const ok = await pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(ok.pairs.map((p) => p.id)).toEqual(['a']);
    expect(ok.skipped).toEqual([{ side: 'gt', path: join(root, 'gt', 'c.png'), reason: 'dangling-link' }]);
    symlinkSync('nowhere.png', join(root, 'gt', 'b.png'));
    await expect(
      pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') }),
    ).rejects.toMatchObject({
      code: 'IO_FAILED',
      context: { file: join(root, 'gt', 'b.png'), id: 'b', reason: 'dangling-link' },
    });
    // excluded ids are not part of a pair
    const excluded = await pairDatasets({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      exclude: ['b'],
    });
    expect(excluded.pairs.map((p) => p.id)).toEqual(['a']);
  });

  it('pairDatasets refuses a device or FIFO named like a label map when it would be paired', async () => {
    const root = tree({ 'gt/a.png': png(1), 'pred/x.png': png(1) });
    symlinkSync('/dev/zero', join(root, 'pred', 'a.png'));
    await expect(
      pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') }),
    ).rejects.toMatchObject({
      code: 'IO_FAILED',
      context: { file: join(root, 'pred', 'a.png'), reason: 'not-a-file' },
    });
  });

  it('pairDatasets refuses two keys for one file when both would be paired, and allows a same-key alias', async () => {
    const root = tree({ 'gt/a.png': png(1), 'pred/a.png': png(1), 'pred/b.png': png(2) });
    symlinkSync('a.png', join(root, 'gt', 'b.png'));
    await expect(
      pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') }),
    ).rejects.toMatchObject({
      code: 'PAIRING_FAILED',
      context: { file: join(root, 'gt', 'b.png'), id: 'b', duplicateOf: join(root, 'gt', 'a.png') },
    });
    // basename matching: a nested alias of a flat file has the same key and changes nothing
    const flat = tree({ 'gt/city/x.png': png(1), 'pred/x.png': png(1) });
    symlinkSync('city', join(flat, 'gt', 'again'));
    const result = await pairDatasets({
      gtDir: join(flat, 'gt'),
      predDir: join(flat, 'pred'),
      matchBy: 'basename',
    });
    expect(result.pairs.map((p) => [p.id, p.gtPath])).toEqual([['x', join(flat, 'gt', 'city', 'x.png')]]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['duplicate']);
  });
});
