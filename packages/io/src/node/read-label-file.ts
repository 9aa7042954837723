import type { Stats } from 'node:fs';
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { ErrorCode } from '@segmetrics/core';
import { ioError, wrapError } from '../internal/errors.js';
import { withOptions } from '../internal/with-options.js';
import type { DecodeOptions } from '../types.js';
import { HEAD_BYTES, labelFileLimit, SMALL_FILE_BYTES } from './label-file-limit.js';

// O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused right after, by fstat).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The reused read buffer of {@link readLabelFileSync} is not kept above this size. */
const KEEP_BYTES = 64 * 2 ** 20;

let shared = new Uint8Array(0);

function openError(error: unknown, file: string) {
  const code = (error as { code?: string }).code;
  return wrapError(error, ErrorCode.IO_FAILED, file, 'cannot read file', { errno: code ?? null });
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkRegular(stats: Stats, file: string): number {
  if (!stats.isFile()) {
    throw ioError(ErrorCode.IO_FAILED, file, `is ${kindOf(stats)}, not a regular file: not read`, {
      kind: kindOf(stats),
    });
  }
  return stats.size;
}

/** How many bytes to read of a file of `size` bytes whose first bytes are `head`. */
function bytesToRead(head: Uint8Array, size: number, options: DecodeOptions, file: string): number {
  const limit = labelFileLimit(head, options.file === file ? options : withOptions(options, { file }));
  if (size > limit.bytes && limit.kind === 'png') {
    throw ioError(
      ErrorCode.IMAGE_TOO_LARGE,
      file,
      `file is ${size} bytes, more than the ${limit.bytes} bytes ${limit.detail} can take`,
      { bytes: size, limit: limit.bytes },
    );
  }
  return Math.min(size, limit.bytes);
}

function readFullySync(fd: number, buffer: Uint8Array, from: number, to: number): number {
  let at = from;
  while (at < to) {
    const n = readSync(fd, buffer, at, to - at, at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

function buffer(size: number): Uint8Array {
  if (size > KEEP_BYTES) return new Uint8Array(size);
  if (shared.length < size) shared = new Uint8Array(Math.min(KEEP_BYTES, Math.max(size, shared.length * 2)));
  return shared;
}

/**
 * Reads a label-map file for decoding, synchronously: opens it (without blocking on a FIFO), refuses
 * anything but a regular file (`IO_FAILED` naming the file and what it is: a device, a FIFO, a folder),
 * and reads at most what the format allows ({@link labelFileLimit}: a PNG larger than its header
 * permits is `IMAGE_TOO_LARGE` before it is read). A file up to 16 MiB takes one read; a larger one a
 * read of its head, then of the rest.
 *
 * The bytes are a view of a buffer reused by the next call (one per thread): decode them before
 * reading another file, and keep nothing that points into them (the decoders copy what they return).
 */
export function readLabelFileSync(file: string, options: DecodeOptions): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw openError(error, file);
  }
  try {
    const size = checkRegular(fstatSync(fd), file);
    if (size <= SMALL_FILE_BYTES) {
      const bytes = buffer(size);
      return bytes.subarray(0, readFullySync(fd, bytes, 0, size));
    }
    const head = buffer(HEAD_BYTES);
    const headLength = readFullySync(fd, head, 0, HEAD_BYTES);
    const wanted = bytesToRead(head.subarray(0, headLength), size, options, file);
    const bytes = buffer(wanted);
    if (bytes !== head) bytes.set(head.subarray(0, Math.min(headLength, wanted)));
    return bytes.subarray(0, readFullySync(fd, bytes, Math.min(headLength, wanted), wanted));
  } catch (error) {
    throw wrapError(error, ErrorCode.IO_FAILED, file, 'cannot read file', {
      errno: (error as { code?: string }).code ?? null,
    });
  } finally {
    closeSync(fd);
  }
}

const call = <T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));

async function readFully(fd: number, bytes: Uint8Array, from: number, to: number): Promise<number> {
  let at = from;
  while (at < to) {
    const n = await call<number>((done) => read(fd, bytes, at, to - at, at, done));
    if (n === 0) break;
    at += n;
  }
  return at;
}

/**
 * {@link readLabelFileSync} without blocking: same checks and bounds, a fresh buffer per file (reads
 * may overlap), callbacks rather than a FileHandle (fewer promises per file).
 */
export async function readLabelFile(file: string, options: DecodeOptions): Promise<Uint8Array> {
  let fd: number;
  try {
    fd = await call<number>((done) => open(file, OPEN_FLAGS, done));
  } catch (error) {
    throw openError(error, file);
  }
  try {
    const size = checkRegular(await call<Stats>((done) => fstat(fd, done)), file);
    if (size <= SMALL_FILE_BYTES) {
      const bytes = new Uint8Array(size);
      return bytes.subarray(0, await readFully(fd, bytes, 0, size));
    }
    const head = new Uint8Array(HEAD_BYTES);
    const headLength = await readFully(fd, head, 0, HEAD_BYTES);
    const wanted = bytesToRead(head.subarray(0, headLength), size, options, file);
    const bytes = new Uint8Array(wanted);
    bytes.set(head.subarray(0, Math.min(headLength, wanted)));
    return bytes.subarray(0, await readFully(fd, bytes, Math.min(headLength, wanted), wanted));
  } catch (error) {
    throw wrapError(error, ErrorCode.IO_FAILED, file, 'cannot read file', {
      errno: (error as { code?: string }).code ?? null,
    });
  } finally {
    await call<void>((done) => close(fd, (error) => done(error ?? null, undefined))).catch(() => {});
  }
}
