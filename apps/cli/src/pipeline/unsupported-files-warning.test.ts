import { join } from 'node:path';
import { findUnreadLabelFiles } from '@segmetrics/io/node';
import { describe, expect, it } from 'vitest';
import { unsupportedFilesWarning } from './unsupported-files-warning.js';

describe('unsupportedFilesWarning', () => {
  it('unsupportedFilesWarning counts image files of unread formats and names a few', () => {
    const dir = '/data/gt';
    const found = findUnreadLabelFiles(['c.jpg', 'notes.txt', 'sub/d.TIF', 'sub/e.jpg', 'sub/f.jpg']);
    expect(unsupportedFilesWarning(dir, found)).toBe(
      `4 ground-truth files with an unsupported extension (.jpg, .tif) were skipped and not evaluated: ${join(dir, 'c.jpg')}, ${join(dir, 'sub/d.TIF')}, ${join(dir, 'sub/e.jpg')} and 1 more; only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy: save label maps as PNG)`,
    );
    expect(unsupportedFilesWarning(dir, findUnreadLabelFiles(['x.bmp']))).toBe(
      `1 ground-truth file with an unsupported extension (.bmp) was skipped and not evaluated: ${join(dir, 'x.bmp')}; only PNG (.png) and NumPy (.npy) label maps are read`,
    );
  });

  it('unsupportedFilesWarning is null without such files', () => {
    expect(unsupportedFilesWarning('/data/gt', null)).toBeNull();
    expect(unsupportedFilesWarning('/data/gt', findUnreadLabelFiles(['meta.json', 'a.png']))).toBeNull();
  });
});
