#!/usr/bin/env node
// `node bench/cityscapes.mjs`: what the Cityscapes benchmark's four numbers cost. Generates Cityscapes-
// format data (labelIds, 16-bit instanceIds, labelId predictions; test-utils' scene generator) and times,
// interleaved, three runs of the built CLI on it:
//   class-only  the run before the Cityscapes stream: labelIds → trainIds table, suffix pairing, class IoU
//   no-inst     --dataset cityscapes-labelids --no-instances: + category IoU, prediction-label checks
//   four        --dataset cityscapes-labelids: + instance ids read and counted, class and category iIoU
//   cityscapesScripts  with --cityscapes-scripts <checkout of mcordts/cityscapesScripts>: its own
//               evalPixelLevelSemanticLabeling.py, pure-Python path (bench/cityscapes-scripts.mjs)
// Reports the median wall time and the median CPU time (user + sys, from /usr/bin/time) of each.
// Needs built dist folders (`pnpm turbo run build --filter=segmetrics...`).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cityscapesLabelIdToTrainId } from '@segmetrics/metrics';
import { writeCityscapesData } from './cityscapes-data.mjs';
import { runCityscapesScripts } from './cityscapes-scripts.mjs';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(APP_DIR, 'dist', 'cli.js');
const args = process.argv.slice(2).filter((a) => a !== '--');
const { values } = parseArgs({
  args,
  options: {
    pairs: { type: 'string', default: '60' },
    runs: { type: 'string', default: '5' },
    width: { type: 'string', default: '2048' },
    height: { type: 'string', default: '1024' },
    'data-dir': { type: 'string', default: join(APP_DIR, '.bench-data') },
    'cityscapes-scripts': { type: 'string' },
  },
});
const pairs = Number(values.pairs);
const runs = Number(values.runs);
const width = Number(values.width);
const height = Number(values.height);
const root = join(values['data-dir'], `cityscapes-${pairs}-${width}x${height}`);

writeCityscapesData(root, { pairs, width, height });
if (!existsSync(join(root, 'label-map.json'))) {
  writeFileSync(join(root, 'label-map.json'), JSON.stringify(cityscapesLabelIdToTrainId));
}

const gt = join(root, 'gtFine', 'val');
const pred = join(root, 'results');
const commands = {
  'class-only': [
    '--gt',
    gt,
    '--pred',
    pred,
    '--num-classes',
    '19',
    '--ignore-index',
    '255',
    '--label-map',
    join(root, 'label-map.json'),
    '--gt-suffix',
    '_gtFine_labelIds.png',
    '--pred-suffix',
    '_leftImg8bit.png',
    '--match-by',
    'basename',
  ],
  'no-inst': ['--dataset', 'cityscapes-labelids', '--gt', gt, '--pred', pred, '--no-instances'],
  four: ['--dataset', 'cityscapes-labelids', '--gt', gt, '--pred', pred],
};
const checkout = values['cityscapes-scripts'];
const names = [...Object.keys(commands), ...(checkout === undefined ? [] : ['cityscapesScripts'])];
const times = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
for (let run = 0; run < runs; run++) {
  if (checkout !== undefined) {
    const { wall, cpu } = runCityscapesScripts(checkout, root);
    times.cityscapesScripts.wall.push(wall);
    times.cityscapesScripts.cpu.push(cpu);
  }
  for (const [name, flags] of Object.entries(commands)) {
    const result = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %U %S', process.execPath, CLI, 'eval', ...flags, '-q'],
      {
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    const [wall, user, sys] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    times[name].wall.push(wall);
    times[name].cpu.push(user + sys);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`${pairs} pairs of ${width}×${height}, ${runs} interleaved runs each; medians`);
console.log('run                wall s   cpu s');
for (const [name, t] of Object.entries(times)) {
  console.log(
    `${name.padEnd(17)} ${median(t.wall).toFixed(2).padStart(7)} ${median(t.cpu).toFixed(2).padStart(7)}`,
  );
}
