import type { Random } from './prng.js';

/**
 * Span-based rasterisation of filled shapes into a row-major label buffer.
 *
 * A pixel (x, y) is covered when its centre (x + 0.5, y + 0.5) lies inside the shape. Only +, −, ×, ÷,
 * `Math.sqrt` and rounding are used (all exactly specified by IEEE 754), so the output is identical on
 * every machine.
 */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A width × height label buffer filled with `fill`. */
export function createCanvas(width: number, height: number, fill: number): Canvas {
  const data = new Uint8Array(width * height);
  data.fill(fill);
  return { width, height, data };
}

/** Fills the pixels of row `y` whose centres lie in [x0, x1). */
export function fillSpan(canvas: Canvas, y: number, x0: number, x1: number, label: number): void {
  if (y < 0 || y >= canvas.height) return;
  let start = Math.ceil(x0 - 0.5);
  let end = Math.ceil(x1 - 0.5);
  if (start < 0) start = 0;
  if (end > canvas.width) end = canvas.width;
  if (end <= start) return;
  const row = y * canvas.width;
  canvas.data.fill(label, row + start, row + end);
}

/** The rows whose centres lie in [y0, y1), clipped to the canvas. */
function rowRange(canvas: Canvas, y0: number, y1: number): [number, number] {
  return [Math.max(0, Math.ceil(y0 - 0.5)), Math.min(canvas.height, Math.ceil(y1 - 0.5))];
}

/** Fills the axis-aligned rectangle [x0, x1) × [y0, y1). */
export function fillRect(
  canvas: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  label: number,
): void {
  const [start, end] = rowRange(canvas, y0, y1);
  for (let y = start; y < end; y++) fillSpan(canvas, y, x0, x1, label);
}

/**
 * Fills the ellipse centred at (cx, cy) with radii (rx, ry); with `upperHalf`, only the part above
 * the centre (a cap, e.g. a car's cabin).
 */
export function fillEllipse(
  canvas: Canvas,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  label: number,
  upperHalf = false,
): void {
  if (rx <= 0 || ry <= 0) return;
  const [start, end] = rowRange(canvas, cy - ry, upperHalf ? cy : cy + ry);
  for (let y = start; y < end; y++) {
    const dy = (y + 0.5 - cy) / ry;
    const q = 1 - dy * dy;
    if (q <= 0) continue;
    const half = rx * Math.sqrt(q);
    fillSpan(canvas, y, cx - half, cx + half, label);
  }
}

/** Fills a convex polygon given as [x0, y0, x1, y1, ...] (either orientation). */
export function fillConvexPolygon(canvas: Canvas, points: readonly number[], label: number): void {
  const n = points.length / 2;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const y = points[2 * i + 1]!;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const [start, end] = rowRange(canvas, minY, maxY);
  for (let y = start; y < end; y++) {
    const yc = y + 0.5;
    let left = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const ax = points[2 * i]!;
      const ay = points[2 * i + 1]!;
      const bx = points[(2 * i + 2) % (2 * n)]!;
      const by = points[(2 * i + 3) % (2 * n)]!;
      if ((ay <= yc && by > yc) || (by <= yc && ay > yc)) {
        const x = ax + ((yc - ay) / (by - ay)) * (bx - ax);
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
    if (left < right) fillSpan(canvas, y, left, right, label);
  }
}

/** Fills column x from row centre y0 (inclusive) to y1 (exclusive). */
export function fillColumn(canvas: Canvas, x: number, y0: number, y1: number, label: number): void {
  if (x < 0 || x >= canvas.width) return;
  const [start, end] = rowRange(canvas, y0, y1);
  const { width, data } = canvas;
  for (let y = start; y < end; y++) data[y * width + x] = label;
}

/**
 * 1-D value noise: control values in [−1, 1] every `step` pixels, interpolated with smoothstep
 * (`smooth`) or held constant between control points (`step`, e.g. stepped roof lines).
 */
export function valueNoise(
  random: Random,
  length: number,
  step: number,
  mode: 'smooth' | 'step',
): Float64Array {
  const count = Math.ceil(length / step) + 2;
  const control = new Float64Array(count);
  for (let i = 0; i < count; i++) control[i] = random.range(-1, 1);
  const out = new Float64Array(length);
  for (let x = 0; x < length; x++) {
    const position = x / step;
    const i = Math.floor(position);
    if (mode === 'step') {
      out[x] = control[i]!;
    } else {
      const f = position - i;
      const s = f * f * (3 - 2 * f);
      out[x] = control[i]! + (control[i + 1]! - control[i]!) * s;
    }
  }
  return out;
}

/**
 * Displaces every pixel by a smooth random field of at most `amplitude` pixels per axis (bilinear over
 * a grid of `cell`-pixel cells): class boundaries move by a few pixels, as in a model's prediction,
 * and thin structures get thinner or thicker along their length.
 */
export function warp(canvas: Canvas, random: Random, amplitude: number, cell: number): Canvas {
  const { width, height, data } = canvas;
  const gridW = Math.ceil(width / cell) + 2;
  const gridH = Math.ceil(height / cell) + 2;
  // Per grid row, the x-interpolated displacement of every column.
  const rowsX: Float64Array[] = [];
  const rowsY: Float64Array[] = [];
  for (let gy = 0; gy < gridH; gy++) {
    const controlX = new Float64Array(gridW);
    const controlY = new Float64Array(gridW);
    for (let gx = 0; gx < gridW; gx++) {
      controlX[gx] = random.range(-amplitude, amplitude);
      controlY[gx] = random.range(-amplitude, amplitude);
    }
    const dx = new Float64Array(width);
    const dy = new Float64Array(width);
    for (let x = 0; x < width; x++) {
      const position = x / cell;
      const i = Math.floor(position);
      const f = position - i;
      dx[x] = controlX[i]! + (controlX[i + 1]! - controlX[i]!) * f;
      dy[x] = controlY[i]! + (controlY[i + 1]! - controlY[i]!) * f;
    }
    rowsX.push(dx);
    rowsY.push(dy);
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const position = y / cell;
    const i = Math.floor(position);
    const f = position - i;
    const ax = rowsX[i]!;
    const bx = rowsX[i + 1]!;
    const ay = rowsY[i]!;
    const by = rowsY[i + 1]!;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let sx = x + Math.round(ax[x]! + (bx[x]! - ax[x]!) * f);
      let sy = y + Math.round(ay[x]! + (by[x]! - ay[x]!) * f);
      if (sx < 0) sx = 0;
      else if (sx >= width) sx = width - 1;
      if (sy < 0) sy = 0;
      else if (sy >= height) sy = height - 1;
      out[row + x] = data[sy * width + sx]!;
    }
  }
  return { width, height, data: out };
}

/**
 * Paints `count` small blobs, each with the label found a few pixels away from it: the speckle a
 * model leaves near boundaries and in textured regions.
 */
export function speckle(canvas: Canvas, random: Random, count: number, maxRadius: number): void {
  const { width, height, data } = canvas;
  for (let i = 0; i < count; i++) {
    const cx = random.range(0, width);
    const cy = random.range(0, height);
    const radius = random.range(0.6, maxRadius);
    const offset = random.range(2, 4) * maxRadius;
    const sx = Math.min(width - 1, Math.max(0, Math.floor(cx + random.range(-offset, offset))));
    const sy = Math.min(height - 1, Math.max(0, Math.floor(cy + random.range(-offset, offset))));
    fillEllipse(canvas, cx, cy, radius * random.range(0.7, 1.6), radius, data[sy * width + sx]!);
  }
}
