import { existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritableOutputs } from './check-writable-outputs.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'segmetrics-writable-'));
}

async function refusal(path: string, role: 'output' | 'input' = 'output'): Promise<unknown> {
  try {
    await checkWritableOutputs([{ option: '--save-state', path, role }]);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkWritableOutputs', () => {
  it('checkWritableOutputs refuses a folder, a link to one and a path below a file with IO_FAILED naming it', async () => {
    const dir = folder();
    symlinkSync(dir, `${dir}-link`);
    writeFileSync(join(dir, 'file'), '');
    for (const [path, errno] of [
      [dir, 'EISDIR'],
      [`${dir}-link`, 'EISDIR'],
      [join(dir, 'file', 'state.json'), 'ENOTDIR'],
    ] as const) {
      expect(await refusal(path)).toMatchObject({
        code: 'IO_FAILED',
        message: expect.stringContaining(`${path}: cannot write --save-state there`),
        context: { file: path, errno },
      });
    }
  });

  it('checkWritableOutputs accepts new files (in missing folders too), existing files and devices, and leaves nothing behind', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'old.json'), '{}');
    for (const path of [
      join(dir, 'new.json'),
      join(dir, 'a', 'b', 'new.json'),
      join(dir, 'old.json'),
      '/dev/null',
    ]) {
      expect(await refusal(path)).toBeUndefined();
    }
    expect(readdirSync(dir)).toEqual(['old.json']);
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('checkWritableOutputs does not check inputs', async () => {
    expect(await refusal(folder(), 'input')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux' && existsSync('/sys/kernel'))(
    'checkWritableOutputs refuses a folder in which no file can be created, even as root (/sys)',
    async () => {
      expect(await refusal('/sys/kernel/state.json')).toMatchObject({ code: 'IO_FAILED' });
      // In folders that do not exist yet there either (the writer would fail creating them, at the end).
      expect(await refusal('/sys/kernel/new-folder/state.json')).toMatchObject({ code: 'IO_FAILED' });
      // Through a dangling link, which the writer follows.
      const link = join(folder(), 'state.json');
      symlinkSync('/sys/kernel/missing/state.json', link);
      expect(await refusal(link)).toMatchObject({ code: 'IO_FAILED' });
    },
  );

  it('checkWritableOutputs follows a dangling link to where the writer would write', async () => {
    const dir = folder();
    const target = join(dir, 'real', 'state.json');
    symlinkSync(target, join(dir, 'link.json'));
    expect(await refusal(join(dir, 'link.json'))).toBeUndefined();
    writeFileSync(join(dir, 'file'), '');
    symlinkSync(join(dir, 'file', 'state.json'), join(dir, 'below-a-file.json'));
    expect(await refusal(join(dir, 'below-a-file.json'))).toMatchObject({
      code: 'IO_FAILED',
      context: { errno: 'ENOTDIR' },
    });
  });
});
