import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir, tinyDataset } from './helpers.js';

describe('eval --stop-after n', () => {
  const { args, gt } = tinyDataset(40);
  // Pairs are counted in id order (`a`, `aa`, `b`, `bb`, …).
  const firstIds = readdirSync(gt)
    .map((file) => file.replace(/\.png$/, ''))
    .sort()
    .slice(0, 7);

  it.each([1, 2, 3])(
    'counts exactly the first n pairs with --workers %i, and resumes to the full result',
    async (workers) => {
      const dir = tempDir('stop-after');
      const state = join(dir, 'state.json');
      const stopped = await run([
        'eval',
        ...args,
        '--workers',
        String(workers),
        '--save-state',
        state,
        '--stop-after',
        '7',
      ]);
      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain('interrupted after 7 of 40 images');
      const saved = JSON.parse(readFileSync(state, 'utf8')) as {
        matrix: { imageStats: { sampleId: string }[] };
      };
      expect(saved.matrix.imageStats.map((s) => s.sampleId)).toEqual(firstIds);
      const resumed = await run(['eval', ...args, '--resume', state, '--format', 'json', '-q']);
      const whole = await run(['eval', ...args, '--format', 'json', '-q']);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toBe(whole.stdout);
    },
  );
});
