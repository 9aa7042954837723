import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parityFixtureRoot } from '@segmetrics/test-utils';

const here = dirname(fileURLToPath(import.meta.url));

/** The parity fixtures (`$SEGMETRICS_PARITY_DIR`, the shared folder beside the clone, or the vendored copy). */
export const parityDir = parityFixtureRoot();

/** Every PNG of a parity dataset (`gt` and `pred`), as [relative path, bytes]. */
export function parityPngs(dataset: string): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const side of ['gt', 'pred']) {
    const dir = join(parityDir, dataset, side);
    if (!existsSync(dir)) throw new Error(`parity fixtures not found at ${dir} (set SEGMETRICS_PARITY_DIR)`);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.png')) out.push([`${dataset}/${side}/${name}`, readFileSync(join(dir, name))]);
    }
  }
  return out;
}

/** A deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A label map with blobs and edges, like a segmentation (values in [0, classes)). */
export function syntheticLabels(width: number, height: number, classes: number, seed: number): number[] {
  const random = rng(seed);
  const centers = Array.from({ length: 6 }, () => [random() * width, random() * height, random() * classes]);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const [cx, cy, label] of centers) {
        const d = (x - cx!) ** 2 + (y - cy!) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = Math.floor(label!);
        }
      }
      out.push(random() < 0.02 ? Math.floor(random() * classes) : best);
    }
  }
  return out;
}

/** Reads a fixture under test/fixtures. */
export function fixture(name: string): Uint8Array {
  return readFileSync(resolve(here, 'fixtures', name));
}
