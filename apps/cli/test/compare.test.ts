// `segmetrics compare` and `eval|merge --ci` end to end, in process (runCli with captured streams), on a
// small generated sample: 12 pairs of 64×32 label maps, model A = the demo's predictions, model B = A
// plus a 5×5 majority filter (`generateSampleDataset(..., { secondModel: true })`).
import { cpSync, linkSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSampleDataset, type SampleDataset } from '../src/demo/generate-sample-dataset.js';
import {
  errorLines,
  type JsonRecord,
  run,
  runJson,
  saveStateWithoutPerImage,
  tempDir,
  withoutMergeFacts,
} from './helpers.js';

let sample: SampleDataset;
let base: string[];
let folders: string[];
const fast = ['--bootstrap', '200', '--seed', '3'];
const one = ['--workers', '1'];

beforeAll(async () => {
  sample = await generateSampleDataset(tempDir('compare-sample'), {
    pairs: 12,
    width: 64,
    height: 32,
    secondModel: true,
  });
  base = ['--gt', sample.gtDir, '--classes', sample.classesFile, '--ignore-index', '255'];
  folders = [...base, '--pred', sample.predDir, '--pred', sample.predBDir!];
});

/** The comparison JSON without where the models came from (folders and states differ there). */
function numbers(report: JsonRecord): JsonRecord {
  const { a, b, ...rest } = report as { a: JsonRecord; b: JsonRecord };
  return { ...rest, a: { ...a, source: null }, b: { ...b, source: null } };
}

async function saveStates(dir: string, extra: readonly string[] = []): Promise<[string, string]> {
  const states: string[] = [];
  for (const [name, pred] of [
    ['a', sample.predDir],
    ['b', sample.predBDir!],
  ] as const) {
    const state = join(dir, `${name}.state.json`);
    const result = await run([
      'eval',
      ...base,
      '--pred',
      pred,
      ...one,
      ...extra,
      '--save-state',
      state,
      '-q',
    ]);
    expect(result.code, result.stderr).toBe(0);
    states.push(state);
  }
  return states as [string, string];
}

