import * as zlib from 'node:zlib';

/** The part of node:zlib's native handle this package drives (present since Node 10; not public API). */
export interface NativeZlibHandle {
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

/** A node:zlib handle with its state and its last error. */
export interface NativeZlib {
  handle: NativeZlibHandle;
  /** `[avail_out, avail_in]` after each `writeSync`. */
  state: Uint32Array;
  /** The error the last `writeSync` reported, if any (cleared by the caller). */
  error: Error | undefined;
}

/**
 * The native handle of a node:zlib stream, to run one stream after another through it (reset in
 * between) into the caller's buffers: Node exposes no public way to write into a caller's buffer, and
 * a fresh stream per image allocates zlib's state (≈ 300 KiB for deflate) and output anew. Its own
 * `inflateSync` / `deflateSync` drive this same handle (`_handle.writeSync`, `_writeState`), as
 * minizlib and fast-zlib do. `null` where the shape differs (another runtime): callers then use the
 * public API. Errors go to `error` instead of destroying the stream, so the handle stays usable.
 */
export function nativeZlib(stream: zlib.Inflate | zlib.Deflate): NativeZlib | null {
  try {
    const { _handle: handle, _writeState: state } = stream as unknown as {
      _handle?: NativeZlibHandle;
      _writeState?: unknown;
    };
    if (
      handle === undefined ||
      typeof handle.writeSync !== 'function' ||
      typeof handle.reset !== 'function' ||
      !(state instanceof Uint32Array) ||
      state.length < 2
    ) {
      return null;
    }
    const native: NativeZlib = { handle, state, error: undefined };
    handle.onerror = (message, errno, code) => {
      native.error = Object.assign(new Error(message), { errno, code });
    };
    return native;
  } catch {
    return null;
  }
}

/**
 * Runs `input[from …]` through the handle with Z_FINISH into the first `length` bytes of `output`;
 * throws the error zlib reported, if any. `state` then holds what is left of the output and the input.
 */
export function finishInto(
  native: NativeZlib,
  input: Uint8Array,
  from: number,
  output: Uint8Array,
  length: number,
): void {
  native.error = undefined;
  native.handle.writeSync(zlib.constants.Z_FINISH, input, from, input.length - from, output, 0, length);
  const error = native.error;
  if (error !== undefined) {
    native.error = undefined;
    throw error;
  }
}
