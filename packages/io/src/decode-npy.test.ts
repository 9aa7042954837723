import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/helpers.js';
import { decodeLabelMap } from './decode-label-map.js';
import { decodeNpy, parseNpyHeader } from './decode-npy.js';

// Golden values written by NumPy 1.24 (test/make-npy-fixtures.py).
const expected = Object.fromEntries(
  readFileSync(new URL('../test/fixtures/npy/expected.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [name, ...values] = line.split(' ');
      return [name!, values.map(Number)];
    }),
) as Record<'labels' | 'argmax' | 'argmax_f2' | 'argmax_nan', number[]>;

const npy = (name: string) => fixture(`npy/${name}.npy`);

describe('decodeNpy', () => {
  it('decodeNpy reads integer label maps of every dtype, endianness and order as the same labels', () => {
    for (const name of [
      'u1',
      'u2le',
      'u2be',
      'i4le',
      'i4be',
      'i8le',
      'i8be',
      'u8',
      'i1',
      'i2',
      'u4',
      'i8_fortran',
      'u1_fortran',
      '1hw',
    ]) {
      const map = decodeNpy(npy(`labels_${name}`), { file: name });
      expect([map.width, map.height, map.colorType], name).toEqual([4, 3, 'npy']);
      expect(Array.from(map.data), name).toEqual(expected.labels);
      // uint16 stays Uint16Array; other dtypes get the smallest type holding 0…10
      expect(map.data, name).toBeInstanceOf(name.startsWith('u2') ? Uint16Array : Uint8Array);
    }
  });

  it('decodeNpy keeps uint16 labels as Uint16Array and negative int64 labels as Int32Array', () => {
    expect(decodeNpy(npy('labels_u2be')).data).toBeInstanceOf(Uint16Array);
    const negative = decodeNpy(npy('labels_negative'));
    expect(negative.data).toBeInstanceOf(Int32Array);
    expect(Array.from(negative.data)).toEqual(expected.labels.map((v) => v - 1));
  });

  it('decodeNpy reads bool arrays as 0/1', () => {
    expect(Array.from(decodeNpy(npy('labels_bool')).data)).toEqual(
      expected.labels.map((v) => (v > 5 ? 1 : 0)),
    );
  });

  it('decodeNpy reads float arrays holding integers as labels and rejects fractions naming the pixel', () => {
    expect(Array.from(decodeNpy(npy('labels_float_integral')).data)).toEqual(expected.labels);
    expect(() => decodeNpy(npy('labels_float_fraction'), { file: 'f.npy' })).toThrowError(
      expect.objectContaining({
        code: 'UNSUPPORTED_FORMAT',
        context: expect.objectContaining({ x: 0, y: 0, file: 'f.npy' }),
      }),
    );
  });

  it('decodeNpy reduces (C, H, W) and (H, W, C) score arrays by argmax exactly as NumPy does', () => {
    for (const name of ['scores_chw_f4', 'scores_hwc_f8be', 'scores_batch_chw']) {
      const map = decodeNpy(npy(name));
      expect([map.width, map.height, map.argmax], name).toEqual([7, 6, true]);
      expect(Array.from(map.data), name).toEqual(expected.argmax);
    }
    expect(Array.from(decodeNpy(npy('scores_chw_f2_fortran')).data)).toEqual(expected.argmax_f2);
    expect(Array.from(decodeNpy(npy('scores_nan')).data)).toEqual(expected.argmax_nan);
  });

  it('decodeNpy asks for scoresLayout when the class axis is ambiguous, and honours it', () => {
    expect(() => decodeNpy(npy('scores_ambiguous'))).toThrowError(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        context: expect.objectContaining({ option: 'scoresLayout', choices: ['chw', 'hwc'] }),
      }),
    );
    expect(decodeNpy(npy('scores_ambiguous'), { scoresLayout: 'chw' }).width).toBe(4);
    expect(decodeNpy(npy('scores_ambiguous'), { scoresLayout: 'hwc' }).width).toBe(3);
  });

  it('decodeNpy rejects int64 values beyond int32, RGB arrays and complex dtypes with UNSUPPORTED_FORMAT', () => {
    for (const name of ['labels_i8_too_big', 'labels_rgb', 'labels_complex']) {
      expect(() => decodeNpy(npy(name), { file: name }), name).toThrowError(
        expect.objectContaining({
          code: 'UNSUPPORTED_FORMAT',
          context: expect.objectContaining({ file: name }),
        }),
      );
    }
  });

  it('decodeNpy says that a whole float value beyond int32 does not fit, and that a fraction is not a label', () => {
    const floats = (values: number[]) =>
      npyWithHeader(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }",
        new Uint8Array(Float64Array.from(values).buffer),
      );
    const message = (values: number[]) => {
      try {
        decodeNpy(floats(values), { file: 'f.npy' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(message([0, 1, 2 ** 31])).toContain('value 2147483648 at pixel (x=2, y=0) does not fit in int32');
    expect(message([0, 1.5, 2])).toContain('holds the non-integer value 1.5 at pixel (x=1, y=0)');
    expect(decodeNpy(floats([0, 7, -1])).data).toEqual(Int32Array.from([0, 7, -1]));
  });

  it('decodeNpy rejects truncated data and malformed headers with DECODE_FAILED', () => {
    const bytes = npy('labels_i4le');
    expect(() => decodeNpy(bytes.subarray(0, bytes.length - 1))).toThrowError(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
    expect(() => decodeNpy(bytes.subarray(0, 20))).toThrowError(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
  });

  it('decodeNpy enforces maxPixels', () => {
    expect(() => decodeNpy(npy('labels_u1'), { maxPixels: 11 })).toThrowError(
      expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }),
    );
  });
});

/** A version 1.0 `.npy` file with this header text (padded as numpy pads it) and `data`. */
function npyWithHeader(header: string, data: Uint8Array = new Uint8Array(12)): Uint8Array {
  const padded = `${header}${' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + padded.length + data.length);
  out.set([
    0x93,
    ...Array.from('NUMPY', (c) => c.charCodeAt(0)),
    1,
    0,
    padded.length & 0xff,
    padded.length >> 8,
  ]);
  out.set(
    Array.from(padded, (c) => c.charCodeAt(0)),
    10,
  );
  out.set(data, 10 + padded.length);
  return out;
}

describe('parseNpyHeader', () => {
  it('parseNpyHeader reads descr, order and shape', () => {
    expect(parseNpyHeader(npy('labels_i8_fortran'))).toMatchObject({
      descr: '<i8',
      fortranOrder: true,
      shape: [3, 4],
    });
  });

  it('parseNpyHeader reads the dict as numpy does: any key order, either quotes, trailing commas', () => {
    for (const header of [
      "{'descr': '|u1', 'fortran_order': False, 'shape': (3, 4), }",
      '{"shape": (3, 4,), "descr": "|u1", "fortran_order": False}',
      "{'fortran_order':False,'descr':'|u1','shape':(3,4L)}",
    ]) {
      expect(parseNpyHeader(npyWithHeader(header)), header).toMatchObject({
        descr: '|u1',
        fortranOrder: false,
        shape: [3, 4],
      });
    }
  });

  it('parseNpyHeader refuses a repeated key (numpy would take the last), an unknown key and a non-integer shape', () => {
    for (const [header, problem] of [
      [
        "{'descr': '|u1', 'fortran_order': False, 'shape': (3, 4), 'fortran_order': True, }",
        "'fortran_order' is repeated",
      ],
      ["{'descr': '|u1', 'fortran_order': False, 'shape': (3, 4), 'x': 1, }", "unknown key 'x'"],
      ["{'descr': '|u1', 'fortran_order': False, 'shape': (3.0, 4), }", 'malformed .npy shape (3.0, 4)'],
      ["{'descr': '|u1', 'fortran_order': False}", 'malformed .npy header'],
      ["{'descr': '|u1', 'fortran_order': False, 'shape': (3, 4)} x", 'malformed .npy header'],
    ] as const) {
      expect(() => parseNpyHeader(npyWithHeader(header)), header).toThrowError(
        expect.objectContaining({ code: 'DECODE_FAILED', message: expect.stringContaining(problem) }),
      );
    }
  });
});

describe('decodeLabelMap', () => {
  it('decodeLabelMap sniffs .npy and PNG, and rejects other bytes with UNSUPPORTED_FORMAT', () => {
    expect(decodeLabelMap(npy('labels_u1')).source).toBe('npy');
    expect(() => decodeLabelMap(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]), { file: 'x' })).toThrowError(
      expect.objectContaining({ code: 'UNSUPPORTED_FORMAT' }),
    );
    expect(() => decodeLabelMap(npy('labels_u1'), { format: 'png' })).toThrowError(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
  });
});