describe('segmetrics compare', () => {
  it('from folders gives exactly the comparison of the saved states, with workers 1 and 2 alike', async () => {
    const fromFolders = await runJson(['compare', ...folders, ...fast, ...one]);
    const twoWorkers = await runJson(['compare', ...folders, ...fast, '--workers', '2']);
    expect(twoWorkers).toEqual(fromFolders);
    const [a, b] = await saveStates(tempDir('compare-states'));
    const fromStates = await runJson(['compare', a, b, ...fast]);
    expect(numbers(fromStates)).toEqual(numbers(fromFolders));
    expect((fromStates.a as JsonRecord).source).toBe(a);
    expect((fromFolders.b as JsonRecord).source).toBe(sample.predBDir);
    expect(fromFolders).toMatchObject({
      kind: 'comparison',
      images: 12,
      level: 0.95,
      samples: 200,
      seed: 3,
      method: 'percentile',
      test: 'paired-permutation',
      imageMetric: 'mIoU',
    });
  });

  it('from shard states (--a-state/--b-state) equals the comparison of whole-run states', async () => {
    const dir = tempDir('compare-shards');
    const shards: Record<'a' | 'b', string[]> = { a: [], b: [] };
    for (const [name, pred] of [
      ['a', sample.predDir],
      ['b', sample.predBDir!],
    ] as const) {
      for (const shard of ['1/2', '2/2']) {
        const state = join(dir, `${name}-${shard.replace('/', 'of')}.json`);
        const result = await run([
          'eval',
          ...base,
          '--pred',
          pred,
          ...one,
          '--shard',
          shard,
          '--save-state',
          state,
          '-q',
        ]);
        expect(result.code, result.stderr).toBe(0);
        shards[name].push(state);
      }
    }
    const sharded = await runJson([
      'compare',
      ...shards.a.flatMap((s) => ['--a-state', s]),
      ...shards.b.flatMap((s) => ['--b-state', s]),
      ...fast,
    ]);
    const whole = await runJson(['compare', ...folders, ...fast, ...one]);
    expect(numbers(withoutMergeFacts(sharded))).toEqual(numbers(whole));
    // The report says it merges the four shard states; folders merge nothing.
    expect((sharded.settings as JsonRecord).mergedStates).toBe(4);
    expect(Object.keys(whole.settings as JsonRecord)).not.toContain('mergedStates');
  });

  it('from states warns, as merge does, when a model’s shards or the two models’ ground truths come from different folders', async () => {
    const dir = tempDir('compare-folders');
    const gtCopy = join(dir, 'gt-copy');
    cpSync(sample.gtDir, gtCopy, { recursive: true });
    const save = async (name: string, gt: string, pred: string, shard: string) => {
      const state = join(dir, `${name}.json`);
      const args = ['eval', '--gt', gt, ...base.slice(2), '--pred', pred, ...one, '--shard', shard];
      const result = await run([...args, '--save-state', state, '-q']);
      expect(result.code, result.stderr).toBe(0);
      return state;
    };
    // A's second shard counted from B's predictions; B counted against a copy of the ground truth.
    const a1 = await save('a1', sample.gtDir, sample.predDir, '1/2');
    const a2 = await save('a2', sample.gtDir, sample.predBDir!, '2/2');
    const b1 = await save('b1', gtCopy, sample.predBDir!, '1/2');
    const b2 = await save('b2', gtCopy, sample.predBDir!, '2/2');
    const result = await run([
      'compare',
      ...['--a-state', a1, '--a-state', a2, '--b-state', b1, '--b-state', b2],
      ...fast,
      '-f',
      'json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(
      warnings.some((w) =>
        w.startsWith('warning: model A: the states were counted from different prediction folders'),
      ),
    ).toBe(true);
    expect(
      warnings.some((w) =>
        w.startsWith('warning: models A and B: the states were counted from different ground-truth folders'),
      ),
    ).toBe(true);
    expect(warnings.some((w) => w.startsWith('warning: model B:'))).toBe(false);
  });

  it('refuses shard states that miss a shard, with a hint compare can follow (no --allow-partial)', async () => {
    const dir = tempDir('compare-missing-shard');
    const states: string[] = [];
    for (const [name, pred, shard] of [
      ['a1', sample.predDir, '1/2'],
      ['a2', sample.predDir, '2/2'],
      ['b1', sample.predBDir!, '1/2'],
    ] as const) {
      const state = join(dir, `${name}.json`);
      const result = await run([
        'eval',
        ...base,
        '--pred',
        pred,
        ...one,
        '--shard',
        shard,
        '--save-state',
        state,
        '-q',
      ]);
      expect(result.code, result.stderr).toBe(0);
      states.push(state);
    }
    const result = await run([
      'compare',
      ...['--a-state', states[0]!, '--a-state', states[1]!, '--b-state', states[2]!],
      ...fast,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing shard 2 of 2');
    expect(result.stderr).toContain('compare needs complete runs');
    expect(result.stderr).not.toContain('--allow-partial');
  });

  it('refuses one state file given for A and B however it is spelled, naming both (exit 2)', async () => {
    const dir = tempDir('compare-one-state');
    const [a] = await saveStates(dir);
    const link = join(dir, 'link.json');
    symlinkSync(a, link);
    const hard = join(dir, 'hard.json');
    linkSync(a, hard);
    const dotted = `${dir}/./${basename(a)}`;
    for (const b of [a, dotted, link, hard]) {
      for (const args of [
        [a, b],
        ['--a-state', a, '--b-state', b],
      ]) {
        const result = await run(['compare', ...args, ...fast]);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        const [line] = errorLines(result.stderr);
        expect(line).toContain('compare two different models');
        expect(line).toContain(a);
        expect(line).toContain(b);
      }
    }
  });

  it('refuses one prediction folder given for A and B however it is spelled, naming both (exit 2)', async () => {
    const link = join(tempDir('compare-one-folder'), 'pred-link');
    symlinkSync(sample.predDir, link);
    for (const b of [sample.predDir, `${dirname(sample.predDir)}/./pred`, `${sample.predDir}/`, link]) {
      const result = await run(['compare', ...base, '--pred', sample.predDir, '--pred', b, ...fast, ...one]);
      expect(result.code, `${b}: ${result.stderr}`).toBe(2);
      const [line] = errorLines(result.stderr);
      expect(line).toContain('compare two different prediction folders');
      expect(line).toContain(sample.predDir);
      expect(line).toContain(b);
    }
  });

  it('refuses an output it cannot write before counting either model (exit 1)', async () => {
    const dir = tempDir('compare-unwritable');
    for (const flag of ['-o', '--report']) {
      const result = await run(['compare', ...folders, ...fast, ...one, flag, dir]);
      expect(result.code, result.stderr).toBe(1);
      expect(errorLines(result.stderr)[0]).toContain(
        `${dir}: cannot write ${flag === '-o' ? '-o/--output' : '--report'} there: it is a directory`,
      );
    }
  });

  it('gives Δ = 0, p = 1 and "no detectable difference" for identical models', async () => {
    const dir = tempDir('compare-same');
    const [a] = await saveStates(dir);
    const copy = join(dir, 'copy.json');
    const again = await run(['eval', ...base, '--pred', sample.predDir, ...one, '--save-state', copy, '-q']);
    expect(again.code).toBe(0);
    const report = (await runJson(['compare', a, copy, ...fast])) as {
      delta: Record<string, { estimate: number; ci: number[]; pValue: number }>;
      perClass: { delta: number | null; pValue: number | null }[];
      verdict: { outcome: string };
    };
    for (const delta of Object.values(report.delta)) {
      if (delta.estimate === null) continue;
      expect(delta.estimate).toBe(0);
      expect(delta.ci).toEqual([0, 0]);
      expect(delta.pValue).toBe(1);
    }
    for (const row of report.perClass) if (row.delta !== null) expect(row.pValue).toBe(1);
    expect(report.verdict.outcome).toBe('no-detectable-difference');
  });

  it('swapping A and B negates every difference and its interval and keeps the p-values', async () => {
    const [a, b] = await saveStates(tempDir('compare-swap'));
    type Delta = { estimate: number; ci: [number, number] | null; pValue: number | null };
    const ab = (await runJson(['compare', a, b, ...fast])) as { delta: Record<string, Delta> };
    const ba = (await runJson(['compare', b, a, ...fast])) as { delta: Record<string, Delta> };
    for (const [id, d] of Object.entries(ab.delta)) {
      const e = ba.delta[id]!;
      if (d.estimate === null) continue;
      expect(e.estimate).toBeCloseTo(-d.estimate, 12);
      expect(e.ci![0]).toBeCloseTo(-d.ci![1], 12);
      expect(e.ci![1]).toBeCloseTo(-d.ci![0], 12);
      expect(e.pValue).toBe(d.pValue);
    }
  });

  it('prints the plain-language line, the summary and per-class tables, and Markdown', async () => {
    const table = await run(['compare', ...folders, ...fast, ...one]);
    expect(table.code, table.stderr).toBe(0);
    const json = await runJson(['compare', ...folders, ...fast, ...one]);
    const verdict = (json.verdict as { text: string }).text;
    expect(table.stdout.split('\n')[0]).toBe(verdict);
    expect(verdict).toMatch(/^(B is (better|worse) by|No detectable difference in mIoU)/);
    expect(verdict).toContain('12 images)');
    expect(table.stdout).toMatch(/^mIoU\s+\d+\.\d\d\s+\[/m);
    expect(table.stdout).toContain('p (Holm)');
    const markdown = await run(['compare', ...folders, ...fast, ...one, '--format', 'markdown']);
    expect(markdown.stdout).toContain(`**${verdict}**`);
    expect(markdown.stdout).toContain('| mIoU |');
  });

  it('writes the HTML comparison report with the JSON embedded, and -o atomically', async () => {
    const dir = tempDir('compare-report');
    const html = join(dir, 'c.html');
    const out = join(dir, 'c.json');
    const result = await run([
      'compare',
      ...folders,
      ...fast,
      ...one,
      '--report',
      html,
      '-o',
      out,
      '-f',
      'json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    const open = '<script type="application/json" id="segmetrics-data">';
    const start = page.indexOf(open) + open.length;
    expect(page.slice(start, page.indexOf('</script>', start))).toBe(readFileSync(out, 'utf8'));
    expect(page).toContain('id="class-delta-chart"');
    expect(page).toContain('id="image-delta-chart"');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('names the images missing on one side, the setting that differs and the class count', async () => {
    const dir = tempDir('compare-errors');
    const [a] = await saveStates(dir);
    const subset = join(dir, 'subset.json');
    expect(
      (
        await run([
          'eval',
          ...base,
          '--pred',
          sample.predBDir!,
          '--exclude',
          'sample_003',
          '--save-state',
          subset,
          '-q',
        ])
      ).code,
    ).toBe(0);
    const missing = await run(['compare', a, subset, ...fast]);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)[0]).toMatch(/only in A: "sample_003/);
    expect(errorLines(missing.stderr)[0]).toContain(subset);

    const other = join(dir, 'other.json');
    const absent = ['--absent', 'zero'];
    expect(
      (await run(['eval', ...base, '--pred', sample.predBDir!, ...absent, '--save-state', other, '-q'])).code,
    ).toBe(0);
    const settings = await run(['compare', a, other, ...fast]);
    expect(settings.code).toBe(1);
    expect(errorLines(settings.stderr)[0]).toContain('absent: not set (its default) vs "zero"');
    expect(errorLines(settings.stderr)[0]).toContain(other);

    const classes = join(dir, 'classes.json');
    const twenty = [
      '--gt',
      sample.gtDir,
      '--pred',
      sample.predBDir!,
      '--num-classes',
      '20',
      '--ignore-index',
      '255',
    ];
    expect((await run(['eval', ...twenty, '--save-state', classes, '-q'])).code).toBe(0);
    const count = await run(['compare', a, classes, ...fast]);
    expect(count.code).toBe(1);
    expect(errorLines(count.stderr)[0]).toMatch(/numClasses: 19 vs 20/);
  });

  it('refuses a state without per-image statistics, naming it (compare and --ci)', async () => {
    const dir = tempDir('compare-old');
    const [a] = await saveStates(dir);
    const old = join(dir, 'old.json');
    await saveStateWithoutPerImage(old, { gt: sample.gtDir, pred: sample.predBDir!, numClasses: 19 });
    const result = await run(['compare', a, old, ...fast]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)[0]).toContain(
      `${old}: the state was counted without per-image statistics`,
    );
    const merged = await run(['merge', old, '--ci']);
    expect(merged.code).toBe(1);
    expect(errorLines(merged.stderr)[0]).toContain(old);
    const resumed = await run(['eval', ...base, '--pred', sample.predBDir!, '--resume', old, '--ci']);
    expect(resumed.code).toBe(1);
    expect(errorLines(resumed.stderr)[0]).toContain(old);
  });

  it('gives one-line usage errors naming the option and value', async () => {
    const cases: [readonly string[], RegExp][] = [
      [['compare', ...base, '--pred', 'x'], /--pred: give --pred exactly twice/],
      [['compare', 'a.json'], /two state files/],
      [
        ['compare', 'a.json', 'b.json', '--aggregate', 'image'],
        /--aggregate: not used when comparing state files/,
      ],
      [['compare', ...folders, '--ci', '95'], /--ci: .*got 95/],
      [['compare', ...folders, '--bootstrap', '0'], /--bootstrap: .*got 0/],
      [['compare', ...folders, '--top-images', '-1'], /--top-images/],
      [['eval', ...base, '--pred', sample.predDir, '--ci', 'x.json'], /--ci: .*"x\.json"/],
      [['eval', ...base, '--pred', sample.predDir, '--seed', '1.5'], /--seed: .*"1\.5"/],
    ];
    for (const [args, pattern] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(errorLines(result.stderr)).toHaveLength(1);
      expect(errorLines(result.stderr)[0]).toMatch(pattern);
    }
  });
});

describe('segmetrics eval|merge --ci', () => {
  it('adds confidence to the JSON, the intervals to the table, and merge --ci equals eval --ci', async () => {
    const args = [...base, '--pred', sample.predDir, ...one];
    const plain = await runJson(['eval', ...args]);
    const withCi = await runJson(['eval', ...args, '--ci', '0.9', ...fast]);
    expect(withCi.confidence).toMatchObject({
      level: 0.9,
      samples: 200,
      seed: 3,
      method: 'percentile',
      unit: 'image',
    });
    const confidence = withCi.confidence as { summary: { mIoU: [number, number] }; perClass: unknown[] };
    expect(confidence.perClass).toHaveLength(19);
    expect(confidence.perClass[16]).toBeNull(); // train: absent everywhere
    const { confidence: _c, ...rest } = withCi;
    expect(rest).toEqual(plain); // --ci adds intervals and changes nothing else
    // --bootstrap alone implies --ci (level 0.95)
    expect((await runJson(['eval', ...args, '--bootstrap', '200'])).confidence).toMatchObject({
      level: 0.95,
    });
    const table = await run(['eval', ...args, '--ci', ...fast]);
    expect(table.stdout).toMatch(/mIoU \d+\.\d\d \[\d+\.\d, \d+\.\d\]/);

    const dir = tempDir('ci-merge');
    const states = [join(dir, 's1.json'), join(dir, 's2.json')];
    for (const [i, state] of states.entries()) {
      const shard = await run(['eval', ...args, '--shard', `${i + 1}/2`, '--save-state', state, '-q']);
      expect(shard.code).toBe(0);
    }
    const merged = await runJson(['merge', ...states, '--ci', '0.9', ...fast]);
    expect(merged.confidence).toEqual(withCi.confidence);
    // --save-state keeps per-image statistics without changing the report
    expect(withoutMergeFacts(await runJson(['merge', ...states]))).toEqual(plain);
  });
});
