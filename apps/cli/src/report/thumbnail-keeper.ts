import { compareSampleIds } from '@segmetrics/core';
import type { RawLabelMap, ReportThumbnails } from '@segmetrics/report/pictures';

/** Most worst images whose thumbnails a run keeps while counting (above, the report re-reads them). */
export const MAX_KEPT_THUMBNAILS = 64;

/** One image's thumbnails, kept while counting, and the score that ranks it. */
export interface KeptThumbnails {
  readonly id: string;
  /** The image's {@link countedMIoU} (NaN ranks last). */
  readonly score: number;
  readonly thumbnails: ReportThumbnails;
}

/** Worse first: the lower score, a defined score before NaN, then sample-id order (as `rankImages`). */
function ranksBefore(a: { id: string; score: number }, b: { id: string; score: number }): boolean {
  const aNaN = Number.isNaN(a.score);
  const bNaN = Number.isNaN(b.score);
  if (aNaN !== bNaN) return bNaN;
  if (!aNaN && a.score !== b.score) return a.score < b.score;
  return compareSampleIds(a.id, b.id) < 0;
}

/**
 * The thumbnails of the `limit` worst images counted so far, by {@link countedMIoU}: each counting
 * thread keeps its own while it decodes (an image's thumbnails are sampled from its maps still in memory,
 * only when it ranks among the worst so far), and the main thread gathers theirs. The report then
 * encodes the pictures of its worst images from them instead of decoding those files again; an image
 * the report ranks worst but whose thumbnails were not kept (another ranking convention, a resumed
 * state) is still read again, so the guess changes the time taken, never the pictures.
 */
export class ThumbnailKeeper {
  readonly #limit: number;
  readonly #thumbnailsOf: (gt: RawLabelMap, pred: RawLabelMap) => ReportThumbnails;
  /** Worst first; at most `limit`. */
  readonly #kept: KeptThumbnails[] = [];
  /** Kept since the last {@link takeFresh}. */
  readonly #fresh = new Set<KeptThumbnails>();

  constructor(limit: number, thumbnailsOf: (gt: RawLabelMap, pred: RawLabelMap) => ReportThumbnails) {
    this.#limit = Math.max(0, Math.min(MAX_KEPT_THUMBNAILS, Math.floor(limit)));
    this.#thumbnailsOf = thumbnailsOf;
  }

  /** Whether an image with this score ranks among the worst kept so far (or there is room). */
  wants(id: string, score: number): boolean {
    if (this.#limit === 0) return false;
    if (this.#kept.length < this.#limit) return true;
    return ranksBefore({ id, score }, this.#kept[this.#kept.length - 1]!);
  }

  /** Samples and keeps the image's thumbnails when it ranks among the worst so far. */
  offer(id: string, score: number, gt: RawLabelMap, pred: RawLabelMap): void {
    if (this.wants(id, score)) this.#insert({ id, score, thumbnails: this.#thumbnailsOf(gt, pred) });
  }

  /** Keeps thumbnails made elsewhere (another thread's {@link takeFresh}) when they rank among the worst. */
  add(entry: KeptThumbnails): void {
    if (this.wants(entry.id, entry.score)) this.#insert(entry);
  }

  #insert(entry: KeptThumbnails): void {
    let at = this.#kept.length;
    while (at > 0 && ranksBefore(entry, this.#kept[at - 1]!)) at--;
    this.#kept.splice(at, 0, entry);
    this.#fresh.add(entry);
    if (this.#kept.length > this.#limit) this.#fresh.delete(this.#kept.pop()!);
  }

  /** The thumbnails kept since the last call and still kept (what a thread sends with a chunk). */
  takeFresh(): KeptThumbnails[] {
    const fresh = this.#kept.filter((entry) => this.#fresh.has(entry));
    this.#fresh.clear();
    return fresh;
  }

  /** The kept thumbnails of an image, if any. */
  get(id: string): ReportThumbnails | undefined {
    return this.#kept.find((entry) => entry.id === id)?.thumbnails;
  }

  /** Sample ids kept, worst first. */
  get ids(): string[] {
    return this.#kept.map((entry) => entry.id);
  }
}
