// `pnpm bench` (second part) for @segmetrics/core: the cost of Boundary IoU counting. On deterministic
// Cityscapes-sized maps (2048×1024, 19 classes + ignore 255), side by side in one run: ConfusionMatrix.update
// without boundaries (mask IoU), with boundaries at r = 0.005 (d = 11, the paper's Cityscapes setting) and
// r = 0.02 (d = 46, the default), and — when @segmetrics/io is built beside this package — decoding the
// pair from PNG (what the CLI does before counting). Rounds alternate between the variants so that all of
// them see the same machine load; the report gives medians (ms per image pair) and the median of the
// per-round ratios to the mask-IoU update. Requires a build. Options: --rounds N (default 15).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { ConfusionMatrix } from '../dist/index.js';
import { randomPair, realisticPair } from './maps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WIDTH = 2048;
const HEIGHT = 1024;
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 15;

/** CRC-32 of PNG chunks. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** An 8-bit grayscale PNG of `map` (filter "up" on every row, zlib level 6, as label-map writers do). */
function encodePng(map, width, height) {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = y === 0 ? 0 : 2;
    for (let x = 0; x < width; x++) {
      const v = map[y * width + x];
      raw[y * (width + 1) + 1 + x] = y === 0 ? v : (v - map[(y - 1) * width + x]) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** @segmetrics/io's PNG decoders when that package is built beside this one (bench only, not a dependency). */
async function loadDecoders() {
  const io = join(here, '..', '..', 'io', 'dist');
  if (!existsSync(join(io, 'node.js'))) return null;
  const node = await import(pathToFileURL(join(io, 'node.js')).href);
  // Decoded into reused buffers, as the CLI decodes (fresh memory per image would time page faults).
  const buffers = [new node.DecodeBuffer(), new node.DecodeBuffer()];
  return { decodePngFast: (bytes, side) => node.decodePngFast(bytes, { into: buffers[side] }) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function time(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function main() {
  const decoders = await loadDecoders();
  const scenes = [
    { name: 'realistic scene', ...realisticPair(Uint8Array, WIDTH, HEIGHT, 19, 255, 1) },
    {
      name: 'i.i.d. random (worst case: every pixel on a boundary)',
      ...randomPair(Uint8Array, WIDTH, HEIGHT, 19, 255, 2),
    },
  ];
  const options = { numClasses: 19, ignoreIndex: 255 };
  const size = { width: WIDTH, height: HEIGHT };
  console.log(
    `Boundary IoU cost: ConfusionMatrix.update on ${WIDTH}×${HEIGHT} maps, 19 classes + 255, single thread, ` +
      `Node ${process.version}; ${ROUNDS} alternating rounds, median ms per image pair`,
  );
  for (const scene of scenes) {
    const variants = [
      ['mask IoU only', new ConfusionMatrix(options), {}],
      [
        '+ Boundary IoU r = 0.005 (d = 11)',
        new ConfusionMatrix({ ...options, boundary: { dilationRatio: 0.005 } }),
        size,
      ],
      [
        '+ Boundary IoU r = 0.02 (d = 46)',
        new ConfusionMatrix({ ...options, boundary: { dilationRatio: 0.02 } }),
        size,
      ],
    ];
    const pngs =
      decoders === null ? null : [encodePng(scene.gt, WIDTH, HEIGHT), encodePng(scene.pred, WIDTH, HEIGHT)];
    const rows = variants.map(([name, matrix, opts]) => ({
      name,
      run: () => matrix.update(scene.pred, scene.gt, opts),
      times: [],
    }));
    if (pngs !== null) {
      rows.push({
        name: 'decode the PNG pair (io decodePngFast into reused buffers)',
        run: () => {
          decoders.decodePngFast(pngs[0], 0);
          decoders.decodePngFast(pngs[1], 1);
        },
        times: [],
      });
    }
    for (const row of rows) for (let i = 0; i < 3; i++) row.run(); // warm up
    const ratios = rows.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      const t = rows.map((row) => time(row.run));
      t.forEach((v, i) => {
        rows[i].times.push(v);
        ratios[i].push(v / t[0]);
      });
    }
    const maskMedian = median(rows[0].times);
    console.log(
      `\n${scene.name}${pngs === null ? '' : ` (PNG pair ${((pngs[0].length + pngs[1].length) / 1024).toFixed(0)} KiB)`}`,
    );
    console.log(
      `  ${'variant'.padEnd(44)} ${'median ms'.padStart(10)} ${'boundary pass ms'.padStart(17)} ${'× mask'.padStart(7)}`,
    );
    rows.forEach((row, i) => {
      const m = median(row.times);
      const extra = i > 0 && i < variants.length ? (m - maskMedian).toFixed(2) : '';
      console.log(
        `  ${row.name.padEnd(44)} ${m.toFixed(2).padStart(10)} ${extra.padStart(17)} ${median(ratios[i]).toFixed(2).padStart(7)}`,
      );
    });
  }
  if (decoders === null)
    console.log('\n(@segmetrics/io is not built beside core: PNG decoding not measured)');
}

await main();
