import * as zlib from 'node:zlib';
import type { ZlibCompress } from '../internal/png-writer.js';
import { finishInto, type NativeZlib, nativeZlib } from './native-zlib.js';

/** zlib's compression strategies: `'rle'` (runs only) is several times faster on label maps. */
export type ZlibStrategy = 'default' | 'filtered' | 'huffman-only' | 'rle';

const STRATEGIES: Record<ZlibStrategy, number> = {
  default: zlib.constants.Z_DEFAULT_STRATEGY,
  filtered: zlib.constants.Z_FILTERED,
  'huffman-only': zlib.constants.Z_HUFFMAN_ONLY,
  rle: zlib.constants.Z_RLE,
};

/** Options of {@link createNodeZlibCompress}. */
export interface NodeZlibCompressOptions {
  /**
   * zlib's strategy (default `'default'`). `'rle'` finds runs only: on label maps, most of all after the
   * PNG Up filter, about as small as the default at a fraction of the time (a 256×128 thumbnail: 0.06
   * instead of 0.25–0.4 ms).
   */
  strategy?: ZlibStrategy;
}

/**
 * node:zlib's deflate as a {@link ZlibCompress} for the PNG encoders (their `compress` option): at
 * levels 1–9, the bytes of `zlib.deflateSync(data, { level, strategy })` (at level 0, stored blocks are
 * split differently: another valid stream of the same data). One handle per level is reused from call
 * to call, so that small images (the report's thumbnails) do not each allocate zlib's ≈ 300 KiB of
 * state. Falls back to `deflateSync` where node:zlib's handle is not available.
 */
export function createNodeZlibCompress(options: NodeZlibCompressOptions = {}): ZlibCompress {
  const name = options.strategy ?? 'default';
  const strategy = Object.hasOwn(STRATEGIES, name) ? STRATEGIES[name] : undefined;
  if (strategy === undefined) {
    throw new TypeError(`strategy must be one of ${Object.keys(STRATEGIES).join(', ')}, got ${String(name)}`);
  }
  const deflaters = new Map<number, NativeZlib | null>();
  let scratch = new Uint8Array(0);
  return (data, level) => {
    let deflater = deflaters.get(level);
    if (deflater === undefined) {
      deflater = nativeZlib(new zlib.Deflate({ level, strategy }));
      deflaters.set(level, deflater);
    }
    if (deflater === null) return new Uint8Array(zlib.deflateSync(data, { level, strategy }));
    // zlib's deflateBound for the default window and memory level, plus the zlib header and trailer.
    const bound = data.length + (data.length >> 12) + (data.length >> 14) + (data.length >> 25) + 13 + 6;
    if (scratch.length < bound) scratch = new Uint8Array(Math.max(bound, 2 * scratch.length));
    const { handle, state } = deflater;
    handle.reset();
    finishInto(deflater, data, 0, scratch, bound);
    if (state[0] === 0) return new Uint8Array(zlib.deflateSync(data, { level, strategy }));
    return scratch.slice(0, bound - state[0]!);
  };
}
