import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tinyDataset } from './helpers.js';

describe('segmetrics eval on folders with links', () => {
  it('counts each image once through a link loop and names every entry it skipped', async () => {
    const { gt, pred, args } = tinyDataset(2);
    const plain = await run(['eval', ...args, '--format', 'json']);
    symlinkSync('.', join(gt, 'loop'));
    symlinkSync(join(gt, 'nowhere.png'), join(gt, 'c.png'));
    symlinkSync(join(pred, 'nowhere.png'), join(pred, 'b2.png'));
    const linked = await run(['eval', ...args, '--format', 'json']);
    expect(linked.code).toBe(0);
    expect(JSON.parse(linked.stdout).images).toBe(2);
    expect(JSON.parse(linked.stdout).summary).toEqual(JSON.parse(plain.stdout).summary);
    const warning = linked.stderr.split('\n').find((line) => line.includes('skipped'));
    expect(warning).toMatch(/^warning: 3 folder entries were skipped and not evaluated: /);
    expect(warning).toContain(`${join(gt, 'c.png')} (symbolic link to nothing, or a loop of links)`);
    expect(warning).toContain(`${join(pred, 'b2.png')} (symbolic link to nothing, or a loop of links)`);
    expect(warning).toContain(`${join(gt, 'loop')} (already listed as ${gt})`);
    expect(plain.stderr).not.toContain('skipped');
  });

  it('says nothing about skipped entries under -q', async () => {
    const { gt, args } = tinyDataset(1);
    symlinkSync(join(gt, 'nowhere.png'), join(gt, 'z.png'));
    const result = await run(['eval', ...args, '-q']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
