/**
 * A test label map with interiors: rectangles of values from `pool` over a background, then (with
 * `repeat` > 0) rows copied from the row above with that probability (identical consecutive rows and
 * interval lists), then noise. Used by the Boundary IoU tests; `rand` is a seeded generator.
 */
export function blobMap(
  rand: () => number,
  width: number,
  height: number,
  pool: readonly number[],
  noise: number,
  options: { readonly maxRects: number; readonly repeat?: number },
): number[] {
  const pick = () => pool[Math.floor(rand() * pool.length)]!;
  const map = new Array<number>(width * height).fill(pick());
  const rects = Math.floor(rand() * options.maxRects);
  for (let i = 0; i < rects; i++) {
    const x0 = Math.floor(rand() * width);
    const y0 = Math.floor(rand() * height);
    const x1 = Math.min(width, x0 + 1 + Math.floor(rand() * width));
    const y1 = Math.min(height, y0 + 1 + Math.floor(rand() * height));
    const v = pick();
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) map[y * width + x] = v;
  }
  const repeat = options.repeat ?? 0;
  if (repeat > 0) {
    for (let y = 1; y < height; y++) {
      if (rand() < repeat) for (let x = 0; x < width; x++) map[y * width + x] = map[(y - 1) * width + x]!;
    }
  }
  for (let i = 0; i < map.length; i++) if (rand() < noise) map[i] = pick();
  return map;
}
