import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CityscapesScene } from './cityscapes-scene.js';
import { decodeLabelPng } from './parity-fixtures.js';

/**
 * The Cityscapes-format fixture: `$SEGMETRICS_CITYSCAPES_DIR` when set; otherwise
 * `<repository>/../shared/fixtures/cityscapes` when it exists (the shared folder laid beside the clone, the
 * source of truth); otherwise the verbatim copy vendored in this package (`fixtures/cityscapes`), so the
 * tests also run on a fresh clone without the shared folder.
 */
export function cityscapesFixtureRoot(): string {
  const fromEnv = process.env.SEGMETRICS_CITYSCAPES_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  // dist/index.js (or src/*.ts) → packages/test-utils → packages → repository root.
  const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const shared = resolve(packageRoot, '..', '..', '..', 'shared', 'fixtures', 'cityscapes');
  return existsSync(shared) ? shared : resolve(packageRoot, 'fixtures', 'cityscapes');
}

/** The fixture's images (sample id `<city>/<city>_<seq>_<frame>`, sorted) and cityscapesScripts' result. */
export interface CityscapesFixture {
  readonly root: string;
  readonly scenes: readonly (readonly [sampleId: string, scene: CityscapesScene])[];
  /** `expected-cityscapesScripts.json`: cityscapesScripts' result with NaN written as `null`. */
  readonly expected: Readonly<Record<string, unknown>>;
}

/** Loads the shared Cityscapes fixture (see its README). */
export function loadCityscapesFixture(root: string = cityscapesFixtureRoot()): CityscapesFixture {
  if (!existsSync(root))
    throw new Error(
      `Cityscapes fixture not found at ${root}: lay shared/ beside the repository or set SEGMETRICS_CITYSCAPES_DIR`,
    );
  const gtRoot = join(root, 'gtFine', 'val');
  const scenes: [string, CityscapesScene][] = [];
  for (const city of readdirSync(gtRoot).sort()) {
    for (const file of readdirSync(join(gtRoot, city)).sort()) {
      if (!file.endsWith('_gtFine_labelIds.png')) continue;
      const stem = file.slice(0, -'_gtFine_labelIds.png'.length);
      const labelIds = decodeLabelPng(join(gtRoot, city, file));
      const instanceIds = decodeLabelPng(join(gtRoot, city, `${stem}_gtFine_instanceIds.png`));
      const prediction = decodeLabelPng(join(root, 'results', city, `${stem}_leftImg8bit.png`));
      scenes.push([
        `${city}/${stem}`,
        {
          width: labelIds.width,
          height: labelIds.height,
          labelIds: Uint8Array.from(labelIds.data),
          instanceIds: Uint16Array.from(instanceIds.data),
          prediction: Uint8Array.from(prediction.data),
        },
      ]);
    }
  }
  const expected = JSON.parse(readFileSync(join(root, 'expected-cityscapesScripts.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return { root, scenes, expected };
}
