import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLabelMap } from '../decode-label-map.js';
import { readLabelMap, readLabelMapSync } from './read-label-map.js';
import { writeColorizedPng, writeErrorMapPng, writeFileAtomic, writeLabelPng } from './write-file-atomic.js';

describe('writeFileAtomic', () => {
  it('writeFileAtomic creates parent folders and leaves no temporary file behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'segmetrics-io-'));
    await writeFileAtomic(join(root, 'a/b/c.txt'), 'hello');
    expect(readFileSync(join(root, 'a/b/c.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(join(root, 'a/b'))).toEqual(['c.txt']);
  });

  it('writeFileAtomic throws IO_FAILED naming the file when the target cannot be written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'segmetrics-io-'));
    await writeFileAtomic(join(root, 'file'), 'x');
    await expect(writeFileAtomic(join(root, 'file/inside.txt'), 'x')).rejects.toMatchObject({
      code: 'IO_FAILED',
    });
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
