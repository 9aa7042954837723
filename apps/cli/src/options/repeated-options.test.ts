import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { run, tinyDataset } from '../../test/helpers.js';
import { rejectRepeatedOptions } from './repeated-options.js';

describe('a value option given twice', () => {
  const { gt, pred } = tinyDataset();
  const predB = tinyDataset().pred;
  const base = ['--gt', gt, '--pred', pred, '--num-classes', '3', '-q', '--format', 'json'];

  it.each([
    [['--pred', pred], "option '--pred <dir>' given twice", '--pred'],
    [['-n', '4'], 'option \'-n, --num-classes <n>\' given twice ("3", then "4")', '--num-classes'],
    [['--ci', '--ci', '0.5'], 'option \'--ci [level]\' given twice (without a value, then "0.5")', '--ci'],
    [['--format', 'csv'], "option '-f, --format <format>' given twice", '--format'],
    [['--workers', '1', '--workers', '2'], "option '-w, --workers <n>' given twice", '--workers'],
  ])('eval %j is a usage error naming the option (exit 2, nothing written)', async (extra, message, flag) => {
    const result = await run(['eval', ...base, ...extra]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`give ${flag} once`);
    expect(result.stderr).toContain('usage: segmetrics eval');
  });

  it('repeatable options and flags may be repeated', async () => {
    const result = await run([
      'eval',
      ...base,
      '--ignore-index',
      '255',
      '--ignore-index',
      '254',
      '--exclude-classes',
      '0',
      '--exclude-classes',
      '1',
      '-q',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      settings: { ignoreIndex: number[]; excludeClasses: number[] };
    };
    expect(report.settings.ignoreIndex).toEqual([254, 255]);
    expect(report.settings.excludeClasses).toEqual([0, 1]);
  });

  it('compare takes --pred twice (model A, then B) but not another repeated option', async () => {
    const ok = await run([
      'compare',
      '--gt',
      gt,
      '--pred',
      pred,
      '--pred',
      predB,
      '--num-classes',
      '3',
      '-q',
    ]);
    expect(ok.code).toBe(0);
    const twice = await run([
      'compare',
      '--gt',
      gt,
      '--pred',
      pred,
      '--pred',
      predB,
      '--num-classes',
      '3',
      '--num-classes',
      '3',
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("option '-n, --num-classes <n>' given twice");
  });
});

describe('rejectRepeatedOptions', () => {
  it('counts the occurrences of each parse on its own (a program parsed twice)', async () => {
    const command = new Command('x').exitOverride().configureOutput({ writeErr: () => {} });
    command.option('-n, --num <n>', 'a number').action(() => {});
    rejectRepeatedOptions(command);
    await command.parseAsync(['-n', '1'], { from: 'user' });
    await command.parseAsync(['--num', '2'], { from: 'user' });
    expect(command.opts().num).toBe('2');
    await expect(command.parseAsync(['-n', '3', '-n', '4'], { from: 'user' })).rejects.toThrow(
      'option \'-n, --num <n>\' given twice ("3", then "4")',
    );
  });
});
