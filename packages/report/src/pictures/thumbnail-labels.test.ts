import { describe, expect, it } from 'vitest';
import { thumbnailLabels } from './thumbnail-labels.js';

describe('thumbnailLabels', () => {
  it('downscales to the longest side with nearest-neighbour samples (no new values)', () => {
    const width = 1000;
    const height = 300;
    const data = new Uint16Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = i % width < 500 ? 7 : 300 + (i % 3);
    const thumb = thumbnailLabels({ data, width, height }, 256);
    expect([thumb.width, thumb.height]).toEqual([256, 77]);
    const values = new Set(thumb.data);
    for (const v of values) expect([7, 300, 301, 302]).toContain(v);
    expect(thumb.data[0]).toBe(7);
    expect(thumb.data[255]).toBeGreaterThanOrEqual(300);
  });

  it('keeps a small map as it is', () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    const thumb = thumbnailLabels({ data, width: 3, height: 2 }, 256);
    expect(thumb).toEqual({ data: Uint8Array.from(data), width: 3, height: 2 });
    expect(thumbnailLabels({ data: [1, 2], width: 2, height: 1 }).data).toEqual(Float64Array.from([1, 2]));
  });
});
