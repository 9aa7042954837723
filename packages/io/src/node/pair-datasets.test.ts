import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeLabelPng } from '../encode.js';
import { iteratePairs } from './iterate-pairs.js';
import { pairDatasets } from './pair-datasets.js';

function tree(files: Record<string, Uint8Array | string>): string {
  const root = mkdtempSync(join(tmpdir(), 'segmetrics-io-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const png = (value: number) => encodeLabelPng([value, value, value, value], 2, 2);

describe('pairDatasets', () => {
  it('pairDatasets pairs Cityscapes gtFine trainIds with leftImg8bit predictions by relative path', async () => {
    const root = tree({
      'gt/frankfurt/frankfurt_000000_000294_gtFine_labelTrainIds.png': png(1),
      'gt/frankfurt/frankfurt_000000_000294_gtFine_color.png': png(2),
      'gt/frankfurt/frankfurt_000000_000576_gtFine_labelTrainIds.png': png(3),
      'gt/lindau/lindau_000000_000019_gtFine_labelTrainIds.png': png(4),
      'pred/frankfurt/frankfurt_000000_000294_leftImg8bit.png': png(1),
      'pred/lindau/lindau_000000_000019_leftImg8bit.png': png(4),
      'pred/lindau/extra_leftImg8bit.png': png(5),
    });
    const result = await pairDatasets({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      gtSuffix: '_gtFine_labelTrainIds.png',
      predSuffix: '_leftImg8bit.png',
    });
    expect(result.pairs.map((p) => p.id)).toEqual([
      'frankfurt/frankfurt_000000_000294',
      'lindau/lindau_000000_000019',
    ]);
    expect(result.pairs[0]!.gtPath).toBe(
      join(root, 'gt/frankfurt/frankfurt_000000_000294_gtFine_labelTrainIds.png'),
    );
    expect(result.missingPredictions).toEqual(['frankfurt/frankfurt_000000_000576']);
    expect(result.unmatchedPredictions).toEqual(['lindau/extra']);
  });

  it('pairDatasets pairs same-named files across extensions, filters ids by glob and is sorted', async () => {
    const root = tree({
      'gt/b.png': png(1),
      'gt/a.png': png(1),
      'gt/sub/c.png': png(1),
      'pred/a.npy': 'x',
      'pred/b.png': 'x',
      'pred/sub/c.png': 'x',
    });
    const all = await pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(all.pairs.map((p) => p.id)).toEqual(['a', 'b', 'sub/c']);
    const filtered = await pairDatasets({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      include: ['sub/**', 'a'],
      exclude: ['a'],
    });
    expect(filtered.pairs.map((p) => p.id)).toEqual(['sub/c']);
  });

  it('pairDatasets names the ground-truth files of an unread image format its walk left out', async () => {
    const root = tree({
      'gt/a.png': png(1),
      'gt/sub/b.JPG': 'x',
      'gt/c.tif': 'x',
      'gt/notes.txt': 'x',
      'gt/.hidden.jpg': 'x',
      'pred/a.png': png(1),
      'pred/d.jpg': 'x',
    });
    const result = await pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(result.pairs.map((p) => p.id)).toEqual(['a']);
    expect(result.unreadGroundTruth?.count).toBe(2);
    expect(result.unreadGroundTruth?.examples).toEqual(['c.tif', 'sub/b.JPG']);
    // The images beside the label maps (`<id>.jpg` by `<id>_mask.png` under --gt-suffix) are not left out.
    const beside = tree({
      'gt/img0.jpg': 'x',
      'gt/img0_mask.png': png(1),
      'gt/sub/img1_leftImg8bit.jpg': 'x',
      'gt/sub/img1_mask.png': png(1),
      'gt/lost.jpg': 'x',
      'pred/img0.png': png(1),
      'pred/sub/img1.png': png(1),
    });
    const suffixed = await pairDatasets({
      gtDir: join(beside, 'gt'),
      predDir: join(beside, 'pred'),
      gtSuffix: '_mask.png',
    });
    expect(suffixed.pairs.map((p) => p.id)).toEqual(['img0', 'sub/img1']);
    expect(suffixed.unreadGroundTruth).toEqual({ examples: ['lost.jpg'], count: 1, extensions: ['.jpg'] });
    const clean = tree({ 'gt/a.png': png(1), 'gt/readme.md': 'x', 'pred/a.png': png(1) });
    expect(
      (await pairDatasets({ gtDir: join(clean, 'gt'), predDir: join(clean, 'pred') })).unreadGroundTruth,
    ).toBeNull();
  });

  it('pairDatasets gives each path as resolve(folder, relative path) for any spelling of the folders', async () => {
    const root = tree({
      'data/gt/a.png': png(1),
      'data/gt/sub/deeper/b.png': png(1),
      'elsewhere/c.png': png(1),
      'data/pred/a.png': png(1),
      'data/pred/sub/deeper/b.png': png(1),
      'data/pred/linked/c.png': png(1),
    });
    symlinkSync(join(root, 'elsewhere'), join(root, 'data/gt/linked'));
    const spellings: [string, string][] = [
      [join(root, 'data/gt'), join(root, 'data/pred')],
      [`${join(root, 'data/gt')}/`, `${join(root, 'data', '.', 'x', '..', 'pred')}//`],
      [relative(process.cwd(), join(root, 'data/gt')), relative(process.cwd(), join(root, 'data/pred'))],
    ];
    for (const [gtDir, predDir] of spellings) {
      const { pairs } = await pairDatasets({ gtDir, predDir });
      expect(pairs.map((p) => p.id)).toEqual(['a', 'linked/c', 'sub/deeper/b']);
      for (const pair of pairs) {
        expect(pair.gtPath).toBe(resolve(gtDir, `${pair.id}.png`));
        expect(pair.predPath).toBe(resolve(predDir, `${pair.id}.png`));
      }
    }
  });

  it('pairDatasets keys files by a regex capture group', async () => {
    const root = tree({ 'gt/img_001_mask.png': png(1), 'pred/pred-001.png': png(1) });
    const result = await pairDatasets({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      gtPattern: /img_(?<id>\d+)_mask\.png$/,
      predPattern: 'pred-(\\d+)\\.png$',
    });
    expect(result.pairs.map((p) => p.id)).toEqual(['001']);
  });

  it('pairDatasets matches a flat prediction folder by basename', async () => {
    const root = tree({ 'gt/city/x_gt.png': png(1), 'pred/x_pred.png': png(1) });
    const result = await pairDatasets({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      gtSuffix: '_gt.png',
      predSuffix: '_pred.png',
      matchBy: 'basename',
    });
    expect(result.pairs.map((p) => p.id)).toEqual(['x']);
  });

  it('pairDatasets throws IO_FAILED for a missing folder and PAIRING_FAILED for two files with one key', async () => {
    const root = tree({ 'gt/a.png': png(1), 'gt/a.npy': 'x', 'pred/a.png': png(1) });
    await expect(
      pairDatasets({ gtDir: join(root, 'nope'), predDir: join(root, 'pred') }),
    ).rejects.toMatchObject({
      code: 'IO_FAILED',
      context: { file: join(root, 'nope') },
    });
    await expect(
      pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') }),
    ).rejects.toMatchObject({
      code: 'PAIRING_FAILED',
    });
    await expect(
      pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred'), gtSuffix: 'x', gtPattern: 'y' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});

describe('iteratePairs', () => {
  it('iteratePairs yields decoded pairs in order with bounded concurrency', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 9; i++) {
      files[`gt/${i}.png`] = png(i);
      files[`pred/${i}.png`] = png(i + 1);
    }
    const root = tree(files);
    const { pairs } = await pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    for (const concurrency of [1, 3, 20]) {
      const seen: [string, number, number][] = [];
      for await (const { pair, gt, pred } of iteratePairs(pairs, { concurrency }))
        seen.push([pair.id, gt.data[0]!, pred.data[0]!]);
      expect(seen).toEqual(pairs.map((p) => [p.id, Number(p.id), Number(p.id) + 1]));
    }
  });

  it('iteratePairs throws the typed error of a bad file when the consumer reaches it, naming file and id', async () => {
    const root = tree({
      'gt/a.png': png(1),
      'pred/a.png': png(1),
      'gt/b.png': png(1),
      'pred/b.png': 'not a png',
    });
    const { pairs } = await pairDatasets({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const { pair } of iteratePairs(pairs, { concurrency: 2 })) seen.push(pair.id);
      })(),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      context: { id: 'b', file: join(root, 'pred/b.png') },
    });
    expect(seen).toEqual(['a']);
    await expect(iteratePairs(pairs, { concurrency: 0 }).next()).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});
