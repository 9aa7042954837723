import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cityscapesCategories } from '@segmetrics/metrics';
import {
  type CityscapesScene,
  cityscapesFixtureRoot,
  cityscapesScene,
  loadCityscapesFixture,
  referenceCityscapes,
} from '@segmetrics/test-utils';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../test/helpers.js';
import type { CliContext } from '../context.js';
import { runCli } from '../program.js';

/** The seven categories cityscapesScripts evaluates, in its order ('void' is not evaluated). */
const EVALUATED_CATEGORIES = cityscapesCategories.filter((category) => category !== 'void');

/** Runs the CLI in this process (one thread: `--workers 1`), capturing its output. */
async function run(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { NO_COLOR: '1', ...env },
    exitCode: 0,
  };
  const code = await runCli(['eval', '--workers', '1', ...args], context);
  return { code, stdout, stderr };
}

const png = (scene: CityscapesScene, data: Uint8Array | Uint16Array, depth: 8 | 16) =>
  encode({ width: scene.width, height: scene.height, data, channels: 1, depth });

/**
 * Writes generated scenes in the Cityscapes layout: `gtFine/val/<city>/<stem>_gtFine_{labelIds,
 * instanceIds}.png` and predictions `results/<stem>_leftImg8bit.png` (flat). Returns the root.
 */
function writeDataset(scenes: readonly (readonly [stem: string, scene: CityscapesScene])[]): string {
  const root = mkdtempSync(join(tmpdir(), 'segmetrics-cityscapes-'));
  for (const [stem, scene] of scenes) {
    const city = stem.slice(0, stem.indexOf('_'));
    const gt = join(root, 'gtFine', 'val', city);
    mkdirSync(gt, { recursive: true });
    mkdirSync(join(root, 'results'), { recursive: true });
    writeFileSync(join(gt, `${stem}_gtFine_labelIds.png`), png(scene, scene.labelIds, 8));
    writeFileSync(join(gt, `${stem}_gtFine_instanceIds.png`), png(scene, scene.instanceIds, 16));
    writeFileSync(join(root, 'results', `${stem}_leftImg8bit.png`), png(scene, scene.prediction, 8));
  }
  return root;
}

const SCENES: readonly (readonly [string, CityscapesScene])[] = [
  ['aachen_000000_000019', cityscapesScene(11, { absent: [12] })],
  ['aachen_000001_000019', cityscapesScene(12, { absent: [12], predictedOnly: [31] })],
  ['bremen_000000_000019', cityscapesScene(13, { absent: [12], width: 200, height: 100 })],
  ['zurich_000000_000019', cityscapesScene(14, { absent: [12] })],
];

function datasetArgs(root: string): string[] {
  return [
    '--dataset',
    'cityscapes-labelids',
    '--gt',
    join(root, 'gtFine', 'val'),
    '--pred',
    join(root, 'results'),
  ];
}

