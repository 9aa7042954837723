import { ErrorCode } from '@segmetrics/core';
import { ioError } from '../internal/errors.js';
import type { DecodedLabelMap } from '../types.js';
import type { DatasetPair } from './pair-datasets.js';
import { type ReadOptions, readLabelMap } from './read-label-map.js';

/** Options of {@link iteratePairs}. */
export interface IteratePairsOptions extends Omit<ReadOptions, 'file'> {
  /** Pairs read ahead at most (default 4). */
  concurrency?: number;
  /** Options for ground-truth files only (merged over the shared ones). */
  gtOptions?: Omit<ReadOptions, 'file'>;
  /** Options for prediction files only (merged over the shared ones). */
  predOptions?: Omit<ReadOptions, 'file'>;
}

/** One decoded pair. */
export interface DecodedPair<P extends DatasetPair = DatasetPair> {
  readonly pair: P;
  readonly gt: DecodedLabelMap;
  readonly pred: DecodedLabelMap;
}

/**
 * Reads and decodes pairs ahead of the consumer, at most `concurrency` pairs in flight, and yields them
 * in input order. A read error is thrown when the consumer reaches that pair (with `context.id`); leaving
 * the loop early stops reading ahead, and errors of pairs read ahead but never reached are discarded.
 */
export async function* iteratePairs<P extends DatasetPair>(
  pairs: readonly P[],
  options: IteratePairsOptions = {},
): AsyncGenerator<DecodedPair<P>, void, undefined> {
  const { concurrency = 4, gtOptions, predOptions, ...shared } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw ioError(ErrorCode.INVALID_OPTION, undefined, 'concurrency must be a positive integer', {
      value: concurrency,
    });
  }
  // Merged once (read per file, never changed by the readers).
  const gtRead = { ...shared, ...gtOptions };
  const predRead = { ...shared, ...predOptions };
  const read = async (pair: P): Promise<DecodedPair<P>> => {
    const [gt, pred] = await Promise.all([
      readLabelMap(pair.gtPath, gtRead),
      readLabelMap(pair.predPath, predRead),
    ]);
    return { pair, gt, pred };
  };
  const inFlight: { pair: P; promise: Promise<DecodedPair<P>> }[] = [];
  let next = 0;
  const fill = () => {
    while (inFlight.length < concurrency && next < pairs.length) {
      const pair = pairs[next++]!;
      const promise = read(pair);
      promise.catch(() => {}); // surfaced when awaited below; avoids unhandled rejections when abandoned
      inFlight.push({ pair, promise });
    }
  };
  fill();
  while (inFlight.length > 0) {
    const current = inFlight.shift()!;
    let result: DecodedPair<P>;
    try {
      result = await current.promise;
    } catch (error) {
      const id = current.pair.id;
      if (error !== null && typeof error === 'object' && 'context' in error) {
        Object.defineProperty(error, 'context', {
          value: Object.freeze({ ...(error as { context: object }).context, id }),
        });
      }
      throw error;
    }
    fill();
    yield result;
  }
}
