import * as zlib from 'node:zlib';
import { finishInto, type NativeZlib, nativeZlib } from './native-zlib.js';

/** What {@link inflateInto} did: bytes written to `output`, and whether the stream ended. */
export interface InflateResult {
  /** Bytes the stream inflated to (those past `output.length` were dropped). */
  written: number;
  /**
   * True when the stream ended within `output.length + slack` bytes; false when it holds more (the
   * content of `output` is then unspecified).
   */
  ended: boolean;
}

let native: NativeZlib | null | undefined;

/** node:zlib's inflate handle, created once per thread and reset before each stream (see {@link nativeZlib}). */
function nativeInflater(): NativeZlib | null {
  if (native === undefined) native = nativeZlib(new zlib.Inflate());
  return native;
}

/** True when {@link inflateInto} drives node:zlib's handle (false: the `inflateSync` fallback). */
export function inflatesIntoNativeHandle(): boolean {
  return nativeInflater() !== null;
}

/** Bytes past `output` are inflated here and dropped (see `slack`). */
let discard = new Uint8Array(0);

/**
 * Inflates the zlib stream `input` into `output`, a caller's buffer reused across calls: no allocation
 * and, on machines where fresh memory is expensive, no page faults. Up to `slack` bytes past the end of
 * `output` are inflated and dropped (counted in `written`), so a stream slightly longer than expected can
 * be told from a decompression bomb without room for it. Stops when the stream ends or `output.length +
 * slack` bytes were produced: `ended` says which. Throws node:zlib's error (`code` `Z_DATA_ERROR`;
 * `Z_BUF_ERROR`, "unexpected end of file", for a truncated stream) for a corrupt stream. Bytes after the
 * end of the stream are ignored, as `inflateSync` ignores them.
 */
export function inflateInto(input: Uint8Array, output: Uint8Array, slack = 0): InflateResult {
  const inflater = nativeInflater();
  if (inflater === null) return inflateIntoPortable(input, output, slack);
  const { handle, state } = inflater;
  handle.reset();
  try {
    finishInto(inflater, input, 0, output, output.length);
    if (state[0]! > 0) return { written: output.length - state[0]!, ended: true };
    // `output` is full: go on into the discard buffer, one byte more than the slack to tell the end.
    if (discard.length < slack + 1) discard = new Uint8Array(slack + 1);
    finishInto(inflater, input, input.length - state[1]!, discard, slack + 1);
    const extra = slack + 1 - state[0]!;
    return extra > slack
      ? { written: output.length + slack, ended: false }
      : { written: output.length + extra, ended: true };
  } finally {
    handle.reset();
  }
}

/** {@link inflateInto} through the public `inflateSync`: the path of runtimes without node:zlib's handle (exported for its tests). */
export function inflateIntoPortable(input: Uint8Array, output: Uint8Array, slack: number): InflateResult {
  const limit = output.length + slack;
  let inflated: Uint8Array;
  try {
    inflated = zlib.inflateSync(input, { chunkSize: Math.max(64, limit + 1), maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { written: limit, ended: false };
    throw error;
  }
  output.set(inflated.subarray(0, Math.min(inflated.length, output.length)));
  return { written: inflated.length, ended: true };
}
