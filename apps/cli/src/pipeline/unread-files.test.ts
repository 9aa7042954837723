import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreadFilesClause } from './unread-files.js';

function folder(files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmetrics-unread-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('unreadFilesClause', () => {
  it('lists the folder recursively and names what it finds with the folder', async () => {
    const dir = folder(['city/b_leftImg8bit.jpg', 'a.png']);
    expect(await unreadFilesClause(dir, { ids: ['city/b'] })).toBe(
      `; found ${join(dir, 'city', 'b_leftImg8bit.jpg')}: only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy: it changes labels at region edges; save label maps as PNG)`,
    );
  });

  it('is empty when nothing is found or the folder cannot be listed', async () => {
    const dir = folder(['a.png']);
    expect(await unreadFilesClause(dir)).toBe('');
    expect(await unreadFilesClause(join(dir, 'missing'))).toBe('');
  });
});
