import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { reportedStreamErrors } from './reported-stream-errors.js';
import type { OutputStream } from './terminal.js';

export { reportedStreamErrors };

interface CallbackStream {
  write(text: string, callback: (error?: Error | null) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
}

function acceptsCallback(stream: OutputStream): stream is OutputStream & CallbackStream {
  return typeof (stream as Partial<CallbackStream>).once === 'function';
}

/**
 * Writes `text` to a stream and waits until it is handed to the system. A write error (ENOSPC on
 * `/dev/full`, EIO) rejects with `IO_FAILED` naming the stream (`name`, e.g. `stdout`); EPIPE (the
 * reader went away, `| head`) is not an error. Streams without callbacks (test doubles) are written
 * and resolved at once.
 */
export function writeToStream(stream: OutputStream, text: string, name: string): Promise<void> {
  if (!acceptsCallback(stream)) {
    stream.write(text);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error === undefined || error === null) {
        resolve();
        return;
      }
      reportedStreamErrors.add(error);
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
        resolve();
        return;
      }
      reject(
        new SegmetricsError(ErrorCode.IO_FAILED, `cannot write to ${name}: ${error.message}`, {
          context: { file: name, errno: (error as NodeJS.ErrnoException).code ?? null },
          cause: error,
        }),
      );
    });
  });
}
