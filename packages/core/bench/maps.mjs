/**
 * Deterministic synthetic label maps for the benchmark (no downloads): a seeded PRNG, piecewise-constant
 * "realistic" maps (random rectangles and discs over a background, plus ignore regions, with a prediction
 * that shifts boundaries and mislabels some regions) and i.i.d. random maps.
 */

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paint(map, width, height, shapes, labelOf) {
  for (const s of shapes) {
    const label = labelOf(s);
    const x0 = Math.max(0, Math.floor(s.x - s.r));
    const x1 = Math.min(width, Math.ceil(s.x + s.r));
    const y0 = Math.max(0, Math.floor(s.y - s.r * s.aspect));
    const y1 = Math.min(height, Math.ceil(s.y + s.r * s.aspect));
    for (let y = y0; y < y1; y++) {
      const dy = (y - s.y) / s.aspect;
      for (let x = x0; x < x1; x++) {
        const dx = x - s.x;
        if (s.disc ? dx * dx + dy * dy <= s.r * s.r : true) map[y * width + x] = label;
      }
    }
  }
}

/**
 * A realistic pair: ground truth = ~`regions` shapes of `numClasses` classes (plus `ignoreShare` of
 * shapes with the ignore label); prediction = the same scene with jittered shape positions/sizes, ~10%
 * of the shapes given a wrong class and a few shapes predicted as the ignore label.
 */
export function realisticPair(ArrayType, width, height, numClasses, ignoreLabel, seed, regions = 400) {
  const rand = prng(seed);
  const shapes = [];
  for (let i = 0; i < regions; i++) {
    const big = i < regions / 10;
    shapes.push({
      x: rand() * width,
      y: rand() * height,
      r: big ? 100 + rand() * 400 : 4 + rand() * 60,
      aspect: 0.4 + rand() * 1.2,
      disc: rand() < 0.6,
      label: Math.floor(rand() * numClasses),
      ignore: rand() < 0.05,
      wrong: rand() < 0.1 ? Math.floor(rand() * numClasses) : -1,
      predIgnore: rand() < 0.02,
      jx: (rand() - 0.5) * 8,
      jy: (rand() - 0.5) * 8,
      jr: 0.9 + rand() * 0.2,
    });
  }
  const gt = new ArrayType(width * height).fill(Math.floor(rand() * numClasses));
  const pred = new ArrayType(width * height).fill(gt[0]);
  paint(gt, width, height, shapes, (s) => (s.ignore ? ignoreLabel : s.label));
  const moved = shapes.map((s) => ({ ...s, x: s.x + s.jx, y: s.y + s.jy, r: s.r * s.jr }));
  paint(pred, width, height, moved, (s) => (s.predIgnore ? ignoreLabel : s.wrong >= 0 ? s.wrong : s.label));
  return { gt, pred };
}

/** An i.i.d. pair: every pixel uniform over the classes, 5% ignore label. */
export function randomPair(ArrayType, width, height, numClasses, ignoreLabel, seed) {
  const rand = prng(seed);
  const n = width * height;
  const gt = new ArrayType(n);
  const pred = new ArrayType(n);
  for (let i = 0; i < n; i++) {
    gt[i] = rand() < 0.05 ? ignoreLabel : Math.floor(rand() * numClasses);
    pred[i] = rand() < 0.05 ? ignoreLabel : Math.floor(rand() * numClasses);
  }
  return { gt, pred };
}
