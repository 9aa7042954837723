import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';

/** One decoded (ground truth, prediction) pair of a parity fixture, paired by file name. */
export interface ParityPair {
  /** File name without extension (e.g. `img_000`). */
  readonly id: string;
  /** Ground-truth labels, row-major, one value per pixel (palette indices for palette PNGs). */
  readonly gt: Uint8Array | Uint16Array;
  /** Predicted labels, row-major, one value per pixel. */
  readonly pred: Uint8Array | Uint16Array;
  readonly width: number;
  readonly height: number;
}

/**
 * The `reference` block of a fixture's `expected.json` (see the fixtures' README): values reported by
 * mmsegmentation, scikit-learn and torchmetrics. `null` stands for NaN (0/0).
 */
export interface ParityReference {
  readonly mmseg: Readonly<Record<string, number | null | readonly (number | null)[]>>;
  readonly sklearn: Readonly<
    Record<string, number | null | readonly (number | null)[] | readonly number[][]>
  >;
  readonly torchmetrics: Readonly<
    Record<string, string | number | null | readonly (number | null)[] | readonly number[][]>
  >;
  readonly imagewise: Readonly<Record<string, number | null | readonly (number | null)[]>>;
}

/** A fixture's `expected.json`. */
export interface ParityExpected {
  readonly dataset: string;
  readonly numClasses: number;
  /** `null`: the dataset has no ignore label. */
  readonly ignoreIndex: number | null;
  readonly images: number;
  /** The segmetrics CLI flags that describe the dataset, e.g. `--num-classes 150 --reduce-zero-label`. */
  readonly flags: string;
  readonly note?: string;
  /** `false` when scikit-learn's / torchmetrics' confusion matrix is not comparable (see the README). */
  readonly confusionMatrixComparable?: boolean;
  readonly reference: ParityReference;
}

/** A decoded parity fixture. */
export interface ParityFixture {
  readonly name: string;
  readonly dir: string;
  readonly expected: ParityExpected;
  /** Sorted by `id`. */
  readonly pairs: readonly ParityPair[];
}

/**
 * The folder holding the parity fixtures: `$SEGMETRICS_PARITY_DIR` when set; otherwise
 * `<repository>/../shared/fixtures/parity` when it exists (the shared folder laid beside the clone, the
 * source of truth); otherwise the verbatim copy vendored in this package (`fixtures/parity`), so the
 * tests also run on a fresh clone without the shared folder.
 */
export function parityFixtureRoot(): string {
  const fromEnv = process.env.SEGMETRICS_PARITY_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  // dist/index.js (or src/*.ts) → packages/test-utils → packages → repository root.
  const here = dirname(fileURLToPath(import.meta.url));
  const packageRoot = resolve(here, '..');
  const shared = resolve(packageRoot, '..', '..', '..', 'shared', 'fixtures', 'parity');
  return existsSync(shared) ? shared : resolve(packageRoot, 'fixtures', 'parity');
}

/** Names of every fixture folder (those holding an `expected.json`), sorted. */
export function listParityFixtures(root: string = parityFixtureRoot()): string[] {
  if (!existsSync(root)) {
    throw new Error(
      `parity fixtures not found at ${root}: lay shared/ beside the repository or set SEGMETRICS_PARITY_DIR`,
    );
  }
  return readdirSync(root)
    .filter((name) => {
      const dir = join(root, name);
      return statSync(dir).isDirectory() && existsSync(join(dir, 'expected.json'));
    })
    .sort();
}

/** Decodes one PNG label map into a single-channel label array. */
export function decodeLabelPng(file: string): {
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
} {
  const png = decode(readFileSync(file));
  if (png.channels !== 1) {
    throw new Error(`${file}: expected a single-channel (gray or palette) PNG, got ${png.channels} channels`);
  }
  const data = png.data;
  if (!(data instanceof Uint8Array) && !(data instanceof Uint16Array)) {
    throw new Error(`${file}: unsupported PNG sample type`);
  }
  return { data, width: png.width, height: png.height };
}

/**
 * Loads and decodes a parity fixture: `expected.json` plus every `gt/*.png` paired with the
 * `pred/*.png` of the same name (palette PNGs give palette indices; 16-bit PNGs give Uint16Array).
 * Throws when a ground-truth file has no prediction or the sizes differ.
 */
export function loadParityFixture(name: string, root: string = parityFixtureRoot()): ParityFixture {
  const dir = join(root, name);
  const expectedFile = join(dir, 'expected.json');
  if (!existsSync(expectedFile)) throw new Error(`no parity fixture "${name}" in ${root}`);
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as ParityExpected;
  const files = readdirSync(join(dir, 'gt'))
    .filter((f) => f.endsWith('.png'))
    .sort();
  const pairs = files.map((file): ParityPair => {
    const predFile = join(dir, 'pred', file);
    if (!existsSync(predFile)) throw new Error(`${name}: no prediction for gt/${file}`);
    const gt = decodeLabelPng(join(dir, 'gt', file));
    const pred = decodeLabelPng(predFile);
    if (gt.width !== pred.width || gt.height !== pred.height) {
      throw new Error(
        `${name}/${file}: gt is ${gt.width}×${gt.height} but pred is ${pred.width}×${pred.height}`,
      );
    }
    return {
      id: file.replace(/\.png$/, ''),
      gt: gt.data,
      pred: pred.data,
      width: gt.width,
      height: gt.height,
    };
  });
  return { name, dir, expected, pairs };
}
