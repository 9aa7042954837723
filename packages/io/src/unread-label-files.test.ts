import { describe, expect, it } from 'vitest';
import { describeUnreadLabelFiles, findUnreadLabelFiles } from './unread-label-files.js';

describe('findUnreadLabelFiles', () => {
  it('keeps image-like files of another format named like the ids (with a suffix after _ or .)', () => {
    const paths = [
      'a.jpg',
      'city/b_leftImg8bit.JPEG',
      'c.png',
      'c.json',
      'd.npz',
      'other.jpg',
      'e.x.tif',
      'ab.jpg',
    ];
    expect(findUnreadLabelFiles(paths, { ids: ['a', 'city/b', 'c', 'd', 'e'] })).toEqual({
      examples: ['a.jpg', 'city/b_leftImg8bit.JPEG', 'd.npz'],
      count: 4,
      extensions: ['.jpeg', '.jpg', '.npz', '.tif'],
    });
    expect(findUnreadLabelFiles(['ab.jpg', 'a.png', 'a.txt', 'sub/a.jpg'], { ids: ['a'] })).toBeNull();
    // Ids of file names only (pairing with matchBy: 'basename').
    expect(findUnreadLabelFiles(['sub/a.jpg'], { ids: ['a'], matchBy: 'basename' })?.examples).toEqual([
      'sub/a.jpg',
    ]);
  });

  it('keeps every image-like file without ids, and those whose name has a prefix with namePrefixes', () => {
    const paths = ['x/1.tif', 'x/2.TIFF', 'readme.md', '3.png', '.cache/4.jpg', 'x/.5.jpg', 'noext'];
    expect(findUnreadLabelFiles(paths)).toEqual({
      examples: ['x/1.tif', 'x/2.TIFF'],
      count: 2,
      extensions: ['.tif', '.tiff'],
    });
    const results = ['aachen_1_leftImg8bit.jpg', 'r/aachen_1_x.bmp', 'bremen_2_leftImg8bit.jpg'];
    expect(findUnreadLabelFiles(results, { namePrefixes: ['aachen_1'] })?.examples).toEqual([
      'aachen_1_leftImg8bit.jpg',
      'r/aachen_1_x.bmp',
    ]);
    expect(findUnreadLabelFiles(results, { namePrefixes: ['zurich'] })).toBeNull();
  });
});

describe('describeUnreadLabelFiles', () => {
  it('names the files as pathOf shows them, the count of the rest and the formats read; JPEG is lossy', () => {
    const files = { examples: ['a.jpg', 'b.jpg', 'c.jpg'], count: 5, extensions: ['.jpg'] };
    expect(describeUnreadLabelFiles(files, (path) => `pred/${path}`)).toBe(
      'found pred/a.jpg, pred/b.jpg, pred/c.jpg and 2 more: only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy: it changes labels at region edges; save label maps as PNG)',
    );
    expect(describeUnreadLabelFiles({ examples: ['a.tif'], count: 1, extensions: ['.tif'] })).toBe(
      'found a.tif: only PNG (.png) and NumPy (.npy) label maps are read',
    );
  });
});
