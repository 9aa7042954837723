// Deterministic label maps shaped like three public datasets, written by PIL (Debian python3-pil at
// /usr/bin/python3) as those datasets are: Cityscapes (2048×1024 gray, 19 classes + 255 void edges),
// ADE20K (512×512 gray, 150 classes + 0 = unlabeled), PASCAL VOC (500×375 palette PNG, 21 classes +
// 255 borders). Files go to .bench-data/ (git-ignored) and are reused across runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Cityscapes-like street scene: sky, buildings, road, sidewalks, objects, one-pixel 255 void edges. */
export function cityscapesScene(seed, W = 2048, H = 1024) {
  const random = rng(seed);
  const labels = new Uint8Array(W * H);
  const horizon = 380 + Math.floor(random() * 80);
  const objects = Array.from({ length: 40 }, () => ({
    x: random() * W,
    y: horizon + random() * (H - horizon),
    w: 20 + random() * 220,
    h: 20 + random() * 160,
    c: 11 + Math.floor(random() * 8),
  }));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let c;
      const roofline = horizon - 150 - 130 * Math.abs(Math.sin(x / 173));
      if (y < roofline) c = 10;
      else if (y < horizon) c = x % 301 < 9 ? 5 : x % 97 < 60 ? 2 : 8;
      else c = Math.abs(x - W / 2) < (y - horizon) * 1.6 ? 0 : 1;
      for (const o of objects) {
        if (x >= o.x && x < o.x + o.w && y >= o.y - o.h && y < o.y) {
          c = o.c;
          break;
        }
      }
      labels[y * W + x] = c;
    }
  }
  for (let y = 1; y < H; y++) {
    for (let x = 1; x < W; x++) {
      const i = y * W + x;
      if (labels[i] !== labels[i - 1] && random() < 0.5) labels[i] = 255;
    }
  }
  return labels;
}

/** An ADE20K-like indoor/outdoor scene: many overlapping blobs of 150 classes, 0 between some. */
export function ade20kScene(seed, W = 512, H = 512) {
  const random = rng(seed);
  const labels = new Uint8Array(W * H);
  const split = 150 + Math.floor(random() * 200);
  for (let i = 0; i < W * H; i++) labels[i] = i / W < split ? 3 : 4; // wall / floor
  for (let k = 0; k < 60; k++) {
    const cx = random() * W;
    const cy = random() * H;
    const rx = 8 + random() * 90;
    const ry = 8 + random() * 90;
    const c = 1 + Math.floor(random() * 150);
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(H, cy + ry); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(W, cx + rx); x++) {
        const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
        if (d < 1) labels[y * W + x] = d > 0.93 && random() < 0.6 ? 0 : c;
      }
    }
  }
  return labels;
}

/** A VOC-like photo mask: background, two or three objects of 20 classes, 5-pixel 255 borders. */
export function vocScene(seed, W = 500, H = 375) {
  const random = rng(seed);
  const labels = new Uint8Array(W * H);
  const objects = Array.from({ length: 2 + Math.floor(random() * 2) }, () => ({
    cx: random() * W,
    cy: random() * H,
    rx: 40 + random() * 140,
    ry: 40 + random() * 120,
    c: 1 + Math.floor(random() * 20),
  }));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      for (const o of objects) {
        const d = Math.sqrt(((x - o.cx) / o.rx) ** 2 + ((y - o.cy) / o.ry) ** 2);
        const edge = 5 / Math.min(o.rx, o.ry);
        if (d < 1) labels[y * W + x] = o.c;
        else if (d < 1 + edge && labels[y * W + x] === 0) labels[y * W + x] = 255;
      }
    }
  }
  return labels;
}

export const DATASETS = [
  { name: 'cityscapes', width: 2048, height: 1024, mode: 'L', scene: cityscapesScene },
  { name: 'ade20k', width: 512, height: 512, mode: 'L', scene: ade20kScene },
  { name: 'voc', width: 500, height: 375, mode: 'P', scene: vocScene },
];

const PIL_SCRIPT = `
import numpy as np, sys
from PIL import Image
raw, out, w, h, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
img = Image.fromarray(np.fromfile(raw, 'u1').reshape(h, w), mode='L')
if mode == 'P':
    img = img.convert('P')
    cmap = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j); g |= ((c >> 1) & 1) << (7 - j); b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        cmap += [r, g, b]
    img.putpalette(cmap)
img.save(out)
`;

/** Paths of `count` PIL-written PNGs of `dataset` in `dir` (generated when missing). */
export function pilImages(dir, dataset, count) {
  mkdirSync(dir, { recursive: true });
  const paths = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `${dataset.name}-pil-${i}.png`);
    if (!existsSync(path)) {
      const raw = join(dir, 'labels.raw');
      writeFileSync(raw, dataset.scene(1000 + i, dataset.width, dataset.height));
      try {
        execFileSync('/usr/bin/python3', [
          '-c',
          PIL_SCRIPT,
          raw,
          path,
          String(dataset.width),
          String(dataset.height),
          dataset.mode,
        ]);
      } catch (error) {
        throw new Error(
          'writing the benchmark PNGs needs /usr/bin/python3 with numpy and PIL (apt-get install -y python3-pil python3-numpy)',
          { cause: error },
        );
      }
    }
    paths.push(path);
  }
  return paths;
}
