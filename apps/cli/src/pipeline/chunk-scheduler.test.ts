import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkScheduler } from './chunk-scheduler.js';

/** Takes every chunk the scheduler hands out right now. */
function takeAll<R>(scheduler: ChunkScheduler<R>): number[] {
  const taken: number[] = [];
  for (;;) {
    const next = scheduler.tryAcquire();
    if (next === undefined || next === null) return taken;
    taken.push(next);
  }
}

describe('ChunkScheduler', () => {
  it('merges results fed out of order in chunk order, each exactly once', async () => {
    const merged: number[] = [];
    const scheduler = new ChunkScheduler<string>(5, 5, (result, index) => {
      merged.push(index);
      expect(result).toBe(`r${index}`);
      return false;
    });
    expect(takeAll(scheduler)).toEqual([0, 1, 2, 3, 4]);
    for (const index of [3, 1, 4]) scheduler.complete(index, `r${index}`);
    expect(merged).toEqual([]);
    expect(scheduler.pending).toBe(3);
    scheduler.complete(0, 'r0');
    expect(merged).toEqual([0, 1]);
    scheduler.complete(2, 'r2');
    expect(merged).toEqual([0, 1, 2, 3, 4]);
    expect(await scheduler.outcome).toEqual({ status: 'complete' });
  });

  it('hands out no chunk more than lookAhead ahead of the next chunk to merge', async () => {
    const scheduler = new ChunkScheduler<number>(10, 3, () => false);
    expect(takeAll(scheduler)).toEqual([0, 1, 2]);
    const waiting = scheduler.acquire();
    scheduler.complete(1, 1);
    scheduler.complete(2, 2);
    // Chunk 0 is still running: nothing was merged, so nothing more may start.
    expect(await Promise.race([waiting, new Promise((r) => setTimeout(() => r('blocked'), 10))])).toBe(
      'blocked',
    );
    scheduler.complete(0, 0);
    expect(await waiting).toBe(3);
    expect(takeAll(scheduler)).toEqual([4, 5]);
  });

  it('ends with the error of the first failing chunk in order, after merging the chunks before it', async () => {
    const merged: number[] = [];
    const scheduler = new ChunkScheduler<number>(6, 6, (_, index) => {
      merged.push(index);
      return false;
    });
    takeAll(scheduler);
    scheduler.fail(4, new Error('chunk 4'));
    scheduler.complete(0, 0);
    scheduler.fail(2, new Error('chunk 2'));
    expect(await scheduler.acquire()).toBeNull();
    scheduler.complete(1, 1);
    const outcome = await scheduler.outcome;
    expect(outcome.status).toBe('failed');
    expect((outcome as { error: Error }).error.message).toBe('chunk 2');
    expect(merged).toEqual([0, 1]);
  });

  it('stops at once when cancelled: nothing more is merged or handed out', async () => {
    const merged: number[] = [];
    const scheduler = new ChunkScheduler<number>(4, 4, (_, index) => {
      merged.push(index);
      return false;
    });
    takeAll(scheduler);
    scheduler.complete(0, 0);
    scheduler.cancel();
    scheduler.complete(1, 1);
    expect(merged).toEqual([0]);
    expect(await scheduler.acquire()).toBeNull();
    expect(await scheduler.outcome).toEqual({ status: 'stopped' });
  });

  it('stops after the chunk whose merge asks to stop, complete only if it was the last', async () => {
    const scheduler = new ChunkScheduler<number>(4, 4, (_, index) => index === 1);
    takeAll(scheduler);
    for (const index of [3, 2, 1, 0]) scheduler.complete(index, index);
    expect(await scheduler.outcome).toEqual({ status: 'stopped' });
    expect(scheduler.merged).toBe(2);
  });

  it('completes at once with no chunks, and fails when a merge throws', async () => {
    expect(await new ChunkScheduler(0, 1, () => false).outcome).toEqual({ status: 'complete' });
    const scheduler = new ChunkScheduler<number>(2, 2, () => {
      throw new Error('merge failed');
    });
    takeAll(scheduler);
    scheduler.complete(0, 0);
    expect(await scheduler.outcome).toMatchObject({ status: 'failed' });
  });

  it('merges any completion order of any number of chunks in order (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((total) =>
            fc.tuple(
              fc.constant(total),
              fc.integer({ min: 1, max: 5 }),
              fc.array(fc.nat(), { minLength: total * 2, maxLength: total * 2 }),
            ),
          ),
        ([total, lookAhead, choices]) => {
          const merged: number[] = [];
          const scheduler = new ChunkScheduler<number>(total, lookAhead, (result, index) => {
            expect(result).toBe(index * 10);
            merged.push(index);
            return false;
          });
          const running: number[] = [];
          let step = 0;
          while (!scheduler.ended) {
            running.push(...takeAll(scheduler));
            expect(running.length).toBeLessThanOrEqual(lookAhead);
            const pick = running.splice(choices[step++ % choices.length]! % running.length, 1)[0]!;
            scheduler.complete(pick, pick * 10);
          }
          expect(merged).toEqual(Array.from({ length: total }, (_, i) => i));
        },
      ),
      { numRuns: 60 },
    );
  });
});
