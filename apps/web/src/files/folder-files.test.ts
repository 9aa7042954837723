import { pairPaths } from '@segmetrics/io';
import { describe, expect, it } from 'vitest';
import { folderFromPicked, pickedPath } from './folder-files.js';

const picked = (name: string, webkitRelativePath: string) => ({ name, webkitRelativePath });

describe('pickedPath', () => {
  it('keeps the backslashes of a file name that webkitRelativePath writes as separators', () => {
    // Chromium lists gt/c\.d.png as gt/c/.d.png (a hidden file in a folder c).
    expect(pickedPath(picked('c\\.d.png', 'gt/c/.d.png'))).toBe('gt/c\\.d.png');
    expect(pickedPath(picked('e\\f.png', 'gt/sub/e/f.png'))).toBe('gt/sub/e\\f.png');
    expect(pickedPath(picked('a.png', 'gt/sub/a.png'))).toBe('gt/sub/a.png');
    // A loose file (no folder picker).
    expect(pickedPath(picked('a.png', ''))).toBe('a.png');
  });

  it('gives the ids and pairs of the CLI on such names (no file left out as hidden)', () => {
    const files = ['c\\.d.png', 'e\\f.png', 'g.png'];
    const side = (folder: string) =>
      folderFromPicked(
        files.map((name) => ({
          file: {} as File,
          path: pickedPath(picked(name, `${folder}/${name.replaceAll('\\', '/')}`)),
        })),
        folder,
      )!;
    const gt = side('gt');
    const pred = side('pred');
    expect([...gt.files.keys()]).toEqual(files);
    const paired = pairPaths([...gt.files.keys()], [...pred.files.keys()]);
    expect(paired.pairs.map((p) => p.id)).toEqual(['c\\.d', 'e\\f', 'g']);
    expect(paired.missingPredictions).toEqual([]);
  });
});
