import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstSharedInput, sameInput } from './same-input.js';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmetrics-same-input-'));
  mkdirSync(join(dir, 'pred'));
  writeFileSync(join(dir, 'a.json'), '{}');
  writeFileSync(join(dir, 'b.json'), '{}');
  symlinkSync(join(dir, 'a.json'), join(dir, 'link.json'));
  linkSync(join(dir, 'a.json'), join(dir, 'hard.json'));
  symlinkSync(join(dir, 'pred'), join(dir, 'pred-link'));
  return dir;
}

describe('sameInput', () => {
  it('sameInput takes other spellings, symbolic and hard links of a file or folder for the same input', async () => {
    const dir = folder();
    const a = join(dir, 'a.json');
    for (const other of [
      a,
      `${dir}/./a.json`,
      `${dir}/pred/../a.json`,
      join(dir, 'link.json'),
      join(dir, 'hard.json'),
    ])
      expect(await sameInput(a, other), other).toBe(true);
    for (const other of [`${dir}/pred/.`, `${dir}/pred/`, join(dir, 'pred-link')])
      expect(await sameInput(join(dir, 'pred'), other), other).toBe(true);
  });

  it('sameInput tells different files apart, even with equal contents, and missing paths by their absolute path', async () => {
    const dir = folder();
    expect(await sameInput(join(dir, 'a.json'), join(dir, 'b.json'))).toBe(false);
    expect(await sameInput(join(dir, 'a.json'), join(dir, 'pred'))).toBe(false);
    expect(await sameInput(join(dir, 'missing.json'), `${dir}/./missing.json`)).toBe(true);
    expect(await sameInput(join(dir, 'missing.json'), join(dir, 'a.json'))).toBe(false);
  });
});

describe('firstSharedInput', () => {
  it('firstSharedInput returns the first pair (A, B) naming the same input, or null', async () => {
    const dir = folder();
    const [a, b, link] = ['a.json', 'b.json', 'link.json'].map((name) => join(dir, name)) as [
      string,
      string,
      string,
    ];
    expect(await firstSharedInput([a], [b])).toBeNull();
    expect(await firstSharedInput([b, a], [link])).toEqual([a, link]);
  });
});
