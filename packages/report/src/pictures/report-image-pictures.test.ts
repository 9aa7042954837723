import { constants, deflateSync } from 'node:zlib';
import { decodePng, vocColorMap } from '@segmetrics/io';
import { describe, expect, it } from 'vitest';
import { encodeReportPictures, reportImagePictures, reportThumbnails } from './report-image-pictures.js';

describe('reportImagePictures', () => {
  it('reportImagePictures draws the mapped labels, ignored and invalid values and the error map as small PNGs', () => {
    const width = 512;
    const height = 8;
    const gt = new Uint8Array(width * height);
    const pred = new Uint8Array(width * height);
    for (let i = 0; i < gt.length; i++) {
      gt[i] = i % width < 256 ? 1 : 255; // class 0 after reduce-zero-label, then ignored
      pred[i] = i % width < 128 ? 1 : 9; // class 0, then a label outside the 3 classes
    }
    const colors = [
      [10, 20, 30],
      [40, 50, 60],
      [70, 80, 90],
    ] as const;
    const pictures = reportImagePictures(
      { data: gt, width, height },
      { data: pred, width, height },
      { numClasses: 3, ignoreIndex: [255], labelMapping: { reduceZeroLabel: true } },
      colors,
    );
    expect([pictures.width, pictures.height]).toEqual([width, height]);
    const gtPicture = decodePng(pictures.groundTruth);
    expect([gtPicture.width, gtPicture.height]).toEqual([256, 4]);
    // Palette indices are the display codes: class 0, C (ignored), C + 1 (invalid).
    expect(new Set(gtPicture.data)).toEqual(new Set([0, 3]));
    expect(new Set(decodePng(pictures.prediction).data)).toEqual(new Set([0, 4]));
    // Error map: correct where both are class 0, wrong where the prediction is invalid, ignored after.
    expect(new Set(decodePng(pictures.errorMap).data)).toEqual(new Set([0, 1, 2]));
  });
});

it('reportImagePictures colours classes without a colour from the VOC map, keeping ignored and invalid at C and C + 1', () => {
  const width = 4;
  const height = 2;
  // Classes 0–3 of 5, an ignored pixel (255) and an invalid one (9); only two colours given.
  const gt = Uint8Array.of(0, 1, 2, 3, 255, 9, 0, 1);
  const colors = [
    [1, 2, 3],
    [4, 5, 6],
  ] as const;
  for (const filter of [0, 2] as const) {
    const pictures = reportImagePictures(
      { data: gt, width, height },
      { data: gt, width, height },
      { numClasses: 5, ignoreIndex: [255] },
      colors,
      { filter },
    );
    const picture = decodePng(pictures.groundTruth);
    const palette = picture.palette!;
    expect(palette.length).toBe(7);
    const voc = vocColorMap(5);
    expect(palette.slice(0, 5)).toEqual([[1, 2, 3], [4, 5, 6], voc[2]!, voc[3]!, voc[4]!].map((c) => [...c]));
    expect(Array.from(picture.data)).toEqual([0, 1, 2, 3, 5, 6, 0, 1]);
  }
});

it('reportImagePictures draws the same pictures with another compressor and row filter', () => {
  const width = 300;
  const height = 40;
  const gt = Uint8Array.from({ length: width * height }, (_, i) => ((i >> 5) + ((i % width) >> 4)) % 5);
  const pred = Uint8Array.from(gt, (v, i) => (i % 7 === 0 ? 255 : v));
  const colors = Array.from({ length: 5 }, (_, k) => [k * 40, 200 - k * 30, 7] as const);
  const options = { numClasses: 5, ignoreIndex: [255] };
  const plain = reportImagePictures(
    { data: gt, width, height },
    { data: pred, width, height },
    options,
    colors,
  );
  const upRle = reportImagePictures(
    { data: gt, width, height },
    { data: pred, width, height },
    options,
    colors,
    {
      compress: (data, level) => deflateSync(data, { level, strategy: constants.Z_RLE }),
      filter: 2,
    },
  );
  for (const key of ['groundTruth', 'prediction', 'errorMap'] as const) {
    expect(Buffer.from(upRle[key]).equals(Buffer.from(plain[key])), key).toBe(false);
    const [a, b] = [decodePng(plain[key]), decodePng(upRle[key])];
    expect([b.width, b.height, b.palette]).toEqual([a.width, a.height, a.palette]);
    expect(b.data).toEqual(a.data);
  }
});

it('encodeReportPictures of reportThumbnails (also sent to another thread) gives reportImagePictures’ bytes', () => {
  const width = 700;
  const height = 333;
  const gt = Uint8Array.from({ length: width * height }, (_, i) => ((i >> 6) + ((i % width) >> 5)) % 9);
  const pred = Uint8Array.from(gt, (v, i) => (i % 11 === 0 ? (v + 1) % 9 : i % 13 === 0 ? 255 : v));
  const colors = Array.from({ length: 8 }, (_, k) => [k * 30, 250 - k * 20, 9] as const);
  // Label 8 maps to the ignore value, the prediction is mapped too: the thumbnails hold mapped codes.
  const options = {
    numClasses: 8,
    ignoreIndex: [255],
    labelMapping: { table: { 8: 255 } },
  };
  const encoding = {
    compress: (data: Uint8Array, level: number) => deflateSync(data, { level, strategy: constants.Z_RLE }),
    filter: 2 as const,
  };
  const whole = reportImagePictures(
    { data: gt, width, height },
    { data: pred, width, height },
    options,
    colors,
    encoding,
  );
  const thumbnails = structuredClone(
    reportThumbnails({ data: gt, width, height }, { data: pred, width, height }, options),
  );
  expect([thumbnails.width, thumbnails.height]).toEqual([width, height]);
  expect([thumbnails.codes.gt.width, thumbnails.codes.gt.height]).toEqual([256, 122]);
  // Filtered under None by default: encoded under Up, the pictures come from the codes.
  expect(thumbnails.codes.scanlines?.filter).toBe(0);
  const later = encodeReportPictures(thumbnails, options, colors, encoding);
  // Filtered while sampling: the same bytes, and those of the codes
  // under another filter when the encoding's differs.
  const filtered = reportThumbnails({ data: gt, width, height }, { data: pred, width, height }, options, {
    filter: 2,
  });
  expect(filtered.codes.scanlines?.filter).toBe(2);
  const fromScanlines = encodeReportPictures(structuredClone(filtered), options, colors, encoding);
  const otherFilter = encodeReportPictures(filtered, options, colors, { ...encoding, filter: 0 });
  const plain = encodeReportPictures(thumbnails, options, colors, { ...encoding, filter: 0 });
  for (const key of ['groundTruth', 'prediction', 'errorMap'] as const) {
    expect(Buffer.from(later[key]).equals(Buffer.from(whole[key])), key).toBe(true);
    expect(Buffer.from(fromScanlines[key]).equals(Buffer.from(whole[key])), key).toBe(true);
    expect(Buffer.from(otherFilter[key]).equals(Buffer.from(plain[key])), key).toBe(true);
  }
  expect([later.width, later.height]).toEqual([width, height]);
});
