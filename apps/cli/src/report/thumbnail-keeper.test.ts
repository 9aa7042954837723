import type { ReportThumbnails } from '@segmetrics/report/pictures';
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_THUMBNAILS, ThumbnailKeeper } from './thumbnail-keeper.js';

/** Thumbnails that say which image they were made from (their width). */
function made(calls: number[]) {
  return (gt: { width: number }): ReportThumbnails => {
    calls.push(gt.width);
    const codes = { data: new Uint8Array(1), width: 1, height: 1 };
    return { width: gt.width, height: 1, codes: { gt: codes, pred: codes, states: new Uint8Array(1) } };
  };
}

const map = (n: number) => ({ data: new Uint8Array(n), width: n, height: 1 });

describe('ThumbnailKeeper', () => {
  it('keeps the N worst images offered (lower score, NaN last, ties by sample id) and samples no other', () => {
    const calls: number[] = [];
    const keeper = new ThumbnailKeeper(3, made(calls));
    const offers: [string, number][] = [
      ['a', 0.9],
      ['b', Number.NaN],
      ['c', 0.5],
      ['d', 0.95], // full (c, a, b): before b (NaN ranks last), which it evicts
      ['e', 0.5], // ties with c: after it by id, before a; evicts d
      ['f', Number.NaN], // ranks after every kept image: not sampled
      ['g', 0.1],
    ];
    offers.forEach(([id, score], i) => {
      keeper.offer(id, score, map(i + 1), map(i + 1));
    });
    expect(keeper.ids).toEqual(['g', 'c', 'e']);
    expect(calls).toEqual([1, 2, 3, 4, 5, 7]);
    expect(keeper.get('e')?.width).toBe(5);
    expect(keeper.get('a')).toBeUndefined();
  });

  it('hands out what it kept since the last call and still keeps, and gathers other threads’ entries', () => {
    const worker = new ThumbnailKeeper(2, made([]));
    worker.offer('x', 0.3, map(1), map(1));
    worker.offer('y', 0.2, map(2), map(2));
    const first = worker.takeFresh();
    expect(first.map((e) => e.id)).toEqual(['y', 'x']);
    worker.offer('z', 0.25, map(3), map(3)); // evicts x
    worker.offer('w', 0.9, map(4), map(4)); // not kept
    expect(worker.takeFresh().map((e) => e.id)).toEqual(['z']);
    expect(worker.takeFresh()).toEqual([]);

    const main = new ThumbnailKeeper(2, made([]));
    main.offer('m', 0.22, map(9), map(9));
    for (const entry of [...first, { id: 'z', score: 0.25, thumbnails: worker.get('z')! }]) main.add(entry);
    expect(main.ids).toEqual(['y', 'm']);
  });

  it('keeps nothing for a limit of 0 and at most MAX_KEPT_THUMBNAILS', () => {
    const none = new ThumbnailKeeper(0, made([]));
    none.offer('a', 0, map(1), map(1));
    expect(none.ids).toEqual([]);
    const many = new ThumbnailKeeper(1000, made([]));
    for (let i = 0; i < 200; i++) many.offer(`i${String(i).padStart(3, '0')}`, 1 - i / 1000, map(1), map(1));
    expect(many.ids.length).toBe(MAX_KEPT_THUMBNAILS);
    expect(many.ids[0]).toBe('i199');
  });
});
