// An ADE20K-like evaluation set for the report's screenshots and measurements: 150 classes with a
// long-tailed (Zipf) frequency, raw 0 = unlabeled (evaluate with `--dataset ade20k`, which applies
// reduce-zero-label), scenes of 12–32 soft Voronoi regions, and predictions that shift borders, swap
// some regions for a fixed "look-alike" class and invent small blobs. Deterministic for a seed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeLabelPng } from '@segmetrics/io';

const CLASSES = 150;

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const weights = Array.from({ length: CLASSES }, (_, k) => 1 / (k + 1) ** 1.05);
const totalWeight = weights.reduce((a, b) => a + b, 0);

function zipfClass(random) {
  let r = random() * totalWeight;
  for (let k = 0; k < CLASSES; k++) {
    r -= weights[k];
    if (r <= 0) return k;
  }
  return CLASSES - 1;
}

/** The class a model mistakes class k for (1-based raw ids). */
function lookAlike(raw) {
  return ((raw - 1 + 1 + ((raw * 7) % 11)) % CLASSES) + 1;
}

function voronoi(seeds, width, height) {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let i = 0; i < seeds.length; i++) {
        const s = seeds[i];
        const dx = x - s.x;
        const dy = (y - s.y) * s.squash;
        const d = (dx * dx + dy * dy) * s.w;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      out[y * width + x] = seeds[best].raw;
    }
  }
  return out;
}

/** Writes `pairs` pairs to `<dir>/gt` and `<dir>/pred` (8-bit gray PNGs); returns the folders. */
export async function writeAdeLikeDataset(dir, { pairs = 50, width = 512, height = 384, seed = 7 } = {}) {
  const gtDir = join(dir, 'gt');
  const predDir = join(dir, 'pred');
  await mkdir(gtDir, { recursive: true });
  await mkdir(predDir, { recursive: true });
  for (let i = 0; i < pairs; i++) {
    const random = rng(seed * 100_003 + i * 7919 + 1);
    const portrait = i % 5 === 4;
    const w = portrait ? height : width;
    const h = portrait ? width : height;
    const difficulty = 0.05 + 0.5 * random() ** 2;
    const n = 12 + Math.floor(random() * 21);
    const seeds = [];
    for (let k = 0; k < n; k++) {
      const unlabeled = random() < 0.06;
      seeds.push({
        x: random() * w,
        y: random() * h,
        w: 0.3 + random() * 2.5,
        squash: 0.5 + random() * 1.5,
        raw: unlabeled ? 0 : zipfClass(random) + 1,
      });
    }
    const gt = voronoi(seeds, w, h);
    const predSeeds = seeds.map((s) => {
      let raw = s.raw === 0 ? zipfClass(random) + 1 : s.raw;
      const r = random();
      if (r < difficulty) raw = lookAlike(raw);
      else if (r < difficulty * 1.15) raw = zipfClass(random) + 1;
      return {
        ...s,
        raw,
        x: s.x + (random() - 0.5) * 24 * difficulty * 2,
        y: s.y + (random() - 0.5) * 24 * difficulty * 2,
        w: s.w * (0.85 + random() * 0.3),
      };
    });
    for (let b = 0; b < 3 + Math.floor(difficulty * 10); b++) {
      predSeeds.push({
        x: random() * w,
        y: random() * h,
        w: 6 + random() * 10,
        squash: 1,
        raw: zipfClass(random) + 1,
      });
    }
    const pred = voronoi(predSeeds, w, h);
    const name = `ADE_val_${String(i + 1).padStart(8, '0')}.png`;
    await writeFile(join(gtDir, name), encodeLabelPng(gt, w, h));
    await writeFile(join(predDir, name), encodeLabelPng(pred, w, h));
  }
  return { gtDir, predDir };
}
