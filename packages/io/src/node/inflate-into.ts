import * as zlib from 'node:zlib';

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

/** The part of node:zlib's native handle this module drives (present in Node ≥ 10; not public API). */
interface NativeHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
  reset(): void;
  onerror: (message: string, errno: number, code: string) => void;
}

interface Native {
  handle: NativeHandle;
  /** `[avail_out, avail_in]` after each `writeSync`. */
  state: Uint32Array;
  /** The error the last `writeSync` reported, if any. */
  error: Error | undefined;
}

let native: Native | null | undefined;

/**
 * node:zlib's inflate handle, created once per thread and reset before each stream. Node exposes no
 * public way to inflate into a caller's buffer; its own `inflateSync` drives this same handle
 * (`_handle.writeSync` and `_writeState`), as minizlib and fast-zlib do. Where the shape differs (another
 * runtime), `null`: {@link inflateInto} then uses the public `inflateSync`.
 */
function nativeInflater(): Native | null {
  if (native !== undefined) return native;
  native = null;
  try {
    const stream = new zlib.Inflate() as unknown as { _handle?: NativeHandle; _writeState?: unknown };
    const handle = stream._handle;
    const state = stream._writeState;
    if (
      handle !== undefined &&
      typeof handle.writeSync === 'function' &&
      typeof handle.reset === 'function' &&
      state instanceof Uint32Array &&
      state.length >= 2
    ) {
      const created: Native = { handle, state, error: undefined };
      // Errors are reported to `onerror`; node:zlib's own handler would destroy the stream. Recording the
      // error keeps the handle usable: it is reset before the next stream.
      handle.onerror = (message, errno, code) => {
        created.error = Object.assign(new Error(message), { errno, code });
      };
      native = created;
    }
  } catch {
    native = null;
  }
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
    write(inflater, input, 0, output, output.length);
    if (state[0]! > 0) return { written: output.length - state[0]!, ended: true };
    // `output` is full: go on into the discard buffer, one byte more than the slack to tell the end.
    if (discard.length < slack + 1) discard = new Uint8Array(slack + 1);
    write(inflater, input, input.length - state[1]!, discard, slack + 1);
    const extra = slack + 1 - state[0]!;
    return extra > slack
      ? { written: output.length + slack, ended: false }
      : { written: output.length + extra, ended: true };
  } finally {
    handle.reset();
  }
}

function write(inflater: Native, input: Uint8Array, from: number, output: Uint8Array, length: number): void {
  inflater.error = undefined;
  inflater.handle.writeSync(zlib.constants.Z_FINISH, input, from, input.length - from, output, 0, length);
  const error = inflater.error;
  if (error !== undefined) {
    inflater.error = undefined;
    throw error;
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
