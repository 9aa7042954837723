import { crc32, deflateSync } from 'node:zlib';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { decodeLabelMap } from '@segmetrics/io';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';
import { ExitCode } from './exit-code.js';
import { usageError } from './usage-error.js';

/** The error @segmetrics/io throws for `bytes` read as the file `file`. */
function ioError(bytes: Uint8Array, file = '/data/pred/a.png'): unknown {
  try {
    decodeLabelMap(bytes, { file });
  } catch (error) {
    return error;
  }
  throw new Error('decoded');
}

/** A minimal PNG (IHDR, one IDAT, IEND) of a header no encoder here writes. */
function pngOf(bitDepth: number, colorType: number, interlaced: boolean, rows: Uint8Array): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([bitDepth, colorType, 0, 0, interlaced ? 1 : 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A .npy file (format 1.0) with the dtype `descr` and shape (2, 2). */
function npyOf(descr: string, itemSize: number): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (2, 2), }`;
  header += `${' '.repeat(63 - ((10 + header.length) % 64))}\n`;
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.alloc(4 * itemSize)]);
}

describe('describeError', () => {
  it('points a pairing failure at --match-by basename among the pairing flags', () => {
    const error = new SegmetricsError(
      ErrorCode.PAIRING_FAILED,
      'pred: 3 ground-truth files have no prediction',
    );
    expect(describeError(error)).toMatchObject({ exitCode: ExitCode.FAILED, usage: false });
    expect(describeError(error).hint).toContain('--match-by basename');
  });

  it('maps usage codes to exit code 2 and asks for the usage', () => {
    for (const code of [ErrorCode.INVALID_OPTION, ErrorCode.UNKNOWN_METRIC, ErrorCode.UNKNOWN_PRESET]) {
      const d = describeError(new SegmetricsError(code, 'bad'));
      expect(d.exitCode).toBe(ExitCode.USAGE);
      expect(d.usage).toBe(true);
    }
  });

  it('maps evaluation failures to exit code 1 with the message on one line', () => {
    const d = describeError(new SegmetricsError(ErrorCode.SHAPE_MISMATCH, 'a.png: 2×2\nvs 3×3'));
    expect(d.exitCode).toBe(ExitCode.FAILED);
    expect(d.message).toBe('a.png: 2×2 vs 3×3');
    expect(d.hint).toBeDefined();
    expect(d.usage).toBe(false);
  });

  it('reports unexpected errors as internal errors with exit code 1', () => {
    const d = describeError(new TypeError('x is undefined'));
    expect(d.exitCode).toBe(ExitCode.FAILED);
    expect(d.message).toContain('unexpected error');
  });

  it('maps a usage code raised while reading an input file (context.file) to exit code 1, without the usage', () => {
    const fromFile = new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      '/data/pred/a.npy: cannot tell the class axis of score array (7, 7, 7): pass --scores-layout chw (classes first) or hwc (classes last)',
      { context: { file: '/data/pred/a.npy', option: '--scores-layout', shape: [7, 7, 7] } },
    );
    const d = describeError(fromFile);
    expect(d.exitCode).toBe(ExitCode.FAILED);
    expect(d.usage).toBe(false);
    expect(d.message).toContain('/data/pred/a.npy');
    // A flag error keeps exit code 2 and the usage; so does a library error naming no file (file: null).
    for (const flag of [
      usageError('--scores-layout', 'expected chw or hwc, got "whc"'),
      new SegmetricsError(ErrorCode.INVALID_OPTION, 'bad', { context: { file: null } }),
    ]) {
      expect(describeError(flag)).toMatchObject({ exitCode: ExitCode.USAGE, usage: true });
    }
  });

  it('names --palette FILE and --dataset NAME for an RGB mask read without a palette, with no format list', () => {
    const rgb = encode({ width: 1, height: 1, data: Uint8Array.from([1, 2, 3]), channels: 3, depth: 8 });
    const error = ioError(rgb) as SegmetricsError;
    expect(error.message).toContain('colour palette'); // the library keeps its own wording
    const d = describeError(error);
    expect(d.exitCode).toBe(ExitCode.FAILED);
    expect(d.message).toMatch(/^\/data\/pred\/a\.png: RGB colour-coded mask: /);
    expect(d.message).toContain('--palette FILE');
    expect(d.message).toContain('--dataset NAME');
    expect(d.hint).toBeUndefined();
  });

  it('gives the list of supported formats only for an unrecognised file, not when the message says what is wrong', () => {
    const specific = [
      ioError(npyOf('<c8', 8), '/data/pred/a.npy'), // complex dtype
      ioError(npyOf('<M8[s]', 8), '/data/pred/b.npy'), // datetime dtype
      ioError(pngOf(2, 0, true, Uint8Array.from([0, 0])), '/data/pred/c.png'), // interlaced 2-bit
    ];
    for (const error of specific) {
      expect(error).toMatchObject({ code: ErrorCode.UNSUPPORTED_FORMAT });
      expect(describeError(error).hint, (error as Error).message).toBeUndefined();
    }
    const unknown = describeError(ioError(new TextEncoder().encode('GIF89a........')));
    expect(unknown.hint).toContain('supported:');
    expect(unknown.hint).toContain('--palette FILE');
  });
});
