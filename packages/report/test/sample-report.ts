import { ConfusionMatrix } from '@segmetrics/core';
import { encodeColorizedPng, encodeErrorMapPng } from '@segmetrics/io';
import { comparePresets, type EvaluationReport, evaluate } from '@segmetrics/metrics';
import { buildReport } from '../src/build-report.js';
import { defaultClassColors, REPORT_PICTURE_COLORS, type RgbTriple } from '../src/html/class-colors.js';
import type { HtmlReportImage } from '../src/html/html-report-input.js';
import { perImageRows } from '../src/per-image-rows.js';
import type { Report } from '../src/report-model.js';

/** Options of {@link sampleReport}. */
export interface SampleOptions {
  readonly numClasses: number;
  readonly images: number;
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
  /** Class names (default `class_k`). */
  readonly classNames?: readonly string[];
  /** Worst images with pictures (default 24). */
  readonly pictures?: number;
}

/** A report with real counts, its evaluation, and the worst images with their pictures. */
export interface Sample {
  readonly report: Report;
  readonly evaluation: EvaluationReport;
  readonly images: HtmlReportImage[];
  readonly colors: RgbTriple[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const IGNORE = 255;

/**
 * A deterministic evaluation of block scenes: ground truth made of rectangles of Zipf-like classes
 * (the last class never occurs; class C − 2 is only ever predicted), predictions with shifted borders
 * and swapped blocks, a band of ignored pixels, some predictions of the ignore label. Pictures are
 * encoded with `@segmetrics/io` as the CLI does (full size: the maps are small).
 */
export function sampleReport(options: SampleOptions): Sample {
  const { numClasses: c, images: n } = options;
  const width = options.width ?? 48;
  const height = options.height ?? 32;
  const random = rng(options.seed ?? 1);
  const classNames = options.classNames ?? Array.from({ length: c }, (_, k) => `class_${k}`);
  const matrix = new ConfusionMatrix({ numClasses: c, ignoreIndex: IGNORE, perImage: true });
  const maps = new Map<string, { gt: Uint8Array; pred: Uint8Array }>();
  const pickClass = () => Math.min(c - 3, Math.floor((c - 2) * random() ** 2));
  for (let i = 0; i < n; i++) {
    const gt = new Uint8Array(width * height);
    const pred = new Uint8Array(width * height);
    const blocks = 3 + Math.floor(random() * 6);
    const difficulty = random();
    for (let b = 0; b < blocks; b++) {
      const k = b === 0 ? pickClass() : pickClass();
      const x0 = b === 0 ? 0 : Math.floor(random() * width);
      const y0 = b === 0 ? 0 : Math.floor(random() * height);
      const w = b === 0 ? width : 4 + Math.floor(random() * width * 0.6);
      const h = b === 0 ? height : 4 + Math.floor(random() * height * 0.6);
      const kp = random() < difficulty * 0.5 ? (k + 1) % (c - 2) : k;
      const shift = Math.floor(random() * 4 * difficulty);
      for (let y = y0; y < Math.min(height, y0 + h); y++) {
        for (let x = x0; x < Math.min(width, x0 + w); x++) gt[y * width + x] = k;
      }
      for (let y = y0 + shift; y < Math.min(height, y0 + h + shift); y++) {
        for (let x = x0 + shift; x < Math.min(width, x0 + w + shift); x++) pred[y * width + x] = kp;
      }
    }
    for (let x = 0; x < width; x++) gt[(height - 1) * width + x] = IGNORE;
    if (i % 3 === 0) pred[width + 1] = IGNORE;
    if (i % 4 === 1) pred[2 * width + 2] = c - 2;
    const id = `image_${String(i).padStart(3, '0')}`;
    matrix.update(pred, gt, { sampleId: id, width, height });
    maps.set(id, { gt, pred });
  }
  const evaluation = evaluate(matrix, { classNames });
  const report = buildReport({
    evaluation,
    matrix,
    libraries: comparePresets(matrix, { classNames }),
    run: { toolVersion: '0.0.0-test' },
  });
  const colors = defaultClassColors(c);
  const palette = [...colors];
  palette[IGNORE] = REPORT_PICTURE_COLORS.ignored;
  const images = perImageRows(evaluation, options.pictures ?? 24).map((row): HtmlReportImage => {
    const { gt, pred } = maps.get(row.id)!;
    return {
      row,
      width,
      height,
      groundTruth: encodeColorizedPng({ data: gt, width, height }, palette),
      prediction: encodeColorizedPng({ data: pred, width, height }, palette),
      errorMap: encodeErrorMapPng(pred, gt, { width, height, ignoreIndex: IGNORE }),
    };
  });
  return { report, evaluation, images, colors };
}
