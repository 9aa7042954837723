import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { reportedStreamErrors, writeToStream } from './write-stream.js';

function failing(code: string): Writable {
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`${code}: failed`), { code }));
    },
  });
  stream.on('error', () => undefined);
  return stream;
}

describe('writeToStream', () => {
  it('resolves once the text is written', async () => {
    const stream = new PassThrough();
    await writeToStream(stream, 'report', 'stdout');
    expect(String(stream.read())).toBe('report');
  });

  it('rejects a write error as IO_FAILED naming the stream, and marks it as reported', async () => {
    await expect(writeToStream(failing('ENOSPC'), 'report', 'stdout')).rejects.toMatchObject({
      code: 'IO_FAILED',
      message: expect.stringContaining('cannot write to stdout: ENOSPC'),
    });
  });

  it('treats EPIPE (the reader went away) as the end of output, not an error', async () => {
    const stream = failing('EPIPE');
    let seen: unknown;
    stream.on('error', (error) => {
      seen = error;
    });
    await expect(writeToStream(stream, 'report', 'stdout')).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reportedStreamErrors.has(seen as object)).toBe(true);
  });

  it('writes to streams without callbacks (test doubles) at once', async () => {
    let text = '';
    await writeToStream({ write: (t: string) => (text += t) }, 'x', 'stdout');
    expect(text).toBe('x');
  });
});
