import { linkSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPaths } from './check-output-paths.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'segmetrics-paths-'));
}

async function refusal(files: Parameters<typeof checkOutputPaths>[0]): Promise<unknown> {
  try {
    await checkOutputPaths(files);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkOutputPaths', () => {
  it('refuses two outputs naming one new file, however the path is written', async () => {
    const dir = folder();
    const error = await refusal([
      { option: '--save-state', path: join(dir, 'x.json'), role: 'output' },
      {
        option: '-o/--output',
        path: relative(process.cwd(), join(dir, 'sub', '..', 'x.json')),
        role: 'output',
      },
    ]);
    expect(error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('--save-state') });
  });

  it('compares real files: a symbolic link or a hard link to an input is the input', async () => {
    const dir = folder();
    const state = join(dir, 'state.json');
    writeFileSync(state, '{}');
    symlinkSync(state, join(dir, 'link.json'));
    linkSync(state, join(dir, 'hard.json'));
    for (const alias of ['link.json', 'hard.json']) {
      const error = await refusal([
        { option: 'state file', path: state, role: 'input' },
        { option: '-o/--output', path: join(dir, alias), role: 'output' },
      ]);
      expect(error, alias).toMatchObject({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('-o/--output'),
      });
    }
  });

  it('accepts distinct files, two inputs that are one file, one group, and devices', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a'), '');
    writeFileSync(join(dir, 'c'), '');
    await expect(
      checkOutputPaths([
        { option: '-o', path: join(dir, 'a'), role: 'output' },
        { option: '--per-image', path: join(dir, 'b'), role: 'output' },
        { option: '--resume', path: join(dir, 's'), role: 'input', group: 'state' },
        { option: '--resume', path: join(dir, 's'), role: 'output', group: 'state' },
        { option: '--label-map', path: join(dir, 'c'), role: 'input' },
        { option: '--classes', path: join(dir, 'c'), role: 'input' },
      ]),
    ).resolves.toBeUndefined();
    if (process.platform !== 'win32') {
      await expect(
        checkOutputPaths([
          { option: '-o', path: '/dev/null', role: 'output' },
          { option: '--per-image', path: '/dev/null', role: 'output' },
        ]),
      ).resolves.toBeUndefined();
    }
  });
});
