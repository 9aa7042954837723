/** How a {@link ChunkScheduler} run ended. */
export type ScheduleOutcome =
  | { readonly status: 'complete' }
  /** Stopped early (cancelled, or `merge` asked to stop): the chunks merged so far are a prefix. */
  | { readonly status: 'stopped' }
  /** The first failing chunk in chunk order; every chunk before it was merged. */
  | { readonly status: 'failed'; readonly error: unknown };

/**
 * Hands out chunk indices `0 … total − 1` to any number of counters and merges their results in chunk
 * order, whatever order they finish in:
 *
 * - **Ordered merge.** A result that arrives early waits until every chunk before it is merged; `merge`
 *   sees chunks 0, 1, 2, … exactly once each.
 * - **Bounded look-ahead.** A chunk is handed out only while it is fewer than `lookAhead` chunks ahead of
 *   the next chunk to merge, so at most `lookAhead` results are held at once (memory stays bounded
 *   however slow one counter is).
 * - **Errors in order.** A failed chunk stops new hand-outs; the chunks before it still merge, and the
 *   run ends with that chunk's error unless an earlier chunk fails too.
 * - **Cancellation.** {@link cancel} stops at once: nothing more is handed out or merged, and results
 *   still arriving are dropped.
 *
 * Counters call {@link acquire} for work (waiting while the look-ahead is full) and report each chunk with
 * {@link complete} or {@link fail}. {@link outcome} settles when the run ends.
 */
export class ChunkScheduler<R> {
  readonly #total: number;
  readonly #lookAhead: number;
  readonly #merge: (result: R, index: number) => boolean;
  readonly #results = new Map<number, { ok: true; result: R } | { ok: false; error: unknown }>();
  readonly #waiting: ((index: number | null) => void)[] = [];
  #nextToHand = 0;
  #nextToMerge = 0;
  #failedAt = Number.POSITIVE_INFINITY;
  #ended = false;
  #settle!: (outcome: ScheduleOutcome) => void;
  /** Settles once with how the run ended. */
  readonly outcome: Promise<ScheduleOutcome>;

  /**
   * @param merge merges one chunk's result (called in chunk order); returns true to stop the run after it.
   */
  constructor(total: number, lookAhead: number, merge: (result: R, index: number) => boolean) {
    this.#total = total;
    this.#lookAhead = Math.max(1, Math.floor(lookAhead));
    this.#merge = merge;
    this.outcome = new Promise((resolve) => {
      this.#settle = resolve;
    });
    if (total === 0) this.#end({ status: 'complete' });
  }

  /** Chunks merged so far (a prefix of the chunks). */
  get merged(): number {
    return this.#nextToMerge;
  }

  /** True once the run has ended (complete, stopped or failed). */
  get ended(): boolean {
    return this.#ended;
  }

  /** Results received but not merged yet (never more than the look-ahead). */
  get pending(): number {
    return this.#results.size;
  }

  /**
   * The next chunk index to count, or null when there is none left for this counter (all handed out,
   * a chunk failed, or the run ended). Waits while the look-ahead is full.
   */
  acquire(): Promise<number | null> {
    const index = this.tryAcquire();
    if (index !== undefined) return Promise.resolve(index);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /**
   * {@link acquire} without waiting: the next chunk index, null when there is none left, or undefined
   * when the look-ahead is full (or earlier counters wait for the next free slot).
   */
  tryAcquire(): number | null | undefined {
    if (this.#waiting.length > 0 && !this.#ended) return undefined;
    return this.#take();
  }

  /** Reports the result of chunk `index`. */
  complete(index: number, result: R): void {
    if (this.#ended) return;
    this.#results.set(index, { ok: true, result });
    this.#drain();
  }

  /** Reports that chunk `index` failed with `error`. */
  fail(index: number, error: unknown): void {
    if (this.#ended) return;
    this.#failedAt = Math.min(this.#failedAt, index);
    this.#results.set(index, { ok: false, error });
    this.#drain();
  }

  /** Stops the run now: outcome `stopped`, nothing more handed out or merged. */
  cancel(): void {
    this.#end({ status: 'stopped' });
  }

  /** Ends the run with `error` (e.g. a worker thread died), whatever chunk was running. */
  abort(error: unknown): void {
    this.#end({ status: 'failed', error });
  }

  /** A chunk index that may be handed out now, or null (never any more), or undefined (wait). */
  #take(): number | null | undefined {
    if (this.#ended || this.#nextToHand >= this.#total || this.#nextToHand > this.#failedAt) return null;
    if (this.#nextToHand >= this.#nextToMerge + this.#lookAhead) return undefined;
    return this.#nextToHand++;
  }

  #drain(): void {
    while (!this.#ended && this.#results.has(this.#nextToMerge)) {
      const entry = this.#results.get(this.#nextToMerge)!;
      this.#results.delete(this.#nextToMerge);
      const index = this.#nextToMerge++;
      if (!entry.ok) {
        this.#end({ status: 'failed', error: entry.error });
        return;
      }
      let stop: boolean;
      try {
        stop = this.#merge(entry.result, index);
      } catch (error) {
        this.#end({ status: 'failed', error });
        return;
      }
      if (stop) {
        this.#end(this.#nextToMerge === this.#total ? { status: 'complete' } : { status: 'stopped' });
        return;
      }
    }
    if (!this.#ended && this.#nextToMerge === this.#total) this.#end({ status: 'complete' });
    this.#wake();
  }

  #wake(): void {
    while (this.#waiting.length > 0) {
      const index = this.#take();
      if (index === undefined) return;
      this.#waiting.shift()!(index);
    }
  }

  #end(outcome: ScheduleOutcome): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#results.clear();
    for (const resolve of this.#waiting.splice(0)) resolve(null);
    this.#settle(outcome);
  }
}
