// Cityscapes-format data for the benchmarks and the cityscapesScripts comparison: test-utils' scene
// generator (labelIds with void and ignored stuff, 16-bit instanceIds with instances and group regions,
// predictions confused inside and across categories and with ignored labelIds) written as PNGs in the
// standard layout — gtFine/val/<city>/<stem>_gtFine_{labelIds,instanceIds}.png and
// results/<city>/<stem>_leftImg8bit.png — under `root`, once (a `done` marker).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cityscapesScene } from '@segmetrics/test-utils';
import { encode } from 'fast-png';

const CITIES = ['frankfurt', 'lindau', 'munster'];

/**
 * Writes `pairs` scenes of `width`×`height` (seeds 1000 + i, cities in turn) unless `root` is done;
 * `sceneOptions(i)` gives a scene's generator options (absent or predicted-only labelIds).
 */
export function writeCityscapesData(root, { pairs, width, height, sceneOptions = () => ({}) }) {
  if (existsSync(join(root, 'done'))) return root;
  for (let i = 0; i < pairs; i++) {
    const city = CITIES[i % CITIES.length];
    const stem = `${city}_${String(Math.floor(i / 3)).padStart(6, '0')}_${String(19 + i).padStart(6, '0')}`;
    const scene = cityscapesScene(1000 + i, { width, height, ...sceneOptions(i) });
    const png = (data, depth) => encode({ width, height, data, channels: 1, depth });
    mkdirSync(join(root, 'gtFine', 'val', city), { recursive: true });
    mkdirSync(join(root, 'results', city), { recursive: true });
    writeFileSync(join(root, 'gtFine', 'val', city, `${stem}_gtFine_labelIds.png`), png(scene.labelIds, 8));
    writeFileSync(
      join(root, 'gtFine', 'val', city, `${stem}_gtFine_instanceIds.png`),
      png(scene.instanceIds, 16),
    );
    writeFileSync(join(root, 'results', city, `${stem}_leftImg8bit.png`), png(scene.prediction, 8));
  }
  writeFileSync(join(root, 'done'), '');
  return root;
}
