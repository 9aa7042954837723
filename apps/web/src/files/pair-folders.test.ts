import { describe, expect, it } from 'vitest';
import type { FolderFiles } from './folder-files.js';
import { folderFromPicked } from './folder-files.js';
import { pairFolders } from './pair-folders.js';

function folder(name: string, paths: readonly string[]): FolderFiles {
  return folderFromPicked(
    paths.map((path) => ({ file: new File([path], path), path: `${name}/${path}` })),
    name,
  )!;
}

describe('folderFromPicked', () => {
  it('folderFromPicked takes the chosen folder’s name from the first path segment', () => {
    const picked = folder('gt', ['a/x.png', 'y.png']);
    expect(picked.name).toBe('gt');
    expect([...picked.files.keys()]).toEqual(['a/x.png', 'y.png']);
    expect(folderFromPicked([], 'gt')).toBeNull();
  });
});

describe('pairFolders', () => {
  it('pairFolders pairs by relative path without extension and lists extra predictions', () => {
    const paired = pairFolders(
      folder('gt', ['a/1.png', 'b.png']),
      [folder('pred', ['a/1.png', 'b.npy', 'extra.png'])],
      {},
    );
    expect(paired.pairs.map((pair) => [pair.id, pair.gtPath, pair.predPath])).toEqual([
      ['a/1', 'gt/a/1.png', 'pred/a/1.png'],
      ['b', 'gt/b.png', 'pred/b.npy'],
    ]);
    expect(paired.unmatched).toEqual([{ folder: 'pred', ids: ['extra'] }]);
    expect(paired.skippedGroundTruth).toBeNull();
  });

  it('pairFolders words the ground truth of an unread format it left out as the CLI does', () => {
    const paired = pairFolders(
      folder('gt', ['a_mask.png', 'b.jpg', 'c.jpg', 'c_mask.png', 'notes.txt']),
      [folder('pred', ['a.png', 'c.png'])],
      { gtSuffix: '_mask.png' },
    );
    expect(paired.pairs.map((pair) => pair.id)).toEqual(['a', 'c']);
    // c.jpg is the image beside c's label map, not a label map left out.
    expect(paired.skippedGroundTruth).toBe(
      '1 ground-truth file with an unsupported extension (.jpg) was skipped and not evaluated: gt/b.jpg; only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy: save label maps as PNG)',
    );
  });

  it('pairFolders refuses ground truth without a prediction in either folder, listing the files', () => {
    const gt = folder('gt', ['1.png', '2.png']);
    expect(() => pairFolders(gt, [folder('pred', ['1.png'])], {})).toThrow(
      expect.objectContaining({ code: 'PAIRING_FAILED', message: expect.stringContaining('in pred: 2') }),
    );
    expect(() =>
      pairFolders(gt, [folder('pred', ['1.png', '2.png']), folder('pred-b', ['2.png'])], {}),
    ).toThrow(
      expect.objectContaining({ code: 'PAIRING_FAILED', message: expect.stringContaining('pred-b') }),
    );
    expect(() => pairFolders(folder('gt', ['notes.txt']), [folder('pred', ['x.png'])], {})).toThrow(
      expect.objectContaining({ code: 'PAIRING_FAILED' }),
    );
  });

  it('pairFolders names label maps saved in a format that is not read (JPEG predictions, TIFF ground truth)', () => {
    expect(() =>
      pairFolders(folder('gt', ['1.png', '2.png']), [folder('pred', ['1.jpg', '2.jpg'])], {}),
    ).toThrow(
      expect.objectContaining({
        code: 'PAIRING_FAILED',
        message: expect.stringContaining(
          'in pred: 1, 2; found pred/1.jpg, pred/2.jpg: only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy',
        ),
      }),
    );
    expect(() => pairFolders(folder('gt', ['1.tif']), [folder('pred', ['1.png'])], {})).toThrow(
      expect.objectContaining({
        message:
          'gt: no ground-truth label maps found; found gt/1.tif: only PNG (.png) and NumPy (.npy) label maps are read',
      }),
    );
  });

  it('pairFolders blames the globs, not the file formats, when include/exclude keep nothing', () => {
    expect(() =>
      pairFolders(folder('gt', ['a.png', 'photo.jpg']), [folder('pred', ['a.png'])], { include: ['x*'] }),
    ).toThrow(
      expect.objectContaining({
        message: 'gt: no ground-truth label maps found that the include/exclude globs keep',
      }),
    );
  });

  it('pairFolders gives each pair both predictions when comparing two folders', () => {
    const paired = pairFolders(folder('gt', ['1.png']), [folder('a', ['1.png']), folder('b', ['1.png'])], {});
    expect(paired.pairs[0]).toMatchObject({ predPath: 'a/1.png', predBPath: 'b/1.png' });
  });
});
