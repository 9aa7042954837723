import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, type SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { pairCityscapes } from './pair-cityscapes.js';

function tree(files: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'segmetrics-io-cityscapes-'));
  for (const path of files) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x');
  }
  return root;
}

const GT = [
  'gt/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png',
  'gt/frankfurt/frankfurt_000000_000294_gtFine_instanceIds.png',
  'gt/frankfurt/frankfurt_000000_000294_gtFine_color.png',
  'gt/frankfurt/frankfurt_000000_000294_gtFine_labelTrainIds.png',
  'gt/lindau/lindau_000000_000019_gtFine_labelIds.png',
  'gt/lindau/lindau_000000_000019_gtFine_instanceIds.png',
];

describe('pairCityscapes', () => {
  it('pairs per-city predictions with any suffix, and finds the instance ids beside the labelIds', async () => {
    const root = tree([
      ...GT,
      'pred/frankfurt/frankfurt_000000_000294_leftImg8bit.png',
      'pred/lindau/lindau_000000_000019.png',
      'pred/lindau/munster_000000_000001_leftImg8bit.png',
    ]);
    const result = await pairCityscapes({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(result.pairs).toEqual([
      {
        id: 'frankfurt_000000_000294',
        gtPath: join(root, 'gt/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png'),
        predPath: join(root, 'pred/frankfurt/frankfurt_000000_000294_leftImg8bit.png'),
        instancesPath: join(root, 'gt/frankfurt/frankfurt_000000_000294_gtFine_instanceIds.png'),
      },
      {
        id: 'lindau_000000_000019',
        gtPath: join(root, 'gt/lindau/lindau_000000_000019_gtFine_labelIds.png'),
        predPath: join(root, 'pred/lindau/lindau_000000_000019.png'),
        instancesPath: join(root, 'gt/lindau/lindau_000000_000019_gtFine_instanceIds.png'),
      },
    ]);
    expect(result.missingPredictions).toEqual([]);
    expect(result.unmatchedPredictions).toEqual(['munster_000000_000001']);
    expect(result.missingInstances).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('reports the entries the walk left out (a dangling link)', async () => {
    const root = tree([...GT, 'pred/frankfurt_000000_000294.png', 'pred/lindau_000000_000019.png']);
    symlinkSync(join(root, 'nowhere.png'), join(root, 'pred', 'munster_000000_000001_leftImg8bit.png'));
    const result = await pairCityscapes({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(result.pairs).toHaveLength(2);
    expect(result.skipped).toEqual([expect.objectContaining({ side: 'pred', reason: 'dangling-link' })]);
  });

  it('pairs a flat prediction folder and reports images without a prediction', async () => {
    const root = tree([...GT, 'pred/frankfurt_000000_000294_pred_labelIds.png']);
    const result = await pairCityscapes({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') });
    expect(result.pairs.map((p) => p.predPath)).toEqual([
      join(root, 'pred/frankfurt_000000_000294_pred_labelIds.png'),
    ]);
    expect(result.missingPredictions).toEqual(['lindau_000000_000019']);
  });

  it('refuses two predictions for one image, naming both', async () => {
    const root = tree([
      ...GT,
      'pred/frankfurt/frankfurt_000000_000294_leftImg8bit.png',
      'pred/frankfurt_000000_000294_color.png',
      'pred/lindau_000000_000019.png',
    ]);
    const error = await pairCityscapes({ gtDir: join(root, 'gt'), predDir: join(root, 'pred') }).catch(
      (e: unknown) => e as SegmetricsError,
    );
    expect(error).toMatchObject({ code: ErrorCode.PAIRING_FAILED });
    expect((error as Error).message).toContain('frankfurt/frankfurt_000000_000294_leftImg8bit.png');
    expect((error as Error).message).toContain('frankfurt_000000_000294_color.png');
  });

  it('reports missing instance-id files, and skips instances when asked', async () => {
    const root = tree([
      'gt/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png',
      'pred/frankfurt_000000_000294_leftImg8bit.png',
    ]);
    const options = { gtDir: join(root, 'gt'), predDir: join(root, 'pred') };
    const result = await pairCityscapes(options);
    expect(result.missingInstances).toEqual([
      join(root, 'gt/frankfurt/frankfurt_000000_000294_gtFine_instanceIds.png'),
    ]);
    const skipped = await pairCityscapes({ ...options, instances: null });
    expect(skipped.missingInstances).toEqual([]);
    expect(skipped.pairs[0]!.instancesPath).toBeNull();
  });

  it('finds instance ids in another folder, laid out like the ground truth or flat', async () => {
    const root = tree([
      'gt/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png',
      'gt/lindau/lindau_000000_000019_gtFine_labelIds.png',
      'inst/frankfurt/frankfurt_000000_000294_gtFine_instanceIds.png',
      'inst/lindau_000000_000019_gtFine_instanceIds.png',
      'pred/frankfurt_000000_000294.png',
      'pred/lindau_000000_000019.png',
    ]);
    const result = await pairCityscapes({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      instances: join(root, 'inst'),
    });
    expect(result.pairs.map((p) => p.instancesPath)).toEqual([
      join(root, 'inst/frankfurt/frankfurt_000000_000294_gtFine_instanceIds.png'),
      join(root, 'inst/lindau_000000_000019_gtFine_instanceIds.png'),
    ]);
    await expect(
      pairCityscapes({ gtDir: join(root, 'gt'), predDir: join(root, 'pred'), instances: join(root, 'nope') }),
    ).rejects.toMatchObject({ code: ErrorCode.IO_FAILED });
  });

  it('filters images by glob over ids', async () => {
    const root = tree([...GT, 'pred/frankfurt_000000_000294.png', 'pred/lindau_000000_000019.png']);
    const result = await pairCityscapes({
      gtDir: join(root, 'gt'),
      predDir: join(root, 'pred'),
      include: ['lindau_*'],
    });
    expect(result.pairs.map((p) => p.id)).toEqual(['lindau_000000_000019']);
  });
});
