import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsupportedFilesWarning } from './unsupported-files-warning.js';

function folder(files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmetrics-unsupported-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('unsupportedFilesWarning', () => {
  it('unsupportedFilesWarning counts image files of unread formats, recursively, and names a few', async () => {
    const dir = folder(['a.PNG', 'b.png', 'c.jpg', 'sub/d.TIF', 'sub/e.jpg', 'sub/f.jpg', 'notes.txt']);
    expect(await unsupportedFilesWarning(dir)).toBe(
      `4 ground-truth files with an unsupported extension (.jpg, .tif) were skipped and not evaluated: ${join(dir, 'c.jpg')}, ${join(dir, 'sub/d.TIF')}, ${join(dir, 'sub/e.jpg')} and 1 more; only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy: save label maps as PNG)`,
    );
  });

  it('unsupportedFilesWarning is null without such files, for hidden ones, and for a folder it cannot list', async () => {
    const dir = folder(['a.png', 'b.npy', 'meta.json', '.cache/x.jpg']);
    expect(await unsupportedFilesWarning(dir)).toBeNull();
    expect(await unsupportedFilesWarning(join(dir, 'missing'))).toBeNull();
  });
});