describe('segmetrics eval --dataset cityscapes-labelids', () => {
  const root = writeDataset(SCENES);
  const reference = referenceCityscapes(SCENES.map(([, scene]) => scene));

  it('pairs the default Cityscapes layout and writes cityscapesScripts’ result (--format cityscapes)', async () => {
    const { code, stdout, stderr } = await run([...datasetArgs(root), '--format', 'cityscapes', '-q']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, Record<string, number | null>>;
    const nan = (v: number) => (Number.isNaN(v) ? null : v);
    for (const key of ['classScores', 'classInstScores', 'categoryScores', 'categoryInstScores'] as const) {
      expect(result[key], key).toEqual(
        Object.fromEntries(Object.entries(reference[key]).map(([k, v]) => [k, nan(v)])),
      );
    }
    expect(result.averageScoreInstClasses).toBe(reference.averageScoreInstClasses);
    expect(result.averageScoreInstCategories).toBe(reference.averageScoreInstCategories);
    expect(result.averageScoreClasses).toBe(reference.averageScoreClasses);
    expect(result.averageScoreCategories).toBe(reference.averageScoreCategories);
    // Every row, void and other ignored ground-truth labels included, and every prior.
    expect(result.confMatrix).toEqual(reference.confMatrix);
    expect(result.priors).toEqual(reference.priors);
    // complete: no warning about null rows, even when not quiet
    const loud = await run([...datasetArgs(root), '--format', 'cityscapes']);
    expect(loud.stderr).not.toContain('null');
    expect(loud.stdout).toBe(stdout);
  });

  it('reports the four numbers in the JSON report (perClass[].iiou, perCategory, summary)', async () => {
    const { code, stdout } = await run([...datasetArgs(root), '--format', 'json', '-q']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      summary: Record<string, number | null>;
      perClass: { name: string; iou: number | null; iiou: number | null }[];
      perCategory: { name: string; iou: number | null; iiou: number | null }[];
    };
    const nan = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
    expect(report.summary.mIoU).toBe(reference.averageScoreClasses);
    expect(report.summary.iIoU).toBe(reference.averageScoreInstClasses);
    expect(report.summary.categoryIoU).toBe(reference.averageScoreCategories);
    expect(report.summary.categoryIIoU).toBe(reference.averageScoreInstCategories);
    for (const row of report.perClass) {
      expect(row.iou, row.name).toBe(nan(reference.classScores[row.name]));
      expect(row.iiou, row.name).toBe(nan(reference.classInstScores[row.name]));
    }
    expect(report.perCategory.map((c) => c.name)).toEqual(EVALUATED_CATEGORIES);
    for (const category of report.perCategory) {
      expect(category.iou, category.name).toBe(nan(reference.categoryScores[category.name]));
      expect(category.iiou, category.name).toBe(nan(reference.categoryInstScores[category.name]));
    }
  });

  it('prints the four numbers and the categories in the table and in Markdown', async () => {
    const table = await run([...datasetArgs(root), '-q']);
    expect(table.code).toBe(0);
    const pct = (v: number) => (v * 100).toFixed(2);
    expect(table.stdout).toContain(
      `Cityscapes benchmark: IoU class ${pct(reference.averageScoreClasses)} · iIoU class ${pct(reference.averageScoreInstClasses)} · IoU category ${pct(reference.averageScoreCategories)} · iIoU category ${pct(reference.averageScoreInstCategories)}`,
    );
    expect(table.stdout).toMatch(
      new RegExp(
        `vehicle +${pct(reference.categoryScores.vehicle!)} +${pct(reference.categoryInstScores.vehicle!)}`,
      ),
    );
    const markdown = await run([...datasetArgs(root), '--format', 'markdown', '-q']);
    expect(markdown.stdout).toContain(
      `| vehicle | ${pct(reference.categoryScores.vehicle!)} | ${pct(reference.categoryInstScores.vehicle!)} |`,
    );
  });

  it('writes the four numbers, per-class iIoU and the categories into the CSV, as the JSON holds them', async () => {
    const csv = await run([...datasetArgs(root), '--format', 'csv', '-q']);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const at = (name: string) => header!.indexOf(name);
    const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
    expect(at('iIoU')).toBeGreaterThan(0);
    const classes = rows.filter((r) => r[0] === 'class');
    expect(classes).toHaveLength(19);
    for (const row of classes) {
      expect(row[at('iIoU')], row[2]).toBe(cell(reference.classInstScores[row[2]!]));
      expect(row[at('iou')], row[2]).toBe(cell(reference.classScores[row[2]!]));
    }
    const categories = rows.filter((r) => r[0] === 'category');
    expect(categories.map((r) => r[2])).toEqual(EVALUATED_CATEGORIES);
    for (const row of categories) {
      expect(row[at('iou')], row[2]).toBe(cell(reference.categoryScores[row[2]!]));
      expect(row[at('iIoU')], row[2]).toBe(cell(reference.categoryInstScores[row[2]!]));
    }
    const summary = rows.find((r) => r[0] === 'summary')!;
    expect(summary[at('iou')]).toBe(String(reference.averageScoreClasses));
    expect(summary[at('iIoU')]).toBe(String(reference.averageScoreInstClasses));
    expect(summary[at('categoryIoU')]).toBe(String(reference.averageScoreCategories));
    expect(summary[at('categoryIIoU')]).toBe(String(reference.averageScoreInstCategories));
  });

  it('leaves "IoU class" out of the benchmark line when the mIoU is not the benchmark number', async () => {
    const pct = (v: number) => (v * 100).toFixed(2);
    const rest = `iIoU class ${pct(reference.averageScoreInstClasses)} · IoU category ${pct(reference.averageScoreCategories)}`;
    // A class only predicted (scene 2) is skipped, or a library counts pixels another way.
    for (const options of [
      ['--predicted-only', 'skip'],
      ['--preset', 'detectron2'],
      ['--preset', 'keras'],
    ]) {
      for (const format of ['table', 'markdown']) {
        const { code, stdout } = await run([...datasetArgs(root), ...options, '--format', format, '-q']);
        expect(code).toBe(0);
        const line = stdout.split('\n').find((l) => l.includes('Cityscapes benchmark:'));
        expect(line, `${options.join(' ')} ${format}`).toContain(`Cityscapes benchmark: ${rest}`);
      }
    }
    // mmsegmentation's conventions give the benchmark's number here (no ignore label is a class id).
    const mmseg = await run([...datasetArgs(root), '--preset', 'mmseg', '-q']);
    expect(mmseg.stdout).toContain(
      `Cityscapes benchmark: IoU class ${pct(reference.averageScoreClasses)} · ${rest}`,
    );
  });

  it('shows iIoU and the categories in the HTML report, with --format cityscapes on stdout', async () => {
    const html = join(root, 'report.html');
    const { code, stdout } = await run([
      ...datasetArgs(root),
      '--format',
      'cityscapes',
      '--report',
      html,
      '-q',
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { averageScoreInstClasses: number }).averageScoreInstClasses).toBe(
      reference.averageScoreInstClasses,
    );
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Category iIoU');
    expect(page).toContain('data-key="iiou"');
    const data = /<script type="application\/json" id="segmetrics-data">([\s\S]*?)<\/script>/.exec(page)?.[1];
    const embedded = JSON.parse((data ?? '{}').replace(/\\u003c/g, '<')) as { summary: { iIoU: number } };
    expect(embedded.summary.iIoU).toBe(reference.averageScoreInstClasses);
  });

  it('reproduces cityscapesScripts on the shared fixture, key by key (confMatrix and priors included)', async () => {
    const fixture = loadCityscapesFixture();
    const { code, stdout } = await run([
      '--dataset',
      'cityscapes-labelids',
      '--gt',
      join(cityscapesFixtureRoot(), 'gtFine', 'val'),
      '--pred',
      join(cityscapesFixtureRoot(), 'results'),
      '--format',
      'cityscapes',
      '-q',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    // every key cityscapesScripts writes, confMatrix (void rows included) and priors too
    expect(Object.keys(result).sort()).toEqual(Object.keys(fixture.expected).sort());
    for (const key of Object.keys(fixture.expected)) expect(result[key], key).toEqual(fixture.expected[key]);
    expect((result.confMatrix as unknown[][]).flat()).not.toContain(null);
  });

  it('skips iIoU with --no-instances (no instance files needed)', async () => {
    const { code, stdout } = await run([
      ...datasetArgs(root),
      '--format',
      'cityscapes',
      '--no-instances',
      '-q',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, Record<string, number | null>>;
    expect(result.classInstScores!.car).toBeNull();
    expect(result.averageScoreInstClasses).toBeNull();
    expect(result.classScores!.car).toBe(reference.classScores.car);
  });

  it('writes the result file byte for byte as cityscapesScripts lays it out (-o)', async () => {
    const out = join(root, 'result.json');
    const { code } = await run([...datasetArgs(root), '--format', 'cityscapes', '-o', out, '-q']);
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('{\n    "averageScoreCategories": ')).toBe(true);
    expect(text.endsWith('\n}')).toBe(true);
  });

  it('refuses a trainId ground-truth file, naming the file, the value and the likely mistake', async () => {
    const [stem, scene] = SCENES[0]!;
    const bad = writeDataset([
      [stem, { ...scene, labelIds: scene.labelIds.map((v) => (v === 0 ? 255 : v)) }],
    ]);
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain(`${stem}_gtFine_labelIds.png`);
    expect(stderr).toContain('255');
    expect(stderr).toContain('labelTrainIds');
  });

  it('refuses predictions that are not labelIds and says what cityscapesScripts would do', async () => {
    const [stem, scene] = SCENES[0]!;
    const bad = writeDataset([
      [stem, { ...scene, prediction: scene.prediction.map((v) => (v === 7 ? 255 : v)) }],
    ]);
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain(`${stem}_leftImg8bit.png`);
    expect(stderr).toContain('255');
    expect(stderr).toContain('cityscapesScripts');
  });

  it('refuses a prediction value that is not a labelId even where the ground truth is void', async () => {
    const [stem, scene] = SCENES[0]!;
    const prediction = scene.prediction.map((v, i) => (scene.labelIds[i] === 1 ? 255 : v)); // ego vehicle
    const bad = writeDataset([[stem, { ...scene, prediction }]]);
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain(`${stem}_leftImg8bit.png`);
    expect(stderr).toContain('255 is not a Cityscapes labelId');
  });

  it('warns when the predictions look like trainIds (valid labelIds, so cityscapesScripts says nothing)', async () => {
    const [stem, scene] = SCENES[0]!;
    const trainIds = [
      255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255, 5, 255, 6, 7, 8, 9, 10, 11,
      12, 13, 14, 15, 255, 255, 16, 17, 18,
    ];
    const prediction = scene.prediction.map((v) => (trainIds[v] === 255 ? 0 : trainIds[v]!));
    const bad = writeDataset([[stem, { ...scene, prediction }]]);
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(0);
    expect(stderr).toContain('are the predictions trainIds');
    expect((await run(datasetArgs(root))).stderr).not.toContain('trainIds');
  });

  it('names missing instance files and the flags that help', async () => {
    const [stem, scene] = SCENES[0]!;
    const bad = writeDataset([[stem, scene]]);
    const { rmSync } = await import('node:fs');
    rmSync(join(bad, 'gtFine', 'val', 'aachen', `${stem}_gtFine_instanceIds.png`));
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain(`${stem}_gtFine_instanceIds.png`);
    expect(stderr).toContain('--no-instances');
    expect((await run([...datasetArgs(bad), '--no-instances', '-q'])).code).toBe(0);
  });

  it('names predictions saved as JPEG when images have no prediction', async () => {
    const [stem, scene] = SCENES[0]!;
    const bad = writeDataset([[stem, scene]]);
    const { renameSync } = await import('node:fs');
    const png = join(bad, 'results', `${stem}_leftImg8bit.png`);
    renameSync(png, png.replace('.png', '.jpg'));
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain('1 image has no prediction');
    expect(stderr).toContain(
      `found ${png.replace('.png', '.jpg')}: only PNG (.png) and NumPy (.npy) label maps are read`,
    );
  });

  it('says that Cityscapes ids have no folder when --include keeps no image', async () => {
    const { code, stderr } = await run([...datasetArgs(root), '--include', 'aachen/*']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `no *_gtFine_labelIds.png files found that --include "aachen/*" keeps (globs match Cityscapes ids, <city>_<seq>_<frame> without a folder: e.g. --include 'aachen_*')`,
    );
    expect((await run([...datasetArgs(root), '--include', 'aachen_*', '-q'])).code).toBe(0);
  });

  it('refuses an instance id whose label has no instances, naming the file', async () => {
    const [stem, scene] = SCENES[0]!;
    const instanceIds = scene.instanceIds.slice();
    instanceIds[0] = 7001;
    const bad = writeDataset([[stem, { ...scene, instanceIds }]]);
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain(`${stem}_gtFine_instanceIds.png`);
    expect(stderr).toContain('7001');
  });

  it('refuses two predictions for one image, naming both', async () => {
    const [stem, scene] = SCENES[0]!;
    const bad = writeDataset([[stem, scene]]);
    mkdirSync(join(bad, 'results', 'aachen'));
    writeFileSync(join(bad, 'results', 'aachen', `${stem}_pred.png`), png(scene, scene.prediction, 8));
    const { code, stderr } = await run(datasetArgs(bad));
    expect(code).toBe(1);
    expect(stderr).toContain(`${stem}_leftImg8bit.png`);
    expect(stderr).toContain(`${stem}_pred.png`);
  });

  it('gives bit-identical results from shards merged as from one run', async () => {
    const whole = await run([...datasetArgs(root), '--format', 'cityscapes', '-q']);
    const states = [join(root, 'shard-a.json'), join(root, 'shard-b.json')];
    // Kubernetes' 0-based index: the same shards whether --shard i/n is 0- or 1-based.
    const shard = (index: number, state: string) =>
      run([...datasetArgs(root), '--shard', 'auto', '--shard-count', '2', '--save-state', state, '-q'], {
        JOB_COMPLETION_INDEX: String(index),
      });
    const first = await shard(0, states[0]!);
    const second = await shard(1, states[1]!);
    expect([first.code, second.code]).toEqual([0, 0]);
    let stdout = '';
    const context: CliContext = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: { NO_COLOR: '1' },
      exitCode: 0,
    };
    expect(await runCli(['merge', ...states, '--format', 'cityscapes', '-q'], context)).toBe(0);
    expect(stdout).toBe(whole.stdout);
  });

  it('gives the same bytes with worker threads (the built CLI, --workers 2) as in one thread', async () => {
    const inProcess = await run([...datasetArgs(root), '--format', 'cityscapes', '-q']);
    // Spawned without blocking this thread, so vitest's worker keeps answering while the CLI runs.
    const spawned = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        [CLI, 'eval', ...datasetArgs(root), '--format', 'cityscapes', '--workers', '2', '-q'],
        { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 },
        (error, stdout, stderr) => (error === null ? resolve({ stdout, stderr }) : reject(error)),
      );
    });
    expect(spawned.stderr).toBe('');
    expect(spawned.stdout).toBe(inProcess.stdout);
  });
});
