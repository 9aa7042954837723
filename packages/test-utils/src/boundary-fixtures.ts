import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeLabelPng } from './parity-fixtures.js';

/**
 * The Boundary IoU fixtures (see `fixtures/boundary/README.md`): `shared/fixtures/boundary` beside the
 * repository when it is there, else the copy in this package.
 */
export function boundaryFixtureRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const packageRoot = resolve(here, '..');
  const shared = resolve(packageRoot, '..', '..', '..', 'shared', 'fixtures', 'boundary');
  return existsSync(shared) ? shared : resolve(packageRoot, 'fixtures', 'boundary');
}

/** `expected.json` of a Boundary IoU fixture: computed with OpenCV as the paper's reference code does. */
export interface BoundaryExpected {
  numClasses: number;
  ignoreIndex: number;
  dilationRatio: number;
  boundaryIntersection: number[];
  boundaryUnion: number[];
  /** `null` where the union is 0 (absent). */
  boundaryIoU: (number | null)[];
  mBoundaryIoU: number;
  mIoU: number;
}

/** One image pair of a Boundary IoU fixture (sample id = the file name). */
export interface BoundaryPair {
  sampleId: string;
  gt: Uint8Array | Uint16Array;
  pred: Uint8Array | Uint16Array;
  width: number;
  height: number;
}

/** Names of the Boundary IoU fixtures, sorted. */
export function listBoundaryFixtures(root: string = boundaryFixtureRoot()): string[] {
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'expected.json')))
    .sort();
}

/** Loads one Boundary IoU fixture: its pairs (sorted by file name) and the expected values. */
export function loadBoundaryFixture(
  name: string,
  root: string = boundaryFixtureRoot(),
): { pairs: BoundaryPair[]; expected: BoundaryExpected } {
  const dir = join(root, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as BoundaryExpected;
  const pairs = readdirSync(join(dir, 'gt'))
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((file) => {
      const gt = decodeLabelPng(join(dir, 'gt', file));
      const pred = decodeLabelPng(join(dir, 'pred', file));
      if (gt.width !== pred.width || gt.height !== pred.height)
        throw new Error(`${name}/${file}: sizes differ`);
      return { sampleId: file, gt: gt.data, pred: pred.data, width: gt.width, height: gt.height };
    });
  return { pairs, expected };
}
