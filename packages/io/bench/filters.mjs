// node bench/filters.mjs — ms per 2048×1024 label PNG for each decoder path and each format.
// Imports the built dist (run `pnpm build` first; turbo's bench task does). Images are generated
// deterministically into .bench-data/ (git-ignored): our encoder with adaptive, Up-only and Paeth-only
// row filters, and PIL (Debian python3-pil at /usr/bin/python3) when available, as PIL is what most
// datasets were written with. Timings are medians over interleaved rounds (the machine is shared).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { decodePng } from '../dist/index.js';
import { decodePngFast } from '../dist/node.js';
import { encodePngForBench } from './encode.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '.bench-data');
mkdirSync(dataDir, { recursive: true });
const W = 2048;
const H = 1024;
const IMAGES = Number(process.env.BENCH_IMAGES ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Cityscapes-like street scene: sky, buildings, road, sidewalks, cars, poles, people, 255 void edges. */
function scene(seed, classes) {
  const random = rng(seed);
  const labels = new Uint16Array(W * H);
  const horizon = 380 + Math.floor(random() * 80);
  const objects = Array.from({ length: 40 }, () => ({
    x: random() * W,
    y: horizon + random() * (H - horizon),
    w: 20 + random() * 220,
    h: 20 + random() * 160,
    c: 11 + Math.floor(random() * 8),
  }));
  for (let y = 0; y < H; y++) {
    const skyline = horizon - 200 - 120 * Math.sin(y / 3) * 0;
    for (let x = 0; x < W; x++) {
      let c;
      const roofline = horizon - 150 - 130 * Math.abs(Math.sin(x / 173));
      if (y < roofline && y < skyline + 400)
        c = 10; // sky
      else if (y < horizon)
        c = x % 301 < 9 ? 5 : x % 97 < 60 ? 2 : 8; // poles, building, vegetation
      else c = Math.abs(x - W / 2) < (y - horizon) * 1.6 ? 0 : 1; // road / sidewalk
      for (const o of objects) {
        if (x >= o.x && x < o.x + o.w && y >= o.y - o.h && y < o.y) {
          c = o.c;
          break;
        }
      }
      labels[y * W + x] = c;
    }
  }
  // void (255) outlines, one pixel wide, where classes meet (as in Cityscapes' coarse edges)
  for (let y = 1; y < H; y++) {
    for (let x = 1; x < W; x++) {
      const i = y * W + x;
      if (labels[i] !== labels[i - 1] && random() < 0.5) labels[i] = classes > 256 ? 65535 : 255;
    }
  }
  if (classes > 256)
    for (let i = 0; i < labels.length; i++) if (labels[i] !== 65535) labels[i] = labels[i] * 17;
  return labels;
}

function pilAvailable() {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import PIL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function generate() {
  const usePil = pilAvailable();
  if (!usePil)
    console.log(
      'note: /usr/bin/python3 with PIL not found (apt-get install -y python3-pil): PIL-encoded sets skipped',
    );
  const sets = [];
  for (const format of ['gray8', 'palette', 'gray16']) {
    for (const encoder of ['adaptive', 'up', 'paeth', ...(usePil ? ['pil'] : [])]) {
      const files = [];
      for (let i = 0; i < IMAGES; i++) {
        const path = join(dataDir, `${format}-${encoder}-${i}.png`);
        if (!existsSync(path)) {
          const labels = scene(1000 + i, format === 'gray16' ? 300 : 19);
          if (encoder === 'pil') {
            const raw = join(dataDir, 'labels.raw');
            writeFileSync(raw, format === 'gray16' ? new Uint8Array(labels.buffer) : Uint8Array.from(labels));
            const script = `
import numpy as np, sys
from PIL import Image
fmt, raw, out = sys.argv[1:4]
if fmt == 'gray16':
    Image.fromarray(np.fromfile(raw, '<u2').reshape(${H}, ${W}).astype('<u2'), mode='I;16').save(out)
else:
    a = np.fromfile(raw, 'u1').reshape(${H}, ${W})
    img = Image.fromarray(a, mode='L')
    if fmt == 'palette':
        img = img.convert('P'); img.putpalette([v for i in range(256) for v in ((i * 37) % 256, (i * 91) % 256, (i * 151) % 256)])
    img.save(out)
`;
            execFileSync('/usr/bin/python3', ['-c', script, format, raw, path]);
          } else {
            writeFileSync(path, encodePngForBench(labels, W, H, format, encoder));
          }
        }
        files.push(readFileSync(path));
      }
      sets.push({ format, encoder, files });
    }
  }
  return sets;
}

function idatOf(bytes) {
  const parts = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'IDAT')
      parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const sets = generate();
// correctness first: both paths agree on every benchmark image
for (const { format, encoder, files } of sets) {
  for (const bytes of files) {
    const a = decodePngFast(bytes).data;
    const b = decodePng(bytes).data;
    if (a.length !== b.length || a.some((v, i) => v !== b[i]))
      throw new Error(`paths disagree on ${format}/${encoder}`);
  }
}
const paths = {
  'fast path': (bytes) => decodePngFast(bytes),
  'fast-png': (bytes) => decodePng(bytes),
  'inflate only': (bytes) => inflateSync(idatOf(bytes)),
};
const rows = [];
for (const { format, encoder, files } of sets) {
  const times = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const bytes of files) {
      for (const [name, run] of Object.entries(paths)) {
        const start = performance.now();
        run(bytes);
        times[name].push(performance.now() - start);
      }
    }
  }
  const kb = Math.round(files.reduce((sum, f) => sum + f.length, 0) / files.length / 1024);
  const fast = median(times['fast path']);
  const reference = median(times['fast-png']);
  rows.push([
    format,
    encoder,
    `${kb} KiB`,
    fast.toFixed(2),
    reference.toFixed(2),
    (reference / fast).toFixed(1),
    median(times['inflate only']).toFixed(2),
  ]);
}
const header = [
  'format',
  'encoder/filters',
  'file',
  'fast path ms',
  'fast-png ms',
  'speed-up',
  'inflate-only ms',
];
console.log(
  `\n2048×1024 label PNGs, ${IMAGES} images × ${ROUNDS} rounds, median ms per image (Node ${process.version})\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
