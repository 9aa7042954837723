import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NUM_CLASSES, maxWorkers } from '../src/options/limits.js';
import { errorLines, run, STACK_TRACE, tempDir, tinyDataset } from './helpers.js';

/** Runs eval on a tiny dataset; returns the exit code and the one error line, if any. */
async function evalWith(flags: readonly string[], env: Record<string, string> = {}) {
  const { gt, pred } = tinyDataset();
  const result = await run(['eval', '--gt', gt, '--pred', pred, '-q', ...flags], env);
  expect(result.stderr).not.toMatch(STACK_TRACE);
  return { code: result.code, error: errorLines(result.stderr)[0] ?? '' };
}

describe('segmetrics numeric options', () => {
  it('refuses --workers above 4 × the available cores (at most 64) with one line naming the limit', async () => {
    const max = maxWorkers(availableParallelism());
    const above = await evalWith(['-n', '3', '--workers', String(max + 1)]);
    expect(above.code).toBe(2);
    expect(above.error).toBe(
      `error: --workers: at most ${max} (4 × ${availableParallelism()} available core${availableParallelism() === 1 ? '' : 's'}, and never above 64), got ${max + 1}`,
    );
    expect((await evalWith(['-n', '3', '--workers', '1000'])).code).toBe(2);
    expect(maxWorkers(1000)).toBe(64);
  });

  it(`refuses --num-classes above ${MAX_NUM_CLASSES}, and so many names in --classes`, async () => {
    const above = await evalWith(['--num-classes', String(MAX_NUM_CLASSES + 1)]);
    expect(above.code).toBe(2);
    expect(above.error).toContain(`--num-classes: at most ${MAX_NUM_CLASSES}`);
    for (const huge of ['65536', '2147483648', '99999999999999999999']) {
      expect((await evalWith(['--num-classes', huge])).code, huge).toBe(2);
    }
    const names = join(tempDir('names'), 'classes.txt');
    writeFileSync(names, Array.from({ length: MAX_NUM_CLASSES + 1 }, (_, i) => `c${i}`).join('\n'));
    const many = await evalWith(['--classes', names]);
    expect(many.code).toBe(2);
    expect(many.error).toContain('--classes');
  });

  it.each([['1e3'], ['0x10'], ['5abc'], ['-0'], ['-3'], ['+3'], ['3.0'], ['']])(
    'refuses --num-classes %j deliberately (decimal digits only)',
    async (value) => {
      const result = await evalWith(['--num-classes', value]);
      expect(result.code).toBe(2);
      expect(result.error).toContain('--num-classes');
    },
  );

  it('accepts surrounding white space and leading zeros in whole numbers', async () => {
    expect((await evalWith(['--num-classes', ' 3', '--workers', '01'])).code).toBe(0);
  });

  it.each([
    [['--stop-after', '0']],
    [['--stop-after', '1e3']],
    [['--stop-after', '9007199254740992']],
    [['--shard', '1/100001']],
    [['--shard', '1/1e3']],
    [['--shard', 'auto', '--shard-count', '0x2']],
    [['--beta', '0']],
    [['--beta', '1e300']],
    [['--beta', '0x2']],
    [['--absent', '2']],
    [['--absent', '0x1']],
    [['--unknown-color', '4294967299']],
    [['--unknown-color', '65536']],
    [['--unknown-color', '7']],
    [['--ignore-index', '4294967296']],
    [['--ignore-index', '1e3']],
    [['--exclude-classes', '3']],
  ])('refuses %j with one line naming the option (exit code 2)', async (flags) => {
    const result = await evalWith(['-n', '3', ...flags], { JOB_COMPLETION_INDEX: '0' });
    expect(result.code).toBe(2);
    expect(result.error).toContain(
      flags[0] === '--shard' && flags[1] === 'auto' ? '--shard-count' : flags[0]!,
    );
  });

  it('reads SEGMETRICS_SAVE_INTERVAL as seconds from 0 to 86400 and names it otherwise', async () => {
    for (const value of ['abc', '-1', '86401', '0x10', '1e9']) {
      const result = await evalWith(['-n', '3'], { SEGMETRICS_SAVE_INTERVAL: value });
      expect(result.code, value).toBe(2);
      expect(result.error).toContain(`SEGMETRICS_SAVE_INTERVAL`);
      expect(result.error).toContain(JSON.stringify(value));
    }
    expect((await evalWith(['-n', '3'], { SEGMETRICS_SAVE_INTERVAL: '0.5' })).code).toBe(0);
  });

  it('says which variable and value are wrong for --shard auto', async () => {
    const result = await evalWith(['-n', '3', '--shard', 'auto'], {
      SLURM_ARRAY_TASK_ID: 'x',
      SLURM_ARRAY_TASK_MIN: '0',
    });
    expect(result.code).toBe(2);
    expect(result.error).toContain('SLURM_ARRAY_TASK_ID="x"');
  });
});

describe('segmetrics own-property lookups', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    '--preset %s is UNKNOWN_PRESET listing the known presets',
    async (name) => {
      const result = await evalWith(['-n', '3', '--preset', name]);
      expect(result.code).toBe(2);
      expect(result.error).toContain(`unknown preset "${name}"`);
      expect(result.error).toContain('mmseg');
    },
  );

  it.each(['__proto__', 'constructor', 'toString'])('--metrics %s is UNKNOWN_METRIC', async (name) => {
    const result = await evalWith(['-n', '3', '--metrics', name]);
    expect(result.code).toBe(2);
    expect(result.error).toContain(`unknown metric "${name}"`);
  });

  it.each(['__proto__', 'constructor'])(
    '--dataset, --format and --exclude-classes refuse %s',
    async (name) => {
      expect((await evalWith(['--dataset', name])).code).toBe(2);
      expect((await evalWith(['-n', '3', '--format', name])).code).toBe(2);
      expect((await evalWith(['-n', '3', '--exclude-classes', name])).code).toBe(2);
    },
  );
});
